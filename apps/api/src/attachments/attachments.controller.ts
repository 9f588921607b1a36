/** POST /attachments (one file, ≤ 20 MB, recognised by content) and GET /attachments/{sha256}. */
import { createHash } from 'node:crypto';
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query as QueryParams,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { Response } from 'express';
import type { ReadModels } from '#projections';
import { CurrentCaller, type CallerContext } from '../auth/caller.decorator.js';
import { maySeeCycle } from '../documents/document-access.js';
import { ProblemError } from '../problems/problem.js';
import { MinPositionQuery } from '../queries/query.dto.js';
import { awaitPosition, READ_MODELS } from '../queries/read-side.js';
import { ATTACHMENT_STORE } from '../shell/tokens.js';
import { SHA256_PATTERN, type AttachmentInfo, type AttachmentStore } from './attachment-store.js';
import { downloadName, uploadedFileName } from './file-names.js';
import { recogniseMediaType } from './media-type.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** What multer (memory storage) hands over of the file. */
type UploadedBytes = { buffer: Buffer; size: number; originalname: string };

class Sha256Params {
  @ApiProperty({ pattern: SHA256_PATTERN.source })
  @IsString()
  @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256!: string;
}

@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller('attachments')
export class AttachmentsController {
  constructor(
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 0, parts: 1 } }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary:
      'upload one file (PDF, DOCX, XLSX, JPEG, PNG; at most 20 MB): { sha256, size, mediaType, fileName }; the same bytes, the same answer',
  })
  async upload(@UploadedFile() file: UploadedBytes | undefined): Promise<AttachmentInfo> {
    if (!file || file.size === 0)
      throw ProblemError.of('FILE_MISSING', [{ field: 'file', messages: ['bắt buộc: đúng một tệp không rỗng'] }]);
    const type = await recogniseMediaType(file.buffer);
    if (!type)
      throw ProblemError.of('FILE_TYPE_NOT_ALLOWED', [
        { field: 'file', messages: ['nội dung tệp không phải PDF, DOCX, XLSX, JPEG hoặc PNG'] },
      ]);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.store.put(file.buffer, {
      sha256,
      size: file.size,
      mediaType: type.mediaType,
      fileName: uploadedFileName(file.originalname, type.ext),
    });
  }

  @Get(':sha256')
  @ApiOperation({
    summary: 'the file, for callers who may see a cycle referencing it (Content-Disposition: attachment, nosniff)',
  })
  async download(
    @Param() p: Sha256Params,
    @QueryParams() q: MinPositionQuery,
    @CurrentCaller() who: CallerContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    await awaitPosition(this.readModels, q.minPosition);
    let visible = false;
    for (const cycleId of this.readModels.cyclesReferencing(p.sha256)) {
      const cycle = await this.readModels.cycle(cycleId);
      if (cycle && maySeeCycle(who.caller, cycle.config)) visible = true;
    }
    // Not referenced by a cycle the caller may see: answered as if it did not exist.
    const found = visible ? await this.store.read(p.sha256) : undefined;
    if (!found) throw ProblemError.of('ATTACHMENT_NOT_FOUND');
    res.setHeader('Content-Type', found.info.mediaType);
    res.setHeader('Content-Disposition', downloadName(found.info.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('ETag', `"${p.sha256}"`);
    return new StreamableFile(found.bytes);
  }
}
