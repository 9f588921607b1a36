/** Bodies of the vote's routes (docs/api.md, "Vote, nomination, decision"). */
import { ID_PATTERN, LIMITS } from '#domain';
import { BoolField, EnumField, IdField, IntField, RecordField, isRecord, TextField } from '../dto/fields.js';

const unitList = (v: unknown) =>
  Array.isArray(v) && v.length <= LIMITS.units && v.every((id) => typeof id === 'string' && ID_PATTERN.test(id));
const approvals = (v: unknown) => isRecord(v, (b) => typeof b === 'boolean');
const counts = (v: unknown) =>
  isRecord(v, (c) => {
    if (c === null || typeof c !== 'object' || Array.isArray(c)) return false;
    const keys = Object.keys(c);
    const { approve, reject } = c as { approve?: unknown; reject?: unknown };
    return (
      keys.length === 2 &&
      Number.isSafeInteger(approve) &&
      Number.isSafeInteger(reject) &&
      (approve as number) >= 0 &&
      (reject as number) >= 0
    );
  });

export class OpenVoteDto {
  @RecordField(
    unitList,
    'lists of unit ids',
    { type: 'array', items: { type: 'string' } },
    {
      optional: true,
      description: "candidates per award kind (default: the ranking's top units per quota)",
      example: { 'emulation-flag': ['an-phu'], 'certificate-of-merit': ['chau-thanh', 'cho-moi'] },
    },
  )
  candidates?: Record<string, string[]>;

  @EnumField(['electronic', 'paper'], { optional: true }) mode?: 'electronic' | 'paper';

  @BoolField({
    optional: true,
    description:
      'list every ballot with its receipt after the close (default: no, receipt-freeness; each voter checks theirs at GET …/vote/receipts/{receipt})',
  })
  publishBallots?: boolean;
}

export class CloseVoteDto {
  @TextField(LIMITS.text, { optional: true }) summary?: string;
}

export class BallotDto {
  @IdField({ description: "the voting unit (the caller's own)" }) unitId!: string;

  @RecordField(
    approvals,
    'objects of candidate unit id → true (approve) or false (reject)',
    { type: 'object', additionalProperties: { type: 'boolean' } },
    {
      example: { 'emulation-flag': { 'an-phu': true } },
    },
  )
  choices!: Record<string, Record<string, boolean>>;
}

export class PaperTallyDto {
  @IntField(0, LIMITS.present) present!: number;
  @IntField(0, LIMITS.present, { optional: true, description: 'valid ballots marking nobody (phiếu trắng)' })
  blank?: number;
  @IntField(0, LIMITS.present, {
    optional: true,
    description: 'invalid ballots (phiếu không hợp lệ): left out of the pass threshold',
  })
  spoiled?: number;

  @RecordField(counts, 'objects of candidate unit id → { approve, reject }', {
    type: 'object',
    additionalProperties: { type: 'object', properties: { approve: { type: 'integer' }, reject: { type: 'integer' } } },
  })
  results!: Record<string, Record<string, { approve: number; reject: number }>>;

  @TextField(LIMITS.reference) minutesRef!: string;
}
