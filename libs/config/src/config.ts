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
import { DEFAULT_REDIS_URL, notificationsConfigFromEnv, type NotificationsEnvConfig } from '#notifications';
import { loadOrCreateSignerKey, noteSigner } from '#transparency';

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
  };
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
  /**
   * The signed log (libs/transparency): its origin line, the Ed25519 signer key (LOG_SIGNING_KEY,
   * else DATA_DIR/log-signing-key, generated mode 0600), how often a checkpoint is signed.
   */
  transparency: { origin: string; signerKey: string; keySource: 'env' | 'file' | 'generated'; checkpointIntervalMs: number };
}

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
  const config: Omit<AppConfig, 'auth'> = {
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
    notifications: { ...notifications(env), worker: oneOf(env, 'NOTIFICATIONS_WORKER', ['auto', 'off'] as const, 'auto') },
    transparency: transparency(env, dataDir),
  };
  const secret = resolveJwtSecret(env, dataDir);
  return { ...config, auth: { jwtSecret: secret.secret, jwtSecretSource: secret.source, ...(jwksUrl ? { jwksUrl } : {}) } };
}

/** What `npm run start:worker` needs: the same store and notification settings as the API, read by the same rules. */
export interface WorkerConfig {
  dataDir: string;
  eventStore: EventStoreConfig;
  notifications: NotificationsEnvConfig;
}

export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const { dataDir, eventStore } = storeConfig(env);
  redisUrl(env);
  const config = { dataDir, eventStore, notifications: notifications(env) };
  if (eventStore.kind === 'sqlite') ensureDataDir(dataDir);
  return config;
}

/** DATA_DIR, EVENT_STORE and EVENTSTORE_CONNECTION_STRING: where the log is. */
function storeConfig(env: Env): { dataDir: string; eventStore: EventStoreConfig } {
  const dataDir = resolve(text(env, 'DATA_DIR') ?? './data');
  const kind = oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb', 'postgres'] as const, 'sqlite');
  const connectionString = text(env, 'EVENTSTORE_CONNECTION_STRING');
  if (kind === 'eventstoredb' && !connectionString) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'là bắt buộc khi EVENT_STORE=eventstoredb (ví dụ esdb://localhost:2113?tls=false).');
  }
  // @eventstore/db-client 6.2.1 parses only these two schemes (kurrentdb:// is a later client's).
  if (connectionString && !/^esdb(\+discover)?:\/\//.test(connectionString)) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'phải bắt đầu bằng esdb:// hoặc esdb+discover:// (ví dụ esdb://localhost:2113?tls=false).');
  }
  const eventStore: EventStoreConfig =
    kind === 'sqlite'
      ? { kind: 'sqlite', path: join(dataDir, 'events.sqlite') }
      : kind === 'eventstoredb'
        ? { kind: 'eventstoredb', connectionString: connectionString as string }
        : postgres(env);
  return { dataDir, eventStore };
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
export function resolveJwtSecret(env: Env, dataDir: string): { secret: string; source: 'env' | 'file' | 'generated' } {
  const fromEnv = env['AUTH_JWT_SECRET'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new ConfigError('AUTH_JWT_SECRET', `phải dài ít nhất ${MIN_SECRET_LENGTH} ký tự (đang có ${fromEnv.length}); hoặc bỏ trống để tự sinh khóa trong DATA_DIR.`);
    }
    return { secret: fromEnv, source: 'env' };
  }
  const file = join(dataDir, JWT_SECRET_FILE);
  ensureDataDir(dataDir);
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
  if (origin !== undefined && !/^[^\s+]{1,200}$/.test(origin)) throw new ConfigError('LOG_ORIGIN', `không được chứa khoảng trắng hoặc "+" (nhận được "${origin}").`);
  if (fromEnv !== undefined) {
    let name: string;
    try {
      name = noteSigner(fromEnv).name;
    } catch (error) {
      throw new ConfigError('LOG_SIGNING_KEY', `không hợp lệ: ${(error as Error).message}.`);
    }
    if (origin !== undefined && origin !== name) throw new ConfigError('LOG_SIGNING_KEY', `mang tên "${name}", khác LOG_ORIGIN "${origin}".`);
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
  if (name !== origin) throw new ConfigError('LOG_ORIGIN', `là "${origin}" nhưng khóa ký trong "${file}" mang tên "${name}".`);
  return { origin, signerKey: kept.key, keySource: kept.generated ? 'generated' : 'file', checkpointIntervalMs };
}

// ------------------------------------------------------------------------------------ readers

/** EVENT_STORE=postgres: DATABASE_URL (required), DATABASE_SCHEMA, DATABASE_POOL_SIZE. */
function postgres(env: Env): EventStoreConfig {
  const connectionString = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (!connectionString) {
    throw new ConfigError('DATABASE_URL', 'là bắt buộc khi EVENT_STORE=postgres (ví dụ postgres://thidua@localhost:5432/thidua).');
  }
  const schema = text(env, 'DATABASE_SCHEMA') ?? 'thidua';
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) {
    throw new ConfigError('DATABASE_SCHEMA', `phải là tên schema viết thường: chữ a-z, số, dấu gạch dưới, tối đa 48 ký tự (nhận được "${schema}").`);
  }
  return { kind: 'postgres', connectionString, schema, poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000) };
}

/** The notifications lib's own settings (REDIS_URL, BULL_PREFIX, WEBHOOK_*, SMTP_URL, MAIL_*), as config errors. */
function notifications(env: Env): NotificationsEnvConfig {
  try {
    return notificationsConfigFromEnv(env as NodeJS.ProcessEnv);
  } catch (error) {
    const message = (error as Error).message;
    const variable = /\b(WEBHOOK_URL|WEBHOOK_SECRET|SMTP_URL|MAIL_FROM|MAIL_TO|BULL_PREFIX|REDIS_URL)\b/.exec(message)?.[1] ?? 'REDIS_URL';
    throw new ConfigError(variable, `không hợp lệ: ${message}`);
  }
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
    throw new ConfigError(name, `phải dùng giao thức ${protocols.map((p) => p + '//').join(' hoặc ')} (nhận được "${parsed.protocol}").`);
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
