/**
 * Attachments through the API, on both stores: the embedded default (DATA_DIR/attachments) and an
 * S3-compatible bucket (a real s3rver started here) shared by two API instances. Uploads are
 * recognised by content and idempotent; bad uploads are refused with nothing stored; evidence and
 * dossiers reference them by sha256 (unknown ones refused); downloads go only to callers who may
 * see a cycle referencing the file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadScenario, selfAssessmentBody } from '#scenario';
import { openCycle, openStep } from '../support/cycle-setup.js';
import { download } from '../support/documents.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';
import { makeDataDir, startTestServer, type TestServer } from '../support/test-server.js';

const s = loadScenario();
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function form(bytes: Buffer, fileName: string, type = 'application/octet-stream', field = 'file'): FormData {
  const body = new FormData();
  body.append(field, new Blob([new Uint8Array(bytes)], { type }), fileName);
  return body;
}

type Backend = {
  name: string;
  start(): Promise<{ a: TestServer; b: TestServer; stored(): Promise<number>; close(): Promise<void> }>;
};

const filesystem: Backend = {
  name: 'DATA_DIR/attachments (the embedded default)',
  async start() {
    const server = await startTestServer();
    const dir = join(server.dataDir, 'attachments');
    const stored = async () =>
      existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.json')).length : 0;
    return { a: server, b: server, stored, close: () => server.close() };
  },
};

const s3: Backend = {
  name: 'an S3-compatible bucket (s3rver), two API instances',
  async start() {
    const bucket: S3TestServer = await startS3Server();
    const dataDir = makeDataDir();
    const a = await startTestServer({ dataDir, env: bucket.env });
    const b = await startTestServer({ dataDir, env: bucket.env });
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: bucket.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const stored = async () => (await client.send(new ListObjectsV2Command({ Bucket: bucket.bucket }))).KeyCount ?? 0;
    return {
      a,
      b,
      stored,
      close: async () => {
        client.destroy();
        await a.close();
        await b.close();
        rmSync(dataDir, { recursive: true, force: true });
        await bucket.close();
      },
    };
  },
};

describe.each([filesystem, s3])('attachments on $name', (backend) => {
  let env: Awaited<ReturnType<Backend['start']>>;
  let cycleId: string;
  const upload = async (
    server: TestServer,
    body: FormData | string,
    token?: string,
    headers: Record<string, string> = {},
  ) =>
    download(`${server.url}/api/v1/attachments`, token ?? (await server.tokens.unit('an-phu')), {
      method: 'POST',
      body,
      headers,
    });

  beforeAll(async () => {
    env = await backend.start();
    cycleId = await openCycle(env.a.api, env.a.tokens, s);
    await openStep(env.a.api, await env.a.tokens.leader(s.leaderUnitId), cycleId, 'self-assessment');
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('answers sha256, size, the type recognised by content and the name; the same bytes, the same answer', async () => {
    const first = await upload(env.a, form(PDF, 'Báo cáo thành tích.pdf', 'image/png'));
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      sha256: sha(PDF),
      size: PDF.length,
      mediaType: 'application/pdf',
      fileName: 'Báo cáo thành tích.pdf',
    });
    const again = await upload(env.b, form(PDF, 'another-name.bin'));
    expect({ status: again.status, body: again.json }).toEqual({ status: 201, body: first.json });
    const png = await upload(env.a, form(PNG, 'anh.pdf', 'application/pdf'));
    expect(png.json).toMatchObject({ sha256: sha(PNG), mediaType: 'image/png' });
  });

  it('refuses other content, an empty or missing file, and more than 20 MB, storing nothing', async () => {
    const before = await env.stored();
    const exe = await upload(
      env.a,
      form(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 1)]), 'bao-cao.pdf', 'application/pdf'),
    );
    expect({ status: exe.status, code: exe.json?.code }).toEqual({ status: 415, code: 'FILE_TYPE_NOT_ALLOWED' });
    const text = await upload(env.a, form(Buffer.from('<html><script>alert(1)</script></html>'), 'x.png', 'image/png'));
    expect(text.status).toBe(415);
    const empty = await upload(env.a, form(Buffer.alloc(0), 'empty.pdf'));
    expect({ status: empty.status, code: empty.json?.code }).toEqual({ status: 400, code: 'FILE_MISSING' });
    const none = await upload(env.a, form(PDF, 'x.pdf', 'application/pdf', 'document'));
    expect(none.status).toBe(400);
    expect(none.json).toMatchObject({ status: 400 });
    const json = await upload(env.a, JSON.stringify({ file: 'x' }), undefined, { 'content-type': 'application/json' });
    expect({ status: json.status, code: json.json?.code }).toEqual({ status: 400, code: 'FILE_MISSING' });
    const huge = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024, 32)]);
    const tooBig = await upload(env.a, form(huge, 'big.pdf', 'application/pdf'));
    expect({ status: tooBig.status, code: tooBig.json?.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const anonymous = await download(`${env.a.url}/api/v1/attachments`, undefined, {
      method: 'POST',
      body: form(PDF, 'x.pdf'),
    });
    expect(anonymous.status).toBe(401);
    expect(await env.stored()).toBe(before);
  }, 60_000);

  it('refuses evidence that names an attachment never uploaded, appending nothing', async () => {
    const body = selfAssessmentBody(s, 'an-phu');
    const unknown = 'f'.repeat(64);
    body.scores[0] = { ...body.scores[0]!, attachments: [unknown] } as (typeof body.scores)[number];
    const res = await env.a.api.send('PUT', `/cycles/${cycleId}/units/an-phu/self-assessment`, {
      token: await env.a.tokens.unit('an-phu'),
      body,
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_ATTACHMENT', errors: [{ field: 'scores.0.attachments.0' }] });
    const cycle = await env.a.api.ok('GET', `/cycles/${cycleId}`, { token: await env.a.tokens.auditor() });
    const anPhu = (
      cycle.body as { units: { unitId: string; steps: Record<string, { versions: number }> }[] }
    ).units.find((u) => u.unitId === 'an-phu');
    expect(anPhu?.steps['self-assessment'].versions).toBe(0);
    const dossier = await env.a.api.send('POST', `/cycles/${cycleId}/nominations`, {
      token: await env.a.tokens.leader(s.leaderUnitId),
      body: {
        nominations: [{ unitId: 'an-phu', award: 'emulation-flag' }],
        dossier: [{ kind: 'minutes', ref: 'BB-01', sha256: unknown }],
      },
    });
    expect(dossier.status).toBe(422);
    expect(dossier.body).toMatchObject({ code: 'UNKNOWN_ATTACHMENT', errors: [{ field: 'dossier.0.sha256' }] });
  });

  it('records the hash in the event, and serves the file to who may see the cycle, as an attachment', async () => {
    const body = selfAssessmentBody(s, 'an-phu');
    body.scores[0] = { ...body.scores[0]!, attachments: [sha(PDF)] } as (typeof body.scores)[number];
    const submitted = await env.a.api.ok('PUT', `/cycles/${cycleId}/units/an-phu/self-assessment`, {
      token: await env.a.tokens.unit('an-phu'),
      body,
    });
    const position = (submitted.body as { position: number }).position;
    const events = await env.a.api.ok('GET', `/cycles/${cycleId}/events`, {
      token: await env.a.tokens.auditor(),
      query: { minPosition: position },
    });
    const recorded = (
      events.body as { events: { type: string; data: { scores?: { attachments?: string[] }[] } }[] }
    ).events.find((e) => e.type === 'SelfAssessmentSubmitted');
    expect(recorded?.data.scores?.[0]?.attachments).toEqual([sha(PDF)]);

    const url = `${env.b.url}/api/v1/attachments/${sha(PDF)}?minPosition=${position}`;
    for (const token of [
      await env.b.tokens.unit('chau-phu'),
      await env.b.tokens.auditor(),
      await env.b.tokens.leader(s.leaderUnitId),
    ]) {
      const file = await download(url, token);
      expect(file.status).toBe(200);
      expect(sha(file.bytes)).toBe(sha(PDF));
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="bao-cao-thanh-tich.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo thành tích.pdf')}`,
      );
    }
    const outsider = await download(url, await env.b.tokens.unit('long-xuyen'));
    expect({ status: outsider.status, code: outsider.json?.code }).toEqual({
      status: 404,
      code: 'ATTACHMENT_NOT_FOUND',
    });
    // Uploaded, referenced by no cycle: nobody is shown it.
    expect((await download(`${env.b.url}/api/v1/attachments/${sha(PNG)}`, await env.b.tokens.auditor())).status).toBe(
      404,
    );
    expect((await download(`${env.b.url}/api/v1/attachments/not-a-hash`, await env.b.tokens.auditor())).status).toBe(
      400,
    );
  });
});
