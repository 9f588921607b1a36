/**
 * A worker thread's build of the read models from position 0 into a file of their own
 * (`build-in-worker.ts` starts it): it opens the store from its configuration, folds the log up
 * to the head it finds, checkpoints and closes, posting its position as it goes and the errors a
 * projection raises.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEventStore, type EventStoreConfig } from '#event-store';
import { READ_MODEL_INDEX, READ_MODEL_PROJECTIONS } from './read-model-projections.js';
import { ProjectionRunner } from './runner/projection-runner.js';

export interface BuildWorkerData {
  eventStore: EventStoreConfig;
  /** The file to build into (resumed from its checkpoint if an earlier build left one). */
  path: string;
}

export type BuildWorkerMessage =
  | { kind: 'progress'; position: number }
  | { kind: 'error'; message: string; position?: number; type?: string }
  | { kind: 'done'; position: number };

const post = (message: BuildWorkerMessage) => parentPort!.postMessage(message);
const { eventStore, path } = workerData as BuildWorkerData;
const store = await createEventStore(eventStore);
try {
  const runner = await ProjectionRunner.open(store, READ_MODEL_PROJECTIONS, {
    checkpointPath: path,
    index: READ_MODEL_INDEX,
    onError: (error, event) =>
      post({ kind: 'error', message: String(error), position: event?.position, type: event?.type }),
  });
  const progress = setInterval(() => post({ kind: 'progress', position: runner.position }), 250);
  try {
    await runner.caughtUp;
  } finally {
    clearInterval(progress);
    await runner.close();
  }
  post({ kind: 'done', position: runner.position });
} finally {
  await store.close();
}
