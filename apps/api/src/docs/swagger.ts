/** OpenAPI at /docs (UI) and /docs-json (document), generated from the controllers and DTOs. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('thidua API')
    .setDescription(
      'Quy trình thi đua – khen thưởng hằng năm của cụm, khối thi đua (event-sourced). ' +
        'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`. ' +
        'Every command accepts an `Idempotency-Key` header; every query accepts `minPosition`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'thidua API' });
}
