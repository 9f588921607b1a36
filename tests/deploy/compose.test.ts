/**
 * docker-compose.yml against the Compose Specification's schema and the topology's rules. Each
 * rule is also shown refusing a copy of the file that breaks it, so that a rule that checks
 * nothing would fail here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT, readCompose, schemaProblems, topologyProblems } from './deploy-checks.js';

// The tests poke into a parsed YAML document: `any` keeps each change a one-liner.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = Record<string, any>;

/** A deep copy of the real file, changed by `change`. */
function broken(change: (compose: Json) => void): Json {
  const copy = structuredClone(readCompose()) as Json;
  change(copy);
  return copy;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(schemaProblems(readCompose())).toEqual([]);
  });

  it('the schema check refuses what Compose would refuse', () => {
    expect(schemaProblems(broken((c) => (c.services.api.replica = 2)))).not.toEqual([]);
    expect(schemaProblems(broken((c) => (c.services.redis.healthcheck.interval = 5)))).not.toEqual([]);
    expect(schemaProblems(broken((c) => (c.services.api.depends_on.redis.condition = 'healthy')))).not.toEqual([]);
  });

  it('holds EventStoreDB, Redis, two API replicas and a worker from one image, all health-checked', () => {
    expect(topologyProblems(readCompose())).toEqual([]);
  });

  it('states its rules: each one refuses a file that breaks it', () => {
    const cases: [string, (c: Json) => void, string][] = [
      ['one api replica', (c) => (c.services.api.deploy.replicas = 1), 'api runs 1 replica(s), not 2'],
      ['no worker', (c) => delete c.services.worker, 'no worker service'],
      [
        'workers in the replicas',
        (c) => delete c.services.api.environment.NOTIFICATIONS_WORKER,
        'api replicas also run a notification worker (NOTIFICATIONS_WORKER is not off)',
      ],
      ['another image', (c) => (c.services.worker.image = 'other:1'), 'worker does not run the same image as api'],
      [
        'sqlite store',
        (c) => (c.services.api.environment.EVENT_STORE = 'sqlite'),
        'api does not set EVENT_STORE=eventstoredb',
      ],
      [
        'no AOF',
        (c) => (c.services.redis.command = ['redis-server', '--maxmemory-policy', 'noeviction']),
        'redis runs without AOF (--appendonly yes)',
      ],
      [
        'eviction',
        (c) =>
          (c.services.redis.command = ['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'allkeys-lru']),
        'redis may evict keys (needs --maxmemory-policy noeviction)',
      ],
      ['no health check', (c) => delete c.services.worker.healthcheck, 'worker has no health check'],
      [
        'disabled health check',
        (c) => (c.services.eventstoredb.healthcheck = { test: ['NONE'] }),
        'eventstoredb has no health check',
      ],
      ['no volume', (c) => (c.services.redis.volumes = []), 'redis keeps /data in no named volume'],
      [
        'not waiting',
        (c) => (c.services.api.depends_on.redis.condition = 'service_started'),
        'api does not wait for a healthy redis',
      ],
      [
        'a committed secret',
        (c) => (c.services.api.environment.AUTH_JWT_SECRET = 'x'.repeat(48)),
        'api: AUTH_JWT_SECRET is written in the file, not taken from the environment',
      ],
      [
        'credentials in a URL',
        (c) =>
          (c.services.worker.environment.EVENTSTORE_CONNECTION_STRING =
            'esdb://admin:changeit@eventstoredb:2113?tls=false'),
        'worker: EVENTSTORE_CONNECTION_STRING holds credentials in a URL',
      ],
    ];
    for (const [, change, problem] of cases) {
      expect(topologyProblems(broken(change))).toContain(problem);
    }
  });

  it('takes the JWT secret from the environment and refuses to start without it', () => {
    const services = readCompose().services as Json;
    expect(services.api.environment.AUTH_JWT_SECRET).toMatch(/^\$\{AUTH_JWT_SECRET:\?.+\}$/);
  });

  it('says plainly that its KurrentDB node is insecure, for development only', () => {
    const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(readCompose().services).toHaveProperty('eventstoredb.environment.KURRENTDB_INSECURE', 'true');
    expect(text).toMatch(/INSECURE single node/);
    expect(text).toMatch(/never for production/);
  });
});

describe('docker-compose.postgres.yml: the same topology on PostgreSQL', () => {
  const postgres = (): Json => readCompose(readFileSync(join(ROOT, 'docker-compose.postgres.yml'), 'utf8'));

  it('is valid against the Compose Specification schema', () => {
    expect(schemaProblems(postgres())).toEqual([]);
  });

  it('holds PostgreSQL, Redis, two API replicas and a worker from one image, all health-checked', () => {
    expect(topologyProblems(postgres(), 'postgres')).toEqual([]);
  });

  it('states its rules: each one refuses a file that breaks it', () => {
    const cases: [(c: Json) => void, string][] = [
      [(c) => (c.services.api.environment.EVENT_STORE = 'eventstoredb'), 'api does not set EVENT_STORE=postgres'],
      [
        (c) => (c.services.worker.environment.DATABASE_URL = 'postgres://thidua@elsewhere:5432/thidua'),
        'worker does not point DATABASE_URL at the postgres service',
      ],
      [
        (c) => (c.services.api.environment.DATABASE_URL = 'postgres://thidua:pw@postgres:5432/thidua'),
        'api: DATABASE_URL holds credentials in a URL',
      ],
      [
        (c) => (c.services.postgres.environment.POSTGRES_PASSWORD = 'changeit'),
        'postgres: POSTGRES_PASSWORD is written in the file, not taken from the environment',
      ],
      [(c) => (c.services.postgres.volumes = []), 'postgres keeps /var/lib/postgresql/data in no named volume'],
      [(c) => delete c.services.api.depends_on.postgres, 'api does not wait for a healthy postgres'],
      [(c) => delete c.services.postgres, 'no postgres service'],
    ];
    for (const [change, problem] of cases) {
      const copy = structuredClone(postgres());
      change(copy);
      expect(topologyProblems(copy, 'postgres')).toContain(problem);
    }
  });
});
