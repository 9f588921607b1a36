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
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'thidua API' });
}

/** RFC 9457 problem details, as every error of the API is answered. */
const PROBLEM_SCHEMA = {
  type: 'object' as const,
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' as const, example: 'urn:thidua:problem:step-not-open' },
    title: { type: 'string' as const, example: 'Xung đột với trạng thái hiện tại' },
    status: { type: 'integer' as const, example: 409 },
    detail: { type: 'string' as const, example: 'Bước này chưa mở hoặc đã đóng' },
    code: { type: 'string' as const, example: 'STEP_NOT_OPEN' },
    errors: {
      type: 'array' as const,
      items: {
        type: 'object' as const,
        properties: {
          field: { type: 'string' as const, example: 'scores.0.points' },
          messages: { type: 'array' as const, items: { type: 'string' as const } },
        },
      },
    },
  },
};
