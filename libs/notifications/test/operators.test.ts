/** For operators: the Redis health check, the queue dashboard on a real Express app, the env config. */
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notificationsConfigFromEnv } from '../src/config.js';
import { freePort } from '../../../tests/support/redis-server.js';
import { Harness } from '../src/testing/harness.js';

let harness: Harness | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  await harness?.cleanup();
  harness = undefined;
});

describe('operators', () => {
  it('reports Redis up with its latency, and down without waiting when nothing answers', async () => {
    harness = new Harness();
    const up = await harness.start({ runWorker: false });
    expect(await up.redisStatus()).toMatchObject({ status: 'up', url: harness.redisUrl.replace(/\/?$/, '') });

    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const down = await harness.start({ runWorker: false, redisUrl: nowhere });
    const status = await down.redisStatus();
    expect(status.status).toBe('down');
    expect(status.error).toEqual(expect.any(String));
    // The inbox is a read model of the log: it answers with Redis down.
    expect(await down.inbox({ userId: 'u', roles: ['unit'], unitId: 'a' })).toEqual([]);
  });

  it('starts and closes promptly with the worker on while nothing answers at REDIS_URL', async () => {
    harness = new Harness(`redis://127.0.0.1:${await freePort()}`);
    const runtime = await harness.start();
    expect((await runtime.redisStatus()).status).toBe('down');
    const closed = await Promise.race([
      runtime.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('hung'), 5000)),
    ]);
    expect(closed).toBe('closed');
  });

  it("mounts Bull Board at /admin/queues, listing the worker's queues and the dead letters", async () => {
    harness = new Harness();
    const runtime = await harness.start({ channels: { webhook: { url: 'http://127.0.0.1:9/none', secret: 's' } } });
    const app = express();
    runtime.mountDashboard(app);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/queues`;
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${base}/api/queues`);
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['thidua-dead-letter', 'thidua-deadlines', 'thidua-webhook']);
  });

  it('reads its configuration from the environment, refusing half-configured channels', () => {
    expect(notificationsConfigFromEnv({})).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'bull',
      channels: {},
    });
    expect(
      notificationsConfigFromEnv({
        REDIS_URL: 'redis://r:6380/2',
        WEBHOOK_URL: 'https://hooks.example/x',
        WEBHOOK_SECRET: 'k',
        SMTP_URL: 'smtp://m:25',
        MAIL_FROM: 'a@b',
      }),
    ).toEqual({
      redisUrl: 'redis://r:6380/2',
      prefix: 'bull',
      channels: { webhook: { url: 'https://hooks.example/x', secret: 'k' }, smtp: { url: 'smtp://m:25', from: 'a@b' } },
    });
    expect(() => notificationsConfigFromEnv({ WEBHOOK_URL: 'https://hooks.example/x' })).toThrow(
      'WEBHOOK_URL and WEBHOOK_SECRET go together',
    );
    expect(() => notificationsConfigFromEnv({ SMTP_URL: 'smtp://m:25' })).toThrow('SMTP_URL and MAIL_FROM go together');
    expect(() => notificationsConfigFromEnv({ REDIS_URL: 'http://r' })).toThrow('REDIS_URL must start with redis://');
  });
});
