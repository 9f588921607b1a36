/**
 * The operators' queue dashboard (Bull Board): every queue of the worker, with its delayed,
 * failed and dead-lettered jobs, mounted on an Express app (default path `/admin/queues`).
 * Protecting the path is the host application's business (the API puts it behind its auth).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';

export const DASHBOARD_PATH = '/admin/queues';

/** The smallest Express surface we need: `use(path, router)`. */
export interface ExpressLike {
  use(path: string, handler: unknown): unknown;
}

export function mountQueueDashboard(app: ExpressLike, queues: Queue[], basePath = DASHBOARD_PATH): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    // Read-only: auditors may look (they change nothing); the worker retries and dead-letters by itself.
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    // @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1 next to our 9.10.2: the same
    // interface, declared twice, which TypeScript treats as two types.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'thidua – hàng đợi thông báo' } },
  });
  app.use(basePath, serverAdapter.getRouter());
}
