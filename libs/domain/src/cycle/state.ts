/** The cycle aggregate's state: what its deciders need, folded from the cycle stream. */
import type { CycleConfig, ScheduleStep, SubmissionStep } from './config.js';
import type {
  BallotChoices,
  CouncilReviewRecorded,
  CycleCancelled,
  UnitDissolved,
  DossierItem,
  FinalScore,
  Grant,
  Nomination,
  PaperTallyRecorded,
  VoteClosed,
  VoteOpened,
} from '../events.js';

export type StepStatus = 'pending' | 'open' | 'closed';

export type StepState = { status: StepStatus; timesClosed: number };

export type VoteState =
  | { status: 'pending'; round: number }
  | {
      status: 'open' | 'closed';
      round: number;
      opened: VoteOpened['data'];
      voters: string[];
      receipts: string[];
      ballots: BallotChoices[];
      /** Sealed ballots cast and not yet deposited (deposited at the close), in arrival order. */
      sealed: string[];
      paperTally?: PaperTallyRecorded['data'];
      result?: VoteClosed['data'];
    };

export type NominationState =
  | { status: 'none'; version: 0 }
  | {
      status: 'submitted' | 'accepted' | 'returned';
      version: number;
      nominations: Nomination[];
      dossier: DossierItem[];
    };

export type LockedScores = { scores: FinalScore[]; ranking: string[]; unitRevisions: Record<string, number> };

export type EmptyCycleState = { status: 'none'; revision: -1 };

export type OpenedCycleState = {
  status: 'open' | 'closed';
  /** Revision of the last event folded: the cycle stream's revision. */
  revision: number;
  config: CycleConfig;
  steps: Record<SubmissionStep, StepState>;
  /** Due date in force per step (every unit), an ISO UTC instant. */
  dueAt: Record<ScheduleStep, string>;
  /** Per-unit extensions: step → unitId → ISO UTC instant. */
  unitDueAt: Partial<Record<ScheduleStep, Record<string, string>>>;
  locked?: LockedScores;
  vote: VoteState;
  nominations: NominationState;
  /** The council's review of the accepted nominations (of their version). */
  council?: CouncilReviewRecorded['data'];
  /** Every decision so far; `grants` of all of them together. Absent before the first. */
  decision?: {
    decisionNo: string;
    issuedOn: string;
    grants: Grant[];
    decisions: Array<{ decisionNo: string; issuedOn: string }>;
  };
  revoked: Nomination[];
  /** Member units dissolved or merged during the year (they stay in `config.units`: history). */
  dissolved?: Record<string, UnitDissolved['data']>;
  cancelled?: CycleCancelled['data'];
};

export type CycleState = EmptyCycleState | OpenedCycleState;

export function initialCycleState(): CycleState {
  return { status: 'none', revision: -1 };
}
