/** The roles of the HTTP API's tokens. */
export const ROLES = ['province', 'leader', 'unit', 'approver', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who sends a command. `unitId` is required with `leader` and `unit` (the token's claim). */
export type CommandActor = { userId: string; roles: Role[]; unitId?: string };

/**
 * The envelope actor the HTTP layer must put on `BallotDeposited` (a ballot's content), so that
 * no stored envelope ties what was voted to who voted it.
 */
export const BALLOT_BOX_ACTOR = { userId: 'ballot-box', role: 'ballot-box' } as const;
