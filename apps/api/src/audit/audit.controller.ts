/**
 * The auditor's proofs (api.md, "Proofs and what-if"): the latest signed checkpoint and the log's
 * key for anyone signed in; inclusion and consistency proofs and a cycle's audit bundle for
 * auditors. Every answer is computed from the tree in O(log n) reads (libs/transparency).
 */
import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { buildAuditBundle, BundleUnavailableError, leafBase64, type TransparencyLog } from '#transparency';
import { DomainError } from '#domain';
import { Roles } from '../auth/roles.decorator.js';
import { CycleParams } from '../cycles/step.dto.js';
import { ProblemError, SHELL_PROBLEMS } from '../problems/problem.js';
import { EVENT_STORE, TRANSPARENCY_LOG } from '../shell/tokens.js';
import { BundleQuery, ConsistencyQuery, InclusionQuery, WhatIfQuery } from './audit.dto.js';
import { whatIf } from '#projections';
import { parseRatio, type TieBreaker } from '#domain';
import { readCycleLog } from '#transparency';
import { CurrentLang } from './lang.js';
import { parseStreamName } from '#domain';
import type { ReadModels } from '#projections';
import { CurrentCaller, type CallerContext } from '../auth/caller.decorator.js';
import { READ_MODELS } from '../queries/read-side.js';
import { visibleCycle } from '../queries/read-side.js';

@ApiTags('proofs')
@ApiBearerAuth('bearer')
@Controller()
export class AuditController {
  constructor(
    @Inject(TRANSPARENCY_LOG) private readonly log: TransparencyLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get('audit/checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'the latest C2SP signed checkpoint (origin, tree size, base64 root, Ed25519 signature)' })
  async checkpoint(): Promise<string> {
    await this.log.sync();
    const latest = this.log.latestCheckpoint();
    if (!latest) throw ProblemError.of('NO_CHECKPOINT');
    return latest.note;
  }

  @Get('audit/log-key')
  @ApiOperation({ summary: "the log's origin and its verifier key (C2SP vkey)" })
  @ApiOkResponse({ description: '{ origin, verifierKey }' })
  logKey() {
    return { origin: this.log.logOrigin, verifierKey: this.log.verifierKey };
  }

  @Get('audit/proofs/inclusion')
  @Roles('auditor')
  @ApiOperation({ summary: 'the inclusion proof of the event at a position in a tree of a given size' })
  async inclusion(@Query() q: InclusionQuery, @CurrentCaller() who: CallerContext) {
    const leafIndex = this.log.leafIndexOf(q.position);
    if (leafIndex === undefined || leafIndex >= q.treeSize || q.treeSize > this.log.treeSize())
      throw ProblemError.of('TREE_SIZE_OUT_OF_RANGE');
    const [event] = await this.store.readAll({ after: q.position - 1, maxCount: 1 });
    if (!event || event.position !== q.position) throw ProblemError.of('TREE_SIZE_OUT_OF_RANGE');
    // An event of a cycle the auditor may not see is not shown (its leaf carries its content).
    const stream = parseStreamName(event.streamId);
    if (stream && !who.caller.roles.includes('national-auditor'))
      await visibleCycle(this.readModels, stream.cycleId, who.caller);
    return {
      leafIndex,
      treeSize: q.treeSize,
      leaf: leafBase64(event),
      hashes: this.log.inclusion(leafIndex, q.treeSize).map(base64),
    };
  }

  @Get('audit/proofs/consistency')
  @Roles('auditor')
  @ApiOperation({ summary: 'the consistency proof between two tree sizes' })
  consistency(@Query() q: ConsistencyQuery) {
    if (q.from > q.to || q.to > this.log.treeSize()) throw ProblemError.of('TREE_SIZE_OUT_OF_RANGE');
    return { from: q.from, to: q.to, hashes: this.log.consistency(q.from, q.to).map(base64) };
  }

  @Get('cycles/:cycleId/audit-bundle')
  @Roles('auditor')
  @Header('Content-Disposition', 'attachment; filename="audit-bundle.json"')
  @ApiOperation({
    summary:
      "the cycle's events with leaves and inclusion proofs against one signed checkpoint, the checkpoint and the key: for `npm run verify`",
  })
  async bundle(@Param() p: CycleParams, @Query() q: BundleQuery, @CurrentCaller() who: CallerContext) {
    await visibleCycle(this.readModels, p.cycleId, who.caller);
    try {
      return await buildAuditBundle(this.store, this.log, p.cycleId, q.since === undefined ? {} : { since: q.since });
    } catch (error) {
      if (!(error instanceof BundleUnavailableError)) throw error;
      if (error.code === 'CYCLE_NOT_FOUND') throw new DomainError('CYCLE_NOT_FOUND');
      if (error.code === 'LOG_REWRITTEN')
        throw ProblemError.of('LOG_REWRITTEN', undefined, {
          en: `${SHELL_PROBLEMS.LOG_REWRITTEN.en}: ${error.message}`,
        });
      throw ProblemError.of(error.code === 'NO_CHECKPOINT' ? 'NO_CHECKPOINT' : 'TREE_SIZE_OUT_OF_RANGE');
    }
  }

  @Get('cycles/:cycleId/what-if')
  @Roles('auditor')
  @ApiOperation({
    summary:
      "hypothetical: the ranking and the vote's results recomputed from the log under other rules; nothing is written",
  })
  async whatIf(
    @Param() p: CycleParams,
    @Query() q: WhatIfQuery,
    @CurrentLang() lang: 'vi' | 'en',
    @CurrentCaller() who: CallerContext,
  ) {
    await visibleCycle(this.readModels, p.cycleId, who.caller);
    const events = await readCycleLog(this.store, p.cycleId);
    if (!events) throw new DomainError('CYCLE_NOT_FOUND');
    const tieBreak = q.tieBreak?.split(',') as TieBreaker[] | undefined;
    if (tieBreak && new Set(tieBreak).size !== tieBreak.length) {
      throw new DomainError('VALIDATION_FAILED', {
        vi: 'Khóa xếp hạng bị lặp',
        en: 'A tie-break key is repeated',
        errors: [{ field: 'tieBreak', message: 'mỗi khóa một lần', messageEn: 'each key once' }],
      });
    }
    const ratio = (field: string, value: string | undefined) => {
      if (value === undefined) return undefined;
      const parsed = parseRatio(/^[\d.]+$/.test(value) ? Number(value) : value);
      if (parsed === null)
        throw new DomainError('VALIDATION_FAILED', {
          vi: 'Tỷ lệ không hợp lệ',
          en: 'Invalid ratio',
          errors: [{ field, message: 'phải từ 0 đến 1', messageEn: 'must be between 0 and 1' }],
        });
      return parsed;
    };
    const quorum = ratio('quorum', q.quorum);
    const passThreshold = ratio('passThreshold', q.passThreshold);
    const rules = {
      ...(quorum ? { quorum } : {}),
      ...(passThreshold ? { passThreshold } : {}),
      ...(q.of ? { of: q.of } : {}),
      ...(tieBreak ? { tieBreak } : {}),
    };
    return whatIf(p.cycleId, events, rules, lang);
  }
}

const base64 = (hash: Buffer) => hash.toString('base64');
