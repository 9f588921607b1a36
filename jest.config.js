/** Jest in ESM mode with ts-jest (NestJS 12 is ESM-only). Run through `npm test`. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/libs/**/*.test.ts', '<rootDir>/apps/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/bench/'],
  collectCoverageFrom: ['libs/domain/src/**/*.ts', '!**/*.test.ts', '!**/testing/**'],
  coverageThreshold: { './libs/domain/src/': { statements: 95 } },
  testTimeout: 30000,
  // Redis for the notification tests: the machine's, a private redis-server, or a clear stop.
  globalSetup: '<rootDir>/tests/support/redis-global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/redis-global-teardown.ts',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
  coverageReporters: ['text', 'json-summary'],
};
