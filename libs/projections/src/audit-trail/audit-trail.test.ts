import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReadModels } from '../read-models.js';
import { CycleDriver } from '../testing/cycle-driver.js';
import { playYear, referencePlan, type PlayedYear } from '../testing/play-year.js';
import { tempStore } from '../testing/temp-store.js';
import type { AuditEntry } from './audit-trail.js';

describe('the audit trail of the reference year', () => {
  const temp = tempStore();
  let models: ReadModels;
  let played: PlayedYear;
  let trail: AuditEntry[];

  beforeAll(async () => {
    played = await playYear(new CycleDriver(temp.store), referencePlan());
    models = await ReadModels.start(temp.store, { dataDir: temp.dir });
    trail = (await models.auditTrail(played.cycleId))!;
  });

  afterAll(async () => {
    await models?.close();
    await temp.dispose();
  });

  it('lists every decision in log order, each with its actor, command and correlation ids', async () => {
    const all = await temp.store.readAll();
    const decisions = all.filter((e) => e.type !== 'BallotDeposited');
    expect(trail.map((e) => e.position)).toEqual(decisions.map((e) => e.position));
    expect(trail.map((e) => e.action)).toEqual(decisions.map((e) => e.type));
    trail.forEach((entry, i) => {
      expect(entry.at).toBe(decisions[i]!.metadata.occurredAt);
      expect(entry.commandId).toBe(decisions[i]!.metadata.commandId);
      expect(entry.correlationId).toBe(decisions[i]!.metadata.correlationId);
      expect(entry.actor.userId).toBe(decisions[i]!.metadata.actor.userId);
    });
  });

  it('says what happened in Vietnamese, naming the units', () => {
    expect(trail[0]).toMatchObject({
      action: 'CycleOpened',
      actor: { userId: 'so-noi-vu', role: 'province' },
      summary: 'Mở đợt thi đua năm 2020 của Cụm thi đua số 2: 6 đơn vị, trưởng cụm Huyện Chợ Mới, phó cụm Huyện An Phú',
    });
    const adjustment = trail.find((e) => e.action === 'ScoreAdjusted')!;
    expect(adjustment.summary).toBe(
      'Điều chỉnh điểm tiêu chí C3.1 (Xây dựng khóm, ấp, xã, thị trấn văn hóa) của Huyện Tri Tôn: 9,5 → 9',
    );
    expect(adjustment.reason).toBe('Kết quả thẩm định: hai ấp chưa đạt chuẩn văn hóa');
    expect(trail.find((e) => e.action === 'ScoresLocked')!.summary).toMatch(
      /^Khóa điểm và xếp hạng: 1\. Huyện An Phú \(97,17 điểm\); 2\. Huyện Châu Thành \(96,5 điểm\)/,
    );
    expect(trail.find((e) => e.action === 'AwardDecisionIssued')!.summary).toContain(
      'tặng Cờ thi đua của UBND tỉnh cho Huyện An Phú',
    );
  });

  it('shows that each unit voted, and never how', () => {
    const cast = trail.filter((e) => e.action === 'BallotCast');
    expect(cast.map((e) => e.actor.unitId).sort()).toEqual(
      referencePlan()
        .units.map((u) => u.id)
        .sort(),
    );
    expect(cast[0]!.summary).toMatch(/^Huyện .+ đã bỏ phiếu \(vòng 1\)$/);
    expect(trail.some((e) => e.action === 'BallotDeposited')).toBe(false);
    const text = JSON.stringify(trail);
    expect(text).not.toContain('"choices"');
    for (const { receipt } of played.receipts) expect(text).not.toContain(receipt);
  });

  it('is undefined for an unknown cycle', async () => {
    expect(await models.auditTrail('no-such-cycle')).toBeUndefined();
  });
});
