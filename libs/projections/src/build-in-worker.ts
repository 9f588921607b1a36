/**
 * Runs `build-worker.ts` in a worker thread and resolves once it has built the read models'
 * file and ended; rejects if the thread fails or ends before, or stops it when `signal` aborts.
 */
import { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '#event-store';
import type { BuildWorkerData, BuildWorkerMessage } from './build-worker.js';

export interface BuildInWorkerOptions {
  onProgress?: (position: number) => void;
  /** A projection's error in the thread (the event is skipped by that projection there, as here). */
  onError?: (error: unknown, event?: RecordedEvent) => void;
  signal?: AbortSignal;
}

export function buildInWorker(data: BuildWorkerData, options: BuildInWorkerOptions = {}): Promise<void> {
  const worker = new Worker(new URL('./build-worker.js', import.meta.url), { workerData: data });
  const stop = () => void worker.terminate();
  options.signal?.addEventListener('abort', stop, { once: true });
  return new Promise<void>((resolve, reject) => {
    let done = false;
    worker.on('message', (message: BuildWorkerMessage) => {
      if (message.kind === 'progress') options.onProgress?.(message.position);
      else if (message.kind === 'error')
        options.onError?.(
          new Error(`${message.message} (event ${message.type ?? '?'} at position ${message.position ?? '?'})`),
        );
      else done = true;
    });
    worker.once('error', reject);
    // Resolved once the thread is gone, not at its last message: its heap is then given back
    // before the caller goes on with the file it built.
    worker.once('exit', (code) =>
      done ? resolve() : reject(new Error(`the read models' build thread exited with code ${code}`)),
    );
  }).finally(() => options.signal?.removeEventListener('abort', stop));
}
