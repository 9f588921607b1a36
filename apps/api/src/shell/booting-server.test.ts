import { afterEach, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { listenWhileBooting, type BootingServer } from './booting-server.js';

let booting: BootingServer | undefined;
afterEach(async () => {
  if (booting?.server.listening) await new Promise((resolve) => booting!.server.close(resolve));
  booting = undefined;
});

async function start(): Promise<string> {
  booting = await listenWhileBooting(0);
  return `http://127.0.0.1:${(booting.server.address() as AddressInfo).port}`;
}

describe('the server that answers while the application loads', () => {
  it('answers /health "starting", not ready (503), the read models not caught up', async () => {
    const url = await start();
    for (const path of ['/health', '/api/v1/health']) {
      const res = await fetch(url + path);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toEqual({ status: 'starting', readModels: { catchingUp: true } });
    }
  });

  it('answers every other request 503 with Retry-After: a problem, in English when asked', async () => {
    const url = await start();
    const res = await fetch(`${url}/api/v1/cycles`, { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      status: 503,
      code: 'STARTING',
      detail: 'The server is starting; retry shortly',
    });
    const post = await fetch(`${url}/api/v1/commands`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(503);
    expect(await post.json()).toMatchObject({ code: 'STARTING', detail: expect.stringContaining('đang khởi động') });
  });

  it('shows a browser a Vietnamese page that reloads itself', async () => {
    const url = await start();
    const res = await fetch(`${url}/`, { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain('Hệ thống đang khởi động');
    expect(page).toContain('http-equiv="refresh"');
  });

  it('hands every later request to the application', async () => {
    const url = await start();
    booting!.serve((req, res) => res.end(`app: ${req.url}`));
    expect(await (await fetch(`${url}/health`)).text()).toBe('app: /health');
  });

  it('drains: closes idle connections, and answers in flight with Connection: close', async () => {
    const url = await start();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    booting!.serve((_req, res) => void held.then(() => res.end('done')));
    const inFlight = fetch(`${url}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    let drained = false;
    const draining = booting!.drain().then(() => (drained = true));
    release();
    const res = await inFlight;
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.text()).toBe('done');
    await draining;
    expect(drained).toBe(true);
    booting = undefined;
  });
});
