/**
 * The documents of a cycle (api.md, "Documents"): the score table, the minutes, the submission letter, the audit trail.
 */
import { Controller, Get, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type CallerContext } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { CycleParams } from '../cycles/step.dto.js';
import { ProblemError } from '../problems/problem.js';
import { StandingsQuery } from '../queries/query.dto.js';
import type { CycleFacts } from './cycle-facts.js';
import { DOCUMENT_ROLES } from './document-access.js';
import { GetCycleFactsQuery } from './exports.queries.js';
import { sendDocument, MEDIA_TYPES } from './send-document.js';

// The builders (exceljs, docx, pdfkit) are imported on first use: they would slow every start.
@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller('cycles/:cycleId/exports')
export class ExportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('standings.xlsx')
  @Roles(...DOCUMENT_ROLES)
  @ApiProduces(MEDIA_TYPES.xlsx)
  @ApiOperation({ summary: 'Bảng tổng hợp kết quả chấm điểm as a workbook (asOf= allowed)' })
  async standingsXlsx(
    @Param() p: CycleParams,
    @QueryParams() q: StandingsQuery,
    @CurrentCaller() who: CallerContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const facts = await this.facts(p, q, who);
    return sendDocument(
      res,
      await (await import('./standings-xlsx.js')).standingsWorkbook(facts),
      'bang-diem',
      facts,
      'xlsx',
    );
  }

  @Get('standings.pdf')
  @Roles(...DOCUMENT_ROLES)
  @ApiProduces(MEDIA_TYPES.pdf)
  @ApiOperation({ summary: 'the score table as an A4 landscape PDF with embedded fonts (asOf= allowed)' })
  async standingsPdf(
    @Param() p: CycleParams,
    @QueryParams() q: StandingsQuery,
    @CurrentCaller() who: CallerContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const facts = await this.facts(p, q, who);
    return sendDocument(res, await (await import('./standings-pdf.js')).standingsPdf(facts), 'bang-diem', facts, 'pdf');
  }

  @Get('minutes.docx')
  @Roles(...DOCUMENT_ROLES)
  @ApiProduces(MEDIA_TYPES.docx)
  @ApiOperation({ summary: 'Biên bản họp bình xét thi đua (after the vote closed; asOf= allowed)' })
  async minutes(
    @Param() p: CycleParams,
    @QueryParams() q: StandingsQuery,
    @CurrentCaller() who: CallerContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const facts = await this.facts(p, q, who);
    if (facts.vote.status !== 'closed')
      throw notReady(
        'Bỏ phiếu chưa kết thúc: chưa có biên bản họp bình xét',
        'The vote has not closed: there are no minutes yet',
      );
    return sendDocument(
      res,
      await (await import('./minutes-docx.js')).minutesDocument(facts),
      'bien-ban-binh-xet',
      facts,
      'docx',
    );
  }

  @Get('submission-letter.docx')
  @Roles(...DOCUMENT_ROLES)
  @ApiProduces(MEDIA_TYPES.docx)
  @ApiOperation({
    summary:
      'Tờ trình đề nghị khen thưởng (Mẫu số 01, citing the law in force on its date; after the nominations; asOf= allowed)',
  })
  async submissionLetter(
    @Param() p: CycleParams,
    @QueryParams() q: StandingsQuery,
    @CurrentCaller() who: CallerContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const facts = await this.facts(p, q, who);
    if (facts.nominations.status === 'none')
      throw notReady(
        'Cụm chưa trình đề nghị khen thưởng: chưa có tờ trình',
        'No nominations were submitted: there is no letter yet',
      );
    return sendDocument(
      res,
      await (await import('./submission-letter-docx.js')).submissionLetterDocument(facts),
      'to-trinh-khen-thuong',
      facts,
      'docx',
    );
  }

  @Get('audit-trail.xlsx')
  @Roles(...DOCUMENT_ROLES)
  @ApiProduces(MEDIA_TYPES.xlsx)
  @ApiOperation({ summary: 'the audit trail as a sheet; a ballot shows that a unit voted, never how (asOf= allowed)' })
  async auditTrail(
    @Param() p: CycleParams,
    @QueryParams() q: StandingsQuery,
    @CurrentCaller() who: CallerContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const facts = await this.facts(p, q, who);
    return sendDocument(
      res,
      await (await import('./audit-trail-xlsx.js')).auditTrailWorkbook(facts),
      'nhat-ky',
      facts,
      'xlsx',
    );
  }

  private facts(p: CycleParams, q: StandingsQuery, who: CallerContext): Promise<CycleFacts> {
    const at = {
      ...(q.asOf !== undefined ? { asOf: q.asOf } : {}),
      ...(q.atPosition !== undefined ? { atPosition: q.atPosition } : {}),
    };
    return this.queries.execute(new GetCycleFactsQuery(q.minPosition, p.cycleId, at, who.caller, who.actingRole));
  }
}

function notReady(vi: string, en: string): ProblemError {
  return ProblemError.of('DOCUMENT_NOT_READY', undefined, { vi, en });
}
