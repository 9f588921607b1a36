/**
 * What the read models are made of: the projections the runner feeds (every read model is a view
 * of them or a fold on demand) and the index tables kept beside them. One list for the API's
 * runner and for the worker thread that builds them from position 0 (`build-worker.ts`).
 */
import { attachmentReferencesProjection } from './attachments/attachment-references.js';
import { notificationStreamsProjection } from './cycle-events/notification-streams.js';
import { cycleProjection, unitProjection } from './cycle-model/cycle-model.js';
import { cycleIndex } from './cycle-status/cycle-index.js';

export const READ_MODEL_PROJECTIONS = [
  cycleProjection,
  unitProjection,
  notificationStreamsProjection,
  attachmentReferencesProjection,
] as const;

export const READ_MODEL_INDEX = cycleIndex;

/** The read models' file in a DATA_DIR (a second process on it takes `projections-1.sqlite`, …). */
export const READ_MODELS_FILE = 'projections.sqlite';
