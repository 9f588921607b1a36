import { describe, it, expect, afterAll } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadWorkerConfig, resolveJwtSecret } from './config.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-config-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function errorOf(
  env: Record<string, string>,
  load: (env: Record<string, string>) => unknown = loadConfig,
): ConfigError {
  try {
    load({ DATA_DIR: tempDir(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults of the README', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      dataDir,
      eventStore: { kind: 'sqlite', path: join(dataDir, 'events.sqlite') },
      redisUrl: 'redis://127.0.0.1:6379',
      logLevel: 'info',
      bodyLimit: '1mb',
      throttle: { limit: 1000, ttlMs: 60_000 },
    });
  });

  it('generates a secret once, keeps it with mode 0600 and reuses it on the next start', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.auth.jwtSecretSource).toBe('generated');
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.auth.jwtSecret);
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.auth).toMatchObject({ jwtSecret: first.auth.jwtSecret, jwtSecretSource: 'file' });
  });

  it('never makes a secret for a tool that signs for a running server (generate: false)', () => {
    const dataDir = join(tempDir(), 'not-the-servers');
    expect(() => resolveJwtSecret({}, dataDir, { generate: false })).toThrow(/AUTH_JWT_SECRET hoặc DATA_DIR/);
    expect(() => statSync(dataDir)).toThrow();
    const kept = loadConfig({ DATA_DIR: tempDir() });
    expect(resolveJwtSecret({}, kept.dataDir, { generate: false })).toEqual({
      secret: kept.auth.jwtSecret,
      source: 'file',
    });
  });

  it('prefers AUTH_JWT_SECRET and writes no file then', () => {
    const dataDir = tempDir();
    const secret = 'x'.repeat(40);
    expect(loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret }).auth).toMatchObject({
      jwtSecret: secret,
      jwtSecretSource: 'env',
    });
    expect(() => statSync(join(dataDir, 'jwt-secret'))).toThrow();
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['EVENT_STORE', { EVENT_STORE: 'mysql' }],
    ['DATABASE_URL', { EVENT_STORE: 'postgres' }],
    ['DATABASE_URL', { EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://localhost/thidua' }],
    ['DATABASE_URL', { EVENT_STORE: 'postgres', DATABASE_URL: 'not a url' }],
    [
      'DATABASE_SCHEMA',
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://localhost/thidua', DATABASE_SCHEMA: 'Thidua; DROP' },
    ],
    [
      'DATABASE_POOL_SIZE',
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://localhost/thidua', DATABASE_POOL_SIZE: '0' },
    ],
    ['EVENTSTORE_CONNECTION_STRING', { EVENT_STORE: 'eventstoredb' }],
    ['EVENTSTORE_CONNECTION_STRING', { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' }],
    [
      'EVENTSTORE_CONNECTION_STRING',
      { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false' },
    ],
    [
      'EVENTSTORE_CONNECTION_STRING',
      { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'kdb+discover://localhost:2113' },
    ],
    ['REDIS_URL', { REDIS_URL: 'not a url' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }],
    ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'ftp://idp/keys' }],
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['BODY_LIMIT', { BODY_LIMIT: 'lots' }],
    ['THROTTLE_LIMIT', { THROTTLE_LIMIT: '-1' }],
    ['THROTTLE_TTL_MS', { THROTTLE_TTL_MS: '0' }],
    ['HEAP_GROWTH_PERCENT', { HEAP_GROWTH_PERCENT: '-5' }],
  ])('refuses a bad %s with a message naming it', (variable, env) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(/^Cấu hình không hợp lệ: /);
  });

  it.each(['esdb://localhost:2113?tls=false', 'esdb+discover://cluster.local:2113'])(
    'accepts EventStoreDB with the connection string %s',
    (connectionString) => {
      const config = loadConfig({
        DATA_DIR: tempDir(),
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: connectionString,
      });
      expect(config.eventStore).toEqual({ kind: 'eventstoredb', connectionString });
    },
  );

  it('accepts PostgreSQL with its defaults, or a schema and pool size of its own', () => {
    const url = 'postgres://thidua@db.local:5432/thidua';
    expect(loadConfig({ DATA_DIR: tempDir(), EVENT_STORE: 'postgres', DATABASE_URL: url }).eventStore).toEqual({
      kind: 'postgres',
      connectionString: url,
      schema: 'thidua',
      poolSize: 10,
    });
    const custom = loadConfig({
      DATA_DIR: tempDir(),
      EVENT_STORE: 'postgres',
      DATABASE_URL: url,
      DATABASE_SCHEMA: 'an_giang',
      DATABASE_POOL_SIZE: '4',
    });
    expect(custom.eventStore).toMatchObject({ schema: 'an_giang', poolSize: 4 });
  });

  it('never echoes the password of a DATABASE_URL it refuses', () => {
    const error = errorOf({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://ops:hunter2@db:99999/thidua' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('loadWorkerConfig', () => {
  it('reads the store and the notifications as the API does', () => {
    const dataDir = tempDir();
    const env = {
      DATA_DIR: dataDir,
      REDIS_URL: 'redis://r:6380/2',
      BULL_PREFIX: 'thidua',
      WEBHOOK_URL: 'https://hooks.example/x',
      WEBHOOK_SECRET: 'k',
    };
    const api = loadConfig(env);
    expect(loadWorkerConfig(env)).toEqual({
      dataDir,
      eventStore: api.eventStore,
      notifications: { redisUrl: 'redis://r:6380/2', prefix: 'thidua', channels: api.notifications.channels },
    });
  });

  it.each([
    ['EVENT_STORE', { EVENT_STORE: 'mongodb' }],
    ['DATABASE_URL', { EVENT_STORE: 'postgres' }],
    ['EVENTSTORE_CONNECTION_STRING', { EVENT_STORE: 'eventstoredb' }],
    ['EVENTSTORE_CONNECTION_STRING', { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }],
    ['WEBHOOK_URL', { WEBHOOK_URL: 'https://hooks.example/x' }],
  ])('refuses a bad %s with the message the API gives', (variable, env) => {
    const error = errorOf(env, loadWorkerConfig);
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(errorOf(env).message);
  });
});

describe('the metrics configuration', () => {
  const TOKEN = 'metrics-token-0123456789';

  it('has no /metrics without METRICS_TOKEN, and takes one of at least 16 printable characters', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).metrics).toEqual({});
    expect(loadConfig({ DATA_DIR: tempDir(), METRICS_TOKEN: TOKEN }).metrics).toEqual({ token: TOKEN });
    expect(errorOf({ METRICS_TOKEN: 'short' }).variable).toBe('METRICS_TOKEN');
    expect(errorOf({ METRICS_TOKEN: 'a token with spaces inside' }).variable).toBe('METRICS_TOKEN');
  });

  it('gives the worker a listener on METRICS_PORT only with METRICS_TOKEN', () => {
    expect(loadWorkerConfig({ DATA_DIR: tempDir(), METRICS_TOKEN: TOKEN }).metrics).toBeUndefined();
    expect(loadWorkerConfig({ DATA_DIR: tempDir(), METRICS_TOKEN: TOKEN, METRICS_PORT: '9464' }).metrics).toEqual({
      port: 9464,
      token: TOKEN,
    });
    expect(errorOf({ METRICS_PORT: '9464' }, loadWorkerConfig).variable).toBe('METRICS_TOKEN');
    expect(errorOf({ METRICS_PORT: 'x', METRICS_TOKEN: TOKEN }, loadWorkerConfig).variable).toBe('METRICS_PORT');
  });
});

describe('the signed log configuration', () => {
  it('generates the signing key into DATA_DIR once (mode 0600) and every start uses it', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir }).transparency;
    expect(first).toMatchObject({ origin: 'thidua.local/log', keySource: 'generated', checkpointIntervalMs: 2000 });
    expect(statSync(join(dataDir, 'log-signing-key')).mode & 0o777).toBe(0o600);
    const again = loadConfig({ DATA_DIR: dataDir }).transparency;
    expect(again).toMatchObject({ keySource: 'file', signerKey: first.signerKey });
    expect(readFileSync(join(dataDir, 'log-signing-key'), 'utf8').trim()).toBe(first.signerKey);
  });

  it('takes LOG_SIGNING_KEY from the environment, its name being the origin', () => {
    const dataDir = tempDir();
    const key = loadConfig({ DATA_DIR: dataDir, LOG_ORIGIN: 'tinh.example/log' }).transparency.signerKey;
    expect(loadConfig({ DATA_DIR: tempDir(), LOG_SIGNING_KEY: key }).transparency).toMatchObject({
      origin: 'tinh.example/log',
      keySource: 'env',
    });
  });

  it('names the variable of a bad key, origin or interval', () => {
    expect(errorOf({ LOG_SIGNING_KEY: 'PRIVATE+KEY+x+00000000+AAAA' }).variable).toBe('LOG_SIGNING_KEY');
    expect(errorOf({ LOG_ORIGIN: 'a b' }).variable).toBe('LOG_ORIGIN');
    expect(errorOf({ CHECKPOINT_INTERVAL_MS: '5' }).variable).toBe('CHECKPOINT_INTERVAL_MS');
    const key = loadConfig({ DATA_DIR: tempDir(), LOG_ORIGIN: 'one/log' }).transparency.signerKey;
    expect(errorOf({ LOG_SIGNING_KEY: key, LOG_ORIGIN: 'other/log' }).variable).toBe('LOG_SIGNING_KEY');
  });
});

describe('loadConfig: sign-in and sessions', () => {
  it('applies the defaults of the README', () => {
    const dataDir = tempDir();
    expect(loadConfig({ DATA_DIR: dataDir })).toMatchObject({
      auth: {
        maxTokenTtlS: 86_400,
        claims: { roles: 'roles', unitId: 'unitId', provinceId: 'provinceId', name: 'name' },
      },
      identityStore: { kind: 'sqlite', path: join(dataDir, 'identity.sqlite') },
      sessions: { idleTimeoutMs: 3_600_000, maxAgeMs: 43_200_000 },
      login: { maxFailures: 5, maxFailuresPerAddress: 50, windowMs: 900_000 },
      trustProxy: false,
    });
    expect(loadConfig({ DATA_DIR: dataDir }).oidc).toBeUndefined();
  });

  it("keeps accounts in the log's PostgreSQL schema when the log is there, else in DATA_DIR; IDENTITY_STORE chooses otherwise", () => {
    const dataDir = tempDir();
    const url = 'postgres://thidua@db.local:5432/thidua';
    const sqlite = { kind: 'sqlite', path: join(dataDir, 'identity.sqlite') };
    const onPostgres = { DATA_DIR: dataDir, EVENT_STORE: 'postgres', DATABASE_URL: url };
    expect(loadConfig(onPostgres).identityStore).toEqual({ kind: 'postgres', connectionString: url, schema: 'thidua' });
    expect(loadConfig({ ...onPostgres, DATABASE_SCHEMA: 'an_giang' }).identityStore).toEqual({
      kind: 'postgres',
      connectionString: url,
      schema: 'an_giang',
    });
    expect(loadConfig({ ...onPostgres, IDENTITY_STORE: 'sqlite' }).identityStore).toEqual(sqlite);
    const esdb = { DATA_DIR: dataDir, EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113' };
    expect(loadConfig(esdb).identityStore).toEqual(sqlite);
    expect(loadConfig({ ...esdb, IDENTITY_STORE: 'postgres', DATABASE_URL: url }).identityStore).toEqual({
      kind: 'postgres',
      connectionString: url,
      schema: 'thidua',
    });
    expect(loadConfig({ DATA_DIR: dataDir, IDENTITY_STORE: 'postgres', DATABASE_URL: url }).identityStore).toEqual({
      kind: 'postgres',
      connectionString: url,
      schema: 'thidua',
    });
  });

  it('refuses IDENTITY_STORE=postgres without a DATABASE_URL, and an unknown IDENTITY_STORE, naming them', () => {
    const missing = errorOf({ IDENTITY_STORE: 'postgres' });
    expect(missing.variable).toBe('DATABASE_URL');
    expect(missing.message).toContain('IDENTITY_STORE=postgres');
    expect(errorOf({ IDENTITY_STORE: 'postgres', DATABASE_URL: 'mysql://db/thidua' }).variable).toBe('DATABASE_URL');
    expect(
      errorOf({ IDENTITY_STORE: 'postgres', DATABASE_URL: 'postgres://db/thidua', DATABASE_SCHEMA: 'Sai' }).variable,
    ).toBe('DATABASE_SCHEMA');
    const unknown = errorOf({ IDENTITY_STORE: 'redis' });
    expect(unknown.variable).toBe('IDENTITY_STORE');
    expect(unknown.message).toContain('sqlite, postgres');
  });

  it('takes OIDC only whole: issuer, client id and secret together', () => {
    expect(errorOf({ OIDC_ISSUER: 'https://id.example.gov.vn' }).variable).toBe('OIDC_CLIENT_ID');
    expect(errorOf({ OIDC_CLIENT_ID: 'thidua', OIDC_CLIENT_SECRET: 's' }).variable).toBe('OIDC_ISSUER');
    const config = loadConfig({
      DATA_DIR: tempDir(),
      OIDC_ISSUER: 'https://id.example.gov.vn',
      OIDC_CLIENT_ID: 'thidua',
      OIDC_CLIENT_SECRET: 's',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://id.example.gov.vn',
      clientId: 'thidua',
      clientSecret: 's',
      scopes: 'openid profile',
    });
    expect(config.auth.claims.roles).toBe('realm_access.roles');
    expect(errorOf({ OIDC_ROLES_CLAIM: 'roles[0]' }).variable).toBe('OIDC_ROLES_CLAIM');
  });

  it('names the variable of a bad origin, proxy setting or limit', () => {
    expect(errorOf({ PUBLIC_ORIGIN: 'https://thidua.example.gov.vn/app' }).variable).toBe('PUBLIC_ORIGIN');
    expect(loadConfig({ DATA_DIR: tempDir(), PUBLIC_ORIGIN: 'https://thidua.example.gov.vn' }).publicOrigin).toBe(
      'https://thidua.example.gov.vn',
    );
    expect(errorOf({ TRUST_PROXY: 'yes; rm -rf' }).variable).toBe('TRUST_PROXY');
    expect(loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(errorOf({ AUTH_JWT_MAX_TTL_S: '0' }).variable).toBe('AUTH_JWT_MAX_TTL_S');
    expect(errorOf({ LOGIN_MAX_FAILURES: '-1' }).variable).toBe('LOGIN_MAX_FAILURES');
  });
});
