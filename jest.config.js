/** Jest in ESM mode with ts-jest (NestJS 12 is ESM-only). Run through `npm test`. */
import { readFileSync } from 'node:fs';

function sourceImports() {
  const { imports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  return Object.fromEntries(
    Object.entries(imports).map(([name, targets]) => [`^${name}$`, `<rootDir>/${targets.source.slice(2)}`]),
  );
}

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // The libs' entry points (package.json "imports") resolve to their sources under test.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', ...sourceImports() },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/libs/**/*.test.ts', '<rootDir>/apps/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/bench/', '<rootDir>/apps/web/'],
  collectCoverageFrom: ['libs/domain/src/**/*.ts', '!**/*.test.ts', '!**/testing/**'],
  coverageThreshold: { './libs/domain/src/': { statements: 95 } },
  testTimeout: 30000,
  // Redis for the notification tests: the machine's, a private redis-server, or a clear stop.
  globalSetup: '<rootDir>/tests/support/redis-global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/redis-global-teardown.ts',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
  coverageReporters: ['text', 'json-summary'],
};
