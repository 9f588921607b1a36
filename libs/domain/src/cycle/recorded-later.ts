/**
 * Past years run on paper, recorded after the fact. Such a command carries, in `at`, the original
 * date from the paper record (so lateness and every date read from it are the real ones) and, in
 * `recordedLater`, the moment it is recorded and the document it is recorded from. A cycle opened
 * that way takes only commands recorded the same way; a cycle run live takes none: nothing is
 * back-dated into a running cycle.
 */
import type { DomainCommand } from '../commands.js';
import type { CycleState } from './state.js';
import { DomainError } from '../shared/errors.js';

export type RecordedLater = {
  /** The instant it is recorded (the shell's clock); `at` is the original date from the paper. */
  recordedAt: string;
  /** The paper document it is recorded from: minutes, decision, report… */
  source: string;
};

export function requireConsistentRecording(command: DomainCommand, cycle: CycleState): void {
  const later = (command as { recordedLater?: RecordedLater }).recordedLater;
  if (later !== undefined) {
    if (typeof later.source !== 'string' || later.source.trim() === '' || later.source.length > 500) {
      throw new DomainError('VALIDATION_FAILED', {
        errors: [
          {
            field: 'recordedLater.source',
            message: 'bắt buộc: văn bản giấy làm căn cứ (tối đa 500 ký tự)',
            messageEn: 'required: the paper document it is recorded from (at most 500 characters)',
          },
        ],
      });
    }
    if (!(Date.parse(command.at) <= Date.parse(later.recordedAt))) throw new DomainError('ORIGINAL_DATE_IN_FUTURE');
  }
  if (command.type === 'OpenCycle' || cycle.status === 'none') return;
  const fromPaper = cycle.config.recordedFromPaper !== undefined;
  if (later !== undefined && !fromPaper) throw new DomainError('CYCLE_NOT_FROM_PAPER');
  if (later === undefined && fromPaper) throw new DomainError('CYCLE_FROM_PAPER');
}
