// Browser tests of the dashboard (npm run test:browser): Chromium against the built server on a fresh, seeded database.
const base = require('./jest.config');
const { displayName: _unit, testMatch: _match, ...shared } = base.projects[0];

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  displayName: 'browser',
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  testTimeout: 180_000,
};
