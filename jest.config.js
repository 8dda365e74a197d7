/**
 * Jest runs in its native ESM mode (NestJS 12, nodemailer and others ship only ES modules, and
 * Jest's CommonJS loader cannot require them on Node 20). Unit tests sit beside the code;
 * end-to-end and browser tests under test/ use the real services.
 */
const moduleNameMapper = {
  '^@grants/(core|identity|funds|subscriptions|organisations|applications|assessment|awards|ballots|monitoring|allocations|reports|open-data|schema|jobs)$':
    '<rootDir>/libs/$1/src/index.ts',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', useESM: true }],
};
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper,
  transform,
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  testTimeout: 30_000,
  // Jest's ESM mode keeps each test file's modules alive in the process that ran it; the whole
  // suite in one process outgrows the heap. One worker at a time (as in band: the tests share
  // PostgreSQL, Redis and ports) that is replaced whenever it holds more than this after a file.
  workerIdleMemoryLimit: '1GB',
};
