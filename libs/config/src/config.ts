/**
 * The configuration of the API (`loadConfig`) and of the notification worker (`loadWorkerConfig`),
 * read once from the environment and validated at start-up by the same rules, so that a wrong
 * value stops either process with the same message naming the variable instead of failing later.
 * The variables are listed once, in the README's "Configuration".
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventStoreConfig } from '#event-store';
import { loadOrCreateSignerKey, noteSigner } from '#transparency';
import { DEFAULT_REDIS_URL, notificationsConfigFromEnv, type NotificationsEnvConfig } from '#notifications';

/** Where roles, unit, province and name are read in a token's claims. */
export interface ClaimNames {
  roles: string;
  unitId: string;
  provinceId: string;
  name: string;
}
export const DEFAULT_CLAIM_NAMES: ClaimNames = {
  roles: 'roles',
  unitId: 'unitId',
  provinceId: 'provinceId',
  name: 'name',
};
/** The accounts, sessions and login counters of the embedded default, under DATA_DIR. */
export const IDENTITY_FILE = 'identity.sqlite';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  /** Absolute path of the directory holding the SQLite log, the generated secret and checkpoints. */
  dataDir: string;
  auth: {
    /** HS256 key (its UTF-8 bytes). Always resolved: it also keys idempotency ids and receipts. */
    jwtSecret: string;
    jwtSecretSource: 'env' | 'file' | 'generated';
    /** When set, tokens are verified against this OIDC provider's keys instead of the secret. */
    jwksUrl?: string;
    /** The longest lifetime ahead of now a bearer token may claim (`exp`), in seconds. */
    maxTokenTtlS: number;
    /** Where roles, unit, province and name are read in tokens of the OIDC provider (and in ours). */
    claims: ClaimNames;
  };
  /** Accounts, sessions, login-failure counters and Idempotency-Keys: shared by every instance. */
  identityStore: IdentityStoreConfig;
  sessions: {
    /** A session unused this long ends (sliding: every request moves it). */
    idleTimeoutMs: number;
    /** A session ends this long after sign-in whatever its use. */
    maxAgeMs: number;
  };
  login: {
    /** Failed sign-ins per username within the window before 429. */
    maxFailures: number;
    /** Failed sign-ins per client address within the window before 429. */
    maxFailuresPerAddress: number;
    windowMs: number;
  };
  /** Express's `trust proxy`: whether X-Forwarded-For/-Proto/-Host tell the client's address and scheme. */
  trustProxy: boolean | number | string;
  /** The origin browsers reach this server at (scheme://host[:port]); by default the request's own. */
  publicOrigin?: string;
  /** Sign-in through an OpenID provider (authorization code + PKCE), when configured. */
  oidc?: { issuer: string; clientId: string; clientSecret: string; scopes: string; redirectUri?: string };
  eventStore: EventStoreConfig;
  redisUrl: string;
  logLevel: LogLevel;
  /** A body-parser limit such as "1mb" or "512kb". */
  bodyLimit: string;
  /** Requests per client (IP) per window; limit 0 turns throttling off. */
  throttle: { limit: number; ttlMs: number };
  /**
   * Deadline notifications (libs/notifications): `worker` 'auto' runs the scheduler and workers in
   * the API's process (they wait for Redis when it is down), 'off' leaves them to `npm run start:worker`.
   */
  notifications: NotificationsEnvConfig & { worker: 'auto' | 'off' };
  /** Where uploaded attachments are kept: a folder (DATA_DIR/attachments) or an S3-compatible bucket. */
  attachments: AttachmentsConfig;
  /**
   * The signed log (libs/transparency): its origin line, the Ed25519 signer key (LOG_SIGNING_KEY,
   * else DATA_DIR/log-signing-key, generated mode 0600), how often a checkpoint is signed.
   */
  transparency: {
    origin: string;
    signerKey: string;
    keySource: 'env' | 'file' | 'generated';
    checkpointIntervalMs: number;
  };
  /** `GET /metrics` (Prometheus), behind METRICS_TOKEN; without a token the route does not exist (404). */
  metrics: { token?: string };
  /** V8's heap growth past the live data after a full collection, in percent (0: V8's own). */
  heapGrowthPercent: number;
}

/**
 * IDENTITY_STORE: a SQLite file under DATA_DIR (shared by the processes on that directory), or
 * tables beside the PostgreSQL log (shared by every process on the database, on any machine).
 */
export type IdentityStoreConfig =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string; schema: string };

export type AttachmentsConfig =
  | { kind: 'filesystem'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string };
    };

/** A configuration value the process cannot start with. Its message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Cấu hình không hợp lệ: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

const MIN_SECRET_LENGTH = 32;
export const JWT_SECRET_FILE = 'jwt-secret';
export const LOG_SIGNING_KEY_FILE = 'log-signing-key';
const DEFAULT_LOG_ORIGIN = 'thidua.local/log';

export function loadConfig(env: Env = process.env): AppConfig {
  const { dataDir, eventStore } = storeConfig(env);
  const jwksUrl = url(env, 'AUTH_JWKS_URL', ['http:', 'https:']);
  const config: Pick<
    AppConfig,
    | 'port'
    | 'dataDir'
    | 'eventStore'
    | 'redisUrl'
    | 'logLevel'
    | 'bodyLimit'
    | 'throttle'
    | 'notifications'
    | 'transparency'
    | 'attachments'
    | 'metrics'
    | 'heapGrowthPercent'
  > = {
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir,
    eventStore,
    redisUrl: redisUrl(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    bodyLimit: byteSize(env, 'BODY_LIMIT', '1mb'),
    throttle: {
      limit: integer(env, 'THROTTLE_LIMIT', 1000, 0, 1_000_000_000),
      ttlMs: integer(env, 'THROTTLE_TTL_MS', 60_000, 1, 86_400_000),
    },
    notifications: {
      ...notifications(env),
      worker: oneOf(env, 'NOTIFICATIONS_WORKER', ['auto', 'off'] as const, 'auto'),
    },
    attachments: attachments(env, dataDir),
    transparency: transparency(env, dataDir),
    metrics: metricsToken(env),
    heapGrowthPercent: integer(env, 'HEAP_GROWTH_PERCENT', 50, 0, 1000),
  };
  const secret = resolveJwtSecret(env, dataDir);
  const claims: ClaimNames = {
    roles: claimName(env, 'OIDC_ROLES_CLAIM', DEFAULT_CLAIM_NAMES.roles),
    unitId: claimName(env, 'OIDC_UNIT_CLAIM', DEFAULT_CLAIM_NAMES.unitId),
    provinceId: claimName(env, 'OIDC_PROVINCE_CLAIM', DEFAULT_CLAIM_NAMES.provinceId),
    name: claimName(env, 'OIDC_NAME_CLAIM', DEFAULT_CLAIM_NAMES.name),
  };
  const publicOrigin = origin(env, 'PUBLIC_ORIGIN');
  const oidc = oidcConfig(env);
  return {
    ...config,
    auth: {
      jwtSecret: secret.secret,
      jwtSecretSource: secret.source,
      ...(jwksUrl ? { jwksUrl } : {}),
      maxTokenTtlS: integer(env, 'AUTH_JWT_MAX_TTL_S', 86_400, 60, 31_536_000),
      claims,
    },
    identityStore: identityStore(env, dataDir, eventStore),
    sessions: {
      idleTimeoutMs: integer(env, 'SESSION_IDLE_TIMEOUT_MS', 3_600_000, 10_000, 2_592_000_000),
      maxAgeMs: integer(env, 'SESSION_MAX_AGE_MS', 43_200_000, 10_000, 31_536_000_000),
    },
    login: {
      maxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 1_000_000),
      maxFailuresPerAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 1_000_000),
      windowMs: integer(env, 'LOGIN_FAILURE_WINDOW_MS', 900_000, 1_000, 86_400_000),
    },
    trustProxy: trustProxy(env),
    ...(publicOrigin ? { publicOrigin } : {}),
    ...(oidc ? { oidc } : {}),
  };
}

/** OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them. */
function oidcConfig(env: Env): AppConfig['oidc'] {
  const issuer = url(env, 'OIDC_ISSUER', ['http:', 'https:']);
  const clientId = text(env, 'OIDC_CLIENT_ID');
  const clientSecret = text(env, 'OIDC_CLIENT_SECRET');
  if (!issuer && !clientId && !clientSecret) return undefined;
  for (const [name, value] of [
    ['OIDC_ISSUER', issuer],
    ['OIDC_CLIENT_ID', clientId],
    ['OIDC_CLIENT_SECRET', clientSecret],
  ] as const) {
    if (!value)
      throw new ConfigError(
        name,
        'là bắt buộc khi dùng đăng nhập OIDC (cần đủ OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).',
      );
  }
  const redirectUri = url(env, 'OIDC_REDIRECT_URI', ['http:', 'https:']);
  return {
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    scopes: text(env, 'OIDC_SCOPES') ?? 'openid profile',
    ...(redirectUri ? { redirectUri } : {}),
  };
}

function claimName(env: Env, name: string, fallback: string): string {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*$/.test(raw)) {
    throw new ConfigError(name, `phải là tên một claim, có thể có dấu chấm cho claim lồng nhau (nhận được "${raw}").`);
  }
  return raw;
}

function origin(env: Env, name: string): string | undefined {
  const raw = url(env, name, ['http:', 'https:']);
  if (raw === undefined) return undefined;
  const parsed = new URL(raw);
  if (parsed.origin !== raw.replace(/\/$/, '')) {
    throw new ConfigError(
      name,
      `phải là một origin, chỉ gồm giao thức, tên máy và cổng (ví dụ https://thidua.example.gov.vn), nhận được "${raw}".`,
    );
  }
  return parsed.origin;
}

/** TRUST_PROXY: false (default), true, a number of hops, or Express's list of addresses ("loopback, 10.0.0.0/8"). */
function trustProxy(env: Env): boolean | number | string {
  const raw = text(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[A-Za-z0-9.:/, ]+$/.test(raw)) {
    throw new ConfigError(
      'TRUST_PROXY',
      `phải là false, true, một số bước proxy hoặc danh sách địa chỉ (ví dụ "loopback, 10.0.0.0/8"), nhận được "${raw}".`,
    );
  }
  return raw;
}

/** What `npm run start:worker` needs: the same store and notification settings as the API, read by the same rules. */
export interface WorkerConfig {
  dataDir: string;
  eventStore: EventStoreConfig;
  notifications: NotificationsEnvConfig;
  /** A listener for `GET /metrics` on METRICS_PORT (with METRICS_TOKEN), when METRICS_PORT is set. */
  metrics?: { port: number; token: string };
}

export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const { dataDir, eventStore } = storeConfig(env);
  redisUrl(env);
  const metrics = workerMetrics(env);
  const config = { dataDir, eventStore, notifications: notifications(env), ...(metrics ? { metrics } : {}) };
  if (eventStore.kind === 'sqlite') ensureDataDir(dataDir);
  return config;
}

/** DATA_DIR, EVENT_STORE and EVENTSTORE_CONNECTION_STRING: where the log is. */
function storeConfig(env: Env): { dataDir: string; eventStore: EventStoreConfig } {
  const dataDir = resolve(text(env, 'DATA_DIR') ?? './data');
  const kind = oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb', 'postgres'] as const, 'sqlite');
  const connectionString = text(env, 'EVENTSTORE_CONNECTION_STRING');
  if (kind === 'eventstoredb' && !connectionString) {
    throw new ConfigError(
      'EVENTSTORE_CONNECTION_STRING',
      'là bắt buộc khi EVENT_STORE=eventstoredb (ví dụ esdb://localhost:2113?tls=false).',
    );
  }
  // @eventstore/db-client 6.2.1 parses only these two schemes (kurrentdb:// is a later client's).
  if (connectionString && !/^esdb(\+discover)?:\/\//.test(connectionString)) {
    throw new ConfigError(
      'EVENTSTORE_CONNECTION_STRING',
      'phải bắt đầu bằng esdb:// hoặc esdb+discover:// (ví dụ esdb://localhost:2113?tls=false).',
    );
  }
  const eventStore: EventStoreConfig =
    kind === 'sqlite'
      ? { kind: 'sqlite', path: join(dataDir, 'events.sqlite') }
      : kind === 'eventstoredb'
        ? { kind: 'eventstoredb', connectionString: connectionString as string }
        : postgres(env);
  return { dataDir, eventStore };
}

const MIN_METRICS_TOKEN_LENGTH = 16;

/** METRICS_TOKEN: the bearer token of `GET /metrics`, at least 16 printable characters without spaces. */
function metricsToken(env: Env): { token?: string } {
  const token = text(env, 'METRICS_TOKEN');
  if (token === undefined) return {};
  if (token.length < MIN_METRICS_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
    throw new ConfigError(
      'METRICS_TOKEN',
      `phải gồm ít nhất ${MIN_METRICS_TOKEN_LENGTH} ký tự ASCII in được, không có khoảng trắng (ví dụ: openssl rand -hex 32).`,
    );
  }
  return { token };
}

/** The worker's metrics listener: METRICS_PORT, which needs METRICS_TOKEN. */
function workerMetrics(env: Env): WorkerConfig['metrics'] {
  const { token } = metricsToken(env);
  if (text(env, 'METRICS_PORT') === undefined) return undefined;
  const port = integer(env, 'METRICS_PORT', 0, 0, 65535);
  if (token === undefined) {
    throw new ConfigError(
      'METRICS_TOKEN',
      'là bắt buộc khi đặt METRICS_PORT: số liệu vận hành chỉ mở cho ai có mã này.',
    );
  }
  return { port, token };
}

function redisUrl(env: Env): string {
  return url(env, 'REDIS_URL', ['redis:', 'rediss:']) ?? DEFAULT_REDIS_URL;
}

function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError('DATA_DIR', `không tạo được thư mục "${dataDir}": ${(error as Error).message}`);
  }
}

/**
 * AUTH_JWT_SECRET when set; otherwise the secret kept in DATA_DIR/jwt-secret, generated (mode 0600)
 * on first use so that a restart, and `npm run token`, use the same one.
 */
export function resolveJwtSecret(
  env: Env,
  dataDir: string,
  options: { generate?: boolean } = {},
): { secret: string; source: 'env' | 'file' | 'generated' } {
  const fromEnv = env['AUTH_JWT_SECRET'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        'AUTH_JWT_SECRET',
        `phải dài ít nhất ${MIN_SECRET_LENGTH} ký tự (đang có ${fromEnv.length}); hoặc bỏ trống để tự sinh khóa trong DATA_DIR.`,
      );
    }
    return { secret: fromEnv, source: 'env' };
  }
  const file = join(dataDir, JWT_SECRET_FILE);
  if (options.generate !== false) ensureDataDir(dataDir);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= MIN_SECRET_LENGTH) return { secret: kept, source: 'file' };
    throw new ConfigError('AUTH_JWT_SECRET', `tệp khóa "${file}" quá ngắn; hãy xóa tệp để sinh khóa mới.`);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError('DATA_DIR', `không đọc được tệp khóa "${file}": ${(error as Error).message}`);
    }
  }
  // A tool signing for a running server (npm run token) must use that server's secret, never make one.
  if (options.generate === false) {
    throw new ConfigError(
      'DATA_DIR',
      `không có tệp khóa "${file}": hãy đặt AUTH_JWT_SECRET hoặc DATA_DIR của máy chủ đang chạy.`,
    );
  }
  const secret = randomBytes(48).toString('base64url');
  try {
    // 'wx': never overwrite a secret another process has just written.
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveJwtSecret(env, dataDir);
    throw new ConfigError('DATA_DIR', `không ghi được tệp khóa "${file}": ${(error as Error).message}`);
  }
  return { secret, source: 'generated' };
}

/**
 * LOG_ORIGIN names the log in every checkpoint; LOG_SIGNING_KEY (`PRIVATE+KEY+<origin>+…`) is the
 * key shared by every instance, else the one kept in DATA_DIR. The origin defaults to the key's name.
 */
function transparency(env: Env, dataDir: string): AppConfig['transparency'] {
  const checkpointIntervalMs = integer(env, 'CHECKPOINT_INTERVAL_MS', 2000, 100, 60_000);
  const fromEnv = text(env, 'LOG_SIGNING_KEY');
  let origin = text(env, 'LOG_ORIGIN');
  if (origin !== undefined && !/^[^\s+]{1,200}$/.test(origin))
    throw new ConfigError('LOG_ORIGIN', `không được chứa khoảng trắng hoặc "+" (nhận được "${origin}").`);
  if (fromEnv !== undefined) {
    let name: string;
    try {
      name = noteSigner(fromEnv).name;
    } catch (error) {
      throw new ConfigError('LOG_SIGNING_KEY', `không hợp lệ: ${(error as Error).message}.`);
    }
    if (origin !== undefined && origin !== name)
      throw new ConfigError('LOG_SIGNING_KEY', `mang tên "${name}", khác LOG_ORIGIN "${origin}".`);
    return { origin: name, signerKey: fromEnv, keySource: 'env', checkpointIntervalMs };
  }
  origin ??= DEFAULT_LOG_ORIGIN;
  const file = join(dataDir, LOG_SIGNING_KEY_FILE);
  let kept: { key: string; generated: boolean };
  try {
    mkdirSync(dataDir, { recursive: true });
    kept = loadOrCreateSignerKey(file, origin);
  } catch (error) {
    throw new ConfigError('DATA_DIR', `không dùng được khóa ký nhật ký "${file}": ${(error as Error).message}`);
  }
  const name = noteSigner(kept.key).name;
  if (name !== origin)
    throw new ConfigError('LOG_ORIGIN', `là "${origin}" nhưng khóa ký trong "${file}" mang tên "${name}".`);
  return { origin, signerKey: kept.key, keySource: kept.generated ? 'generated' : 'file', checkpointIntervalMs };
}

// ------------------------------------------------------------------------------------ readers

/** EVENT_STORE=postgres: DATABASE_URL (required), DATABASE_SCHEMA, DATABASE_POOL_SIZE. */
function postgres(env: Env): EventStoreConfig {
  return {
    kind: 'postgres',
    connectionString: databaseUrl(env, 'EVENT_STORE=postgres'),
    schema: databaseSchema(env),
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
  };
}

/**
 * IDENTITY_STORE: by default PostgreSQL when the log is there (processes on several machines share
 * nothing else), in the log's DATABASE_URL and DATABASE_SCHEMA; otherwise the file under DATA_DIR.
 */
function identityStore(env: Env, dataDir: string, eventStore: EventStoreConfig): IdentityStoreConfig {
  const fallback = eventStore.kind === 'postgres' ? 'postgres' : 'sqlite';
  const kind = oneOf(env, 'IDENTITY_STORE', ['sqlite', 'postgres'] as const, fallback);
  if (kind === 'sqlite') return { kind, path: join(dataDir, IDENTITY_FILE) };
  return { kind, connectionString: databaseUrl(env, 'IDENTITY_STORE=postgres'), schema: databaseSchema(env) };
}

/** DATABASE_URL, required by `because` (the setting that chose PostgreSQL). */
function databaseUrl(env: Env, because: string): string {
  const connectionString = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (!connectionString) {
    throw new ConfigError(
      'DATABASE_URL',
      `là bắt buộc khi ${because} (ví dụ postgres://thidua@localhost:5432/thidua).`,
    );
  }
  return connectionString;
}

function databaseSchema(env: Env): string {
  const schema = text(env, 'DATABASE_SCHEMA') ?? 'thidua';
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) {
    throw new ConfigError(
      'DATABASE_SCHEMA',
      `phải là tên schema viết thường: chữ a-z, số, dấu gạch dưới, tối đa 48 ký tự (nhận được "${schema}").`,
    );
  }
  return schema;
}

/** The notifications lib's own settings (REDIS_URL, BULL_PREFIX, WEBHOOK_*, SMTP_URL, MAIL_*), as config errors. */
function notifications(env: Env): NotificationsEnvConfig {
  try {
    return notificationsConfigFromEnv(env as NodeJS.ProcessEnv);
  } catch (error) {
    const message = (error as Error).message;
    const variable =
      /\b(WEBHOOK_URL|WEBHOOK_SECRET|SMTP_URL|MAIL_FROM|MAIL_TO|BULL_PREFIX|REDIS_URL)\b/.exec(message)?.[1] ??
      'REDIS_URL';
    throw new ConfigError(variable, `không hợp lệ: ${message}`);
  }
}

/**
 * ATTACHMENTS_STORE=filesystem (default, DATA_DIR/attachments) or s3 with S3_BUCKET, S3_ENDPOINT, S3_REGION,
 * S3_ACCESS_KEY_ID…
 */
function attachments(env: Env, dataDir: string): AttachmentsConfig {
  if (oneOf(env, 'ATTACHMENTS_STORE', ['filesystem', 's3'] as const, 'filesystem') === 'filesystem')
    return { kind: 'filesystem', dir: join(dataDir, 'attachments') };
  const bucket = text(env, 'S3_BUCKET');
  if (!bucket) throw new ConfigError('S3_BUCKET', 'là bắt buộc khi ATTACHMENTS_STORE=s3.');
  const endpoint = url(env, 'S3_ENDPOINT', ['http:', 'https:']);
  const accessKeyId = text(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = text(env, 'S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new ConfigError(
      accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'phải đặt cùng với biến còn lại (S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY).',
    );
  }
  return {
    kind: 's3',
    bucket,
    ...(endpoint ? { endpoint } : {}),
    region: text(env, 'S3_REGION') ?? 'us-east-1',
    // MinIO and most S3-compatible servers want path-style URLs (http://host/bucket/key).
    forcePathStyle:
      oneOf(env, 'S3_FORCE_PATH_STYLE', ['true', 'false'] as const, endpoint ? 'true' : 'false') === 'true',
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  };
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `phải là số nguyên từ ${min} đến ${max} (nhận được "${raw}").`);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `phải là một trong ${allowed.join(', ')} (nhận được "${raw}").`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `không phải là URL hợp lệ (nhận được "${redact(raw)}").`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(
      name,
      `phải dùng giao thức ${protocols.map((p) => p + '//').join(' hoặc ')} (nhận được "${parsed.protocol}").`,
    );
  }
  return raw;
}

function byteSize(env: Env, name: string, fallback: string): string {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw);
  if (!match || Number(match[1]) === 0) {
    throw new ConfigError(name, `phải là một kích thước như 512kb hoặc 1mb (nhận được "${raw}").`);
  }
  return raw.toLowerCase().replace(/\s+/g, '');
}

/** Hides a URL's password in messages: the value may be a connection string with credentials. */
function redact(value: string): string {
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
