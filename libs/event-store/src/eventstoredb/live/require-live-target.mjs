// Run by `npm run test:eventstoredb` before Jest: stops at once, with the reason, when there is no
// live server to run the contract suite against (no EVENTSTORE_CONNECTION_STRING, no Docker engine).
import { createRequire } from 'node:module';

if (!process.env.EVENTSTORE_CONNECTION_STRING) {
  const require = createRequire(import.meta.url);
  const testcontainers = createRequire(require.resolve('@testcontainers/kurrentdb'))('testcontainers');
  try {
    await testcontainers.getContainerRuntimeClient();
  } catch (error) {
    console.error(
      'test:eventstoredb: EVENTSTORE_CONNECTION_STRING is not set and no Docker engine answers ' +
        `(${error.message}), so there is no KurrentDB to run the contract suite against. Set ` +
        'EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false after `docker compose up eventstoredb`) ' +
        'or run where Docker is available.',
    );
    process.exit(1);
  }
}
