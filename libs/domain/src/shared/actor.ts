/**
 * The roles of the HTTP API's callers. `national-auditor` reads the cycles of every province (an
 * `auditor` only those of its own); wherever `auditor` may read, so may it. It changes nothing.
 */
export const ROLES = ['province', 'leader', 'unit', 'approver', 'auditor', 'national-auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who sends a command. `unitId` is required with `leader` and `unit` (the token's claim);
 * `provinceId` with every role but `national-auditor`: an actor acts only on its province's cycles.
 */
export type CommandActor = { userId: string; roles: Role[]; unitId?: string; provinceId?: string };

/**
 * The envelope actor the HTTP layer must put on `BallotDeposited` (a ballot's content), so that
 * no stored envelope ties what was voted to who voted it.
 */
export const BALLOT_BOX_ACTOR = { userId: 'ballot-box', role: 'ballot-box' } as const;
