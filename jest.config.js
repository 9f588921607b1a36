/**
 * Jest in ESM mode with ts-jest (NestJS 12 is ESM-only), in two projects:
 * - `unit`: the libs' tests and the app's pure ones: real SQLite files, no Redis, no `dist/`
 *   (`npm run test:unit`);
 * - `integration`: what needs Redis or the built server (`*.http.test.ts`, `libs/notifications/test/`,
 *   `libs/metrics/test/`, `tests/`), with the Redis set-up.
 * `npm test` runs both, with the domain's coverage threshold.
 */
import { readFileSync } from 'node:fs';

function sourceImports() {
  const { imports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  return Object.fromEntries(
    Object.entries(imports).map(([name, targets]) => [`^${name}$`, `<rootDir>/${targets.source.slice(2)}`]),
  );
}

const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // The libs' entry points (package.json "imports") resolve to their sources under test.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', ...sourceImports() },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
};

const NEEDS_REDIS_OR_DIST = [
  '\\.http\\.test\\.ts$',
  '<rootDir>/libs/notifications/test/',
  '<rootDir>/libs/metrics/test/',
];

export default {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.test.ts', '<rootDir>/apps/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/bench/', '<rootDir>/apps/web/', ...NEEDS_REDIS_OR_DIST],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/apps/**/*.http.test.ts',
        '<rootDir>/libs/notifications/test/**/*.test.ts',
        '<rootDir>/libs/metrics/test/**/*.test.ts',
        '<rootDir>/tests/**/*.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/bench/', '<rootDir>/apps/web/'],
      // Redis for the notification tests: the machine's, a private redis-server, or a clear stop.
      globalSetup: '<rootDir>/tests/support/redis-global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/redis-global-teardown.ts',
    },
  ],
  collectCoverageFrom: ['libs/domain/src/**/*.ts', '!**/*.test.ts', '!**/testing/**'],
  coverageThreshold: { './libs/domain/src/': { statements: 95 } },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
  coverageReporters: ['text', 'json-summary'],
};
