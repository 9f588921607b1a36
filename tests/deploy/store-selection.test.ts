/**
 * `EVENT_STORE=eventstoredb` and `EVENT_STORE=postgres` are checked when the built API starts: a
 * missing or unreachable server, or a PostgreSQL schema of another version, stops it at once, with
 * a message that names the problem and never the password.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { POSTGRES_SCHEMA_VERSION } from '#event-store/postgres';
import { TEST_DATABASE_URL, dropSchema, runSql, testSchemaName } from '#event-store/testing';
import { SERVER_ENTRY, ensureBuilt, freePort } from '../support/child-server.js';
import { ROOT } from './deploy-checks.js';

/** Runs the built API with `env` until it exits; answers its exit code and what it printed. */
function startApi(env: Record<string, string>, dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: 'store-selection-test-secret-0123456789',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A server that starts instead of refusing would never exit: stop it and let the test fail.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('choosing the store at start-up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-store-selection-'));
  beforeAll(() => ensureBuilt(), 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start on an unreachable EventStoreDB, naming the server without its password', async () => {
    const port = await freePort();
    const { code, output } = await startApi(
      {
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: `esdb://admin:s3cret-pw@127.0.0.1:${port}?tls=false`,
        PORT: String(await freePort()),
      },
      dataDir,
    );
    expect(code).toBe(1);
    expect(output).toContain('EventStoreUnavailableError');
    expect(output).toContain(`esdb://***@127.0.0.1:${port}?tls=false`);
    expect(output).not.toContain('s3cret-pw');
  });

  it('refuses to start with EVENT_STORE=eventstoredb and no connection string, naming the variable', async () => {
    const { code, output } = await startApi({ EVENT_STORE: 'eventstoredb', PORT: String(await freePort()) }, dataDir);
    expect(code).toBe(1);
    expect(output).toContain('EVENTSTORE_CONNECTION_STRING');
  });

  it('refuses to start on an unreachable PostgreSQL, naming the server without its password', async () => {
    const port = await freePort();
    const { code, output } = await startApi(
      {
        EVENT_STORE: 'postgres',
        DATABASE_URL: `postgres://ops:s3cret-pw@127.0.0.1:${port}/thidua`,
        PORT: String(await freePort()),
      },
      dataDir,
    );
    expect(code).toBe(1);
    expect(output).toContain('EventStoreUnavailableError');
    expect(output).toContain(`PostgreSQL at 127.0.0.1:${port}/thidua is unreachable`);
    expect(output).not.toContain('s3cret-pw');
  });

  it('refuses to start on a PostgreSQL schema of a newer version, naming both versions', async () => {
    const schema = testSchemaName('newer');
    try {
      await runSql(`CREATE SCHEMA "${schema}";
        CREATE TABLE "${schema}".schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO "${schema}".schema_migrations VALUES (${POSTGRES_SCHEMA_VERSION + 1}, 'from a newer build', now());`);
      const env = {
        EVENT_STORE: 'postgres',
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        PORT: String(await freePort()),
      };
      const { code, output } = await startApi(env, dataDir);
      expect(code).toBe(1);
      expect(output).toContain(
        `PostgreSQL schema "${schema}" is at version ${POSTGRES_SCHEMA_VERSION + 1}, newer than this build of thidua knows (${POSTGRES_SCHEMA_VERSION})`,
      );
    } finally {
      await dropSchema(schema);
    }
  });

  it('refuses to start with EVENT_STORE=postgres and no DATABASE_URL, naming the variable', async () => {
    const { code, output } = await startApi({ EVENT_STORE: 'postgres', PORT: String(await freePort()) }, dataDir);
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL');
  });
});
