/**
 * The deadlines read model: for each cycle, what every tracked step expects, from whom, by when,
 * and who has already done it. Fed with the domain's events (cycle and unit streams) in any order
 * across streams and in order within a stream; each step's fold reads only one stream's facts, so
 * a fresh re-read (cycle stream, then unit streams) gives the same model as the live feed.
 *
 * Mutable on purpose: a cycle of 10,000 units folds 10,000 submissions, and copying its maps on
 * every event would cost O(n²). `apply` is still deterministic and does no I/O; the planner that
 * reads the model is pure.
 */
import type { CycleConfig, MemberUnit, NotificationSettings, SubmissionKind } from '#domain';
import type { DomainEvent } from '#domain';

import type { TrackedStep } from '#notification-events';

const STEP_OF_KIND: Record<SubmissionKind, TrackedStep> = {
  registration: 'registration',
  'mid-year-report': 'mid-year-review',
  'self-assessment': 'self-assessment',
};

export type StepStatus = 'pending' | 'open' | 'closed';

/** A due date as given (a date or a date-time) and the instant it resolves to. */
export interface Due {
  given: string;
  dueAt: string;
}

export interface StepDeadline {
  status: StepStatus;
  /** When the step was last (re)opened: reminders planned before that moment no longer apply. */
  armedAt: string | null;
  due: Due;
  /** When the step-wide due date was last moved (null: as scheduled). */
  dueMovedAt: string | null;
  /** Per-unit extensions: the unit's own due date and when it was granted. */
  unitDue: Map<string, Due & { movedAt: string }>;
  /** Who must act: member units, the vote's roster, or the leader unit for the nomination. */
  actors: string[];
  /** Who has acted and still stands (a returned submission no longer does). */
  done: Set<string>;
}

export interface CycleDeadlines {
  cycleId: string;
  provinceId: string;
  clusterName: string;
  year: number;
  timeZone: string;
  notifications: NotificationSettings;
  leaderUnitId: string;
  unitNames: Map<string, string>;
  steps: Record<TrackedStep, StepDeadline>;
}

/** A unit's latest submitted version per kind, and whether that version was returned. */
interface SubmissionTrack {
  version: number;
  returned: boolean;
}

export class DeadlinesModel {
  private readonly cycles = new Map<string, CycleDeadlines>();
  /** Submissions may be folded before their cycle (fresh reads go cycle first, but be lenient). */
  private readonly submissions = new Map<string, SubmissionTrack>();

  cycle(cycleId: string): CycleDeadlines | undefined {
    return this.cycles.get(cycleId);
  }

  cycleIds(): string[] {
    return [...this.cycles.keys()];
  }

  /** Folds one domain event; returns the cycle it concerns when the event may change a plan. */
  apply(event: { type: string; data: unknown; metadata: { occurredAt: string } }): string | null {
    const e = event as DomainEvent;
    const at = event.metadata.occurredAt;
    if (e.type === 'CycleOpened') {
      // A past year recorded from paper is history: its deadlines passed long ago, and a reminder
      // or an escalation read from a half-recorded year would state what never was.
      if (e.data.recordedFromPaper) return null;
      this.cycles.set(e.data.cycleId, openCycle(e.data));
      return e.data.cycleId;
    }
    const cycle =
      'cycleId' in (e.data as object) ? this.cycles.get((e.data as { cycleId: string }).cycleId) : undefined;
    if (!cycle) return null;
    switch (e.type) {
      case 'StepOpened':
        arm(cycle.steps[e.data.step], at);
        return cycle.cycleId;
      case 'StepClosed':
        cycle.steps[e.data.step].status = 'closed';
        return cycle.cycleId;
      case 'StepReopened':
        // A reopened vote waits for its next VoteOpened (a new round with its own roster).
        if (e.data.step === 'vote') cycle.steps.vote.status = 'closed';
        else arm(cycle.steps[e.data.step], at);
        return cycle.cycleId;
      case 'DueDateExtended': {
        if (e.data.step === 'decision') return null;
        const step = cycle.steps[e.data.step];
        const due = { given: e.data.due, dueAt: e.data.dueAt };
        if (e.data.unitId) step.unitDue.set(e.data.unitId, { ...due, movedAt: at });
        else Object.assign(step, { due, dueMovedAt: at });
        return cycle.cycleId;
      }
      case 'VoteOpened': {
        const vote = cycle.steps.vote;
        // A paper vote is held in a meeting: there are no ballots to remind anyone of.
        vote.actors = e.data.mode === 'electronic' ? [...e.data.roster] : [];
        vote.done = new Set();
        arm(vote, at);
        return cycle.cycleId;
      }
      case 'BallotCast':
        cycle.steps.vote.done.add(e.data.voterUnitId);
        return cycle.cycleId;
      case 'VoteClosed':
        cycle.steps.vote.status = 'closed';
        arm(cycle.steps.nomination, at);
        return cycle.cycleId;
      case 'NominationsSubmitted':
        cycle.steps.nomination.done.add(cycle.leaderUnitId);
        return cycle.cycleId;
      case 'NominationsReturned':
        cycle.steps.nomination.done.delete(cycle.leaderUnitId);
        arm(cycle.steps.nomination, at);
        return cycle.cycleId;
      case 'NominationsAccepted':
      case 'AwardDecisionIssued':
        cycle.steps.nomination.status = 'closed';
        return cycle.cycleId;
      case 'RegistrationSubmitted':
        return this.submitted(cycle, 'registration', e.data.unitId, e.data.version);
      case 'MidYearReportSubmitted':
        return this.submitted(cycle, 'mid-year-report', e.data.unitId, e.data.version);
      case 'SelfAssessmentSubmitted':
        return this.submitted(cycle, 'self-assessment', e.data.unitId, e.data.version);
      case 'SubmissionReturned': {
        const key = submissionKey(cycle.cycleId, e.data.submission, e.data.unitId);
        const track = this.submissions.get(key);
        if (!track || e.data.version < track.version) return null;
        track.returned = true;
        cycle.steps[STEP_OF_KIND[e.data.submission]].done.delete(e.data.unitId);
        return cycle.cycleId;
      }
      default:
        return null;
    }
  }

  private submitted(cycle: CycleDeadlines, kind: SubmissionKind, unitId: string, version: number): string {
    const key = submissionKey(cycle.cycleId, kind, unitId);
    const track = this.submissions.get(key);
    if (!track || version >= track.version) this.submissions.set(key, { version, returned: false });
    cycle.steps[STEP_OF_KIND[kind]].done.add(unitId);
    return cycle.cycleId;
  }
}

function submissionKey(cycleId: string, kind: SubmissionKind, unitId: string): string {
  return `${cycleId}|${kind}|${unitId}`;
}

function arm(step: StepDeadline, at: string): void {
  step.status = 'open';
  step.armedAt = at;
}

function openCycle(config: CycleConfig): CycleDeadlines {
  const unitIds = config.units.map((u: MemberUnit) => u.id);
  const step = (name: TrackedStep, actors: string[]): StepDeadline => ({
    status: 'pending',
    armedAt: null,
    due: { ...config.schedule[name] },
    dueMovedAt: null,
    unitDue: new Map(),
    actors,
    done: new Set(),
  });
  return {
    cycleId: config.cycleId,
    provinceId: config.provinceId,
    clusterName: config.clusterName,
    year: config.year,
    timeZone: config.timeZone,
    notifications: config.notifications,
    leaderUnitId: config.leaderUnitId,
    unitNames: new Map(config.units.map((u) => [u.id, u.name])),
    steps: {
      registration: step('registration', unitIds),
      'mid-year-review': step('mid-year-review', unitIds),
      'self-assessment': step('self-assessment', unitIds),
      vote: step('vote', []),
      nomination: step('nomination', [config.leaderUnitId]),
    },
  };
}
