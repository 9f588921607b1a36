/**
 * The live server `npm run test:eventstoredb` runs the contract suite against: the one named by
 * `EVENTSTORE_CONNECTION_STRING`, or else a throwaway KurrentDB container started through
 * `@testcontainers/kurrentdb` when a Docker engine answers, or else a clear refusal.
 */
import { createRequire } from 'node:module';

/** The image docker-compose.yml runs too (Docker Hub; linux/amd64 and linux/arm64). */
export const KURRENTDB_IMAGE = 'kurrentplatform/kurrentdb:26.1.1';

export interface LiveTarget {
  connectionString: string;
  /** Where it came from, for the suite's name. */
  source: 'EVENTSTORE_CONNECTION_STRING' | typeof KURRENTDB_IMAGE;
  stop(): Promise<void>;
}

export class NoLiveTargetError extends Error {
  constructor(reason: string) {
    super(
      'npm run test:eventstoredb needs a live server: set EVENTSTORE_CONNECTION_STRING ' +
        '(e.g. esdb://localhost:2113?tls=false after `docker compose up eventstoredb`), ' +
        `or run it where a Docker engine answers so that a KurrentDB container can be started (${reason})`,
    );
    this.name = 'NoLiveTargetError';
  }
}

export async function liveTarget(env: NodeJS.ProcessEnv = process.env): Promise<LiveTarget> {
  const given = env.EVENTSTORE_CONNECTION_STRING;
  if (given) return { connectionString: given, source: 'EVENTSTORE_CONNECTION_STRING', stop: async () => {} };
  const require = createRequire(import.meta.url);
  // testcontainers is the module's own dependency (pinned to 11.x in package.json "overrides": 12.x needs Node 22).
  const testcontainers = createRequire(require.resolve('@testcontainers/kurrentdb'))('testcontainers') as {
    getContainerRuntimeClient(): Promise<unknown>;
  };
  try {
    await testcontainers.getContainerRuntimeClient();
  } catch (error) {
    throw new NoLiveTargetError(`no Docker engine: ${(error as Error).message}`);
  }
  const { KurrentDbContainer } = await import('@testcontainers/kurrentdb');
  const container = await new KurrentDbContainer(KURRENTDB_IMAGE).start();
  return {
    connectionString: container.getConnectionString(),
    source: KURRENTDB_IMAGE,
    stop: async () => void (await container.stop()),
  };
}
