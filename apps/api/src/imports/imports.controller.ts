/** POST /cycles/import (a workbook → the body of POST /cycles, or its problems) and its template. Writes nothing. */
import { Controller, Get, HttpCode, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator.js';
import { recogniseMediaType } from '../attachments/media-type.js';
import { attachmentDisposition, MEDIA_TYPES } from '../documents/send-document.js';
import { ProblemError } from '../problems/problem.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

@ApiTags('cycle')
@ApiBearerAuth('bearer')
@Controller('cycles/import')
export class ImportsController {
  @Get('template.xlsx')
  @Roles('province')
  @ApiProduces(MEDIA_TYPES.xlsx)
  @ApiOperation({
    summary: 'the workbook to fill in: sheets Thông tin chung, Đơn vị, Tiêu chí, Khen thưởng (docs/cycle-import.md)',
  })
  async template(@Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    res.setHeader('Content-Type', MEDIA_TYPES.xlsx);
    res.setHeader('Content-Disposition', attachmentDisposition('mau-nhap-chu-ky-thi-dua.xlsx'));
    return new StreamableFile(await (await import('./cycle-template.js')).cycleTemplate());
  }

  @Post()
  @HttpCode(200)
  @Roles('province')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary:
      'reads a filled-in workbook (≤ 5 MB): the body POST /cycles would take, or 422 with problems by sheet, row and column; writes nothing',
  })
  async import(@UploadedFile() file: { buffer: Buffer; size: number } | undefined): Promise<Record<string, unknown>> {
    if (!file || file.size === 0)
      throw ProblemError.of('FILE_MISSING', [{ field: 'file', messages: ['bắt buộc: một tệp .xlsx'] }]);
    if ((await recogniseMediaType(file.buffer))?.ext !== 'xlsx') {
      throw ProblemError.of(
        'FILE_TYPE_NOT_ALLOWED',
        [{ field: 'file', messages: ['nội dung tệp không phải bảng tính Excel (.xlsx)'] }],
        {
          vi: 'Chỉ nhận bảng tính Excel (.xlsx), nhận biết theo nội dung tệp',
          en: 'Only an Excel workbook (.xlsx) is accepted, recognised by its content',
        },
      );
    }
    const read = await (await import('./read-cycle-workbook.js')).readCycleWorkbook(file.buffer);
    if (read.ok) return read.body;
    throw ProblemError.of(
      'IMPORT_PROBLEMS',
      read.problems.map((p) => ({
        field: p.sheet ? `${p.sheet}!${p.column}${p.row || ''}` : 'file',
        messages: [
          `${p.sheet ? `Trang tính «${p.sheet}»${p.row ? `, dòng ${p.row}` : ''}${p.column ? `, cột ${p.column}` : ''}: ` : ''}${p.message}`,
        ],
      })),
    );
  }
}
