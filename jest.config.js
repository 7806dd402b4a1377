// Jest for LWC bundles, run by `sfdx-lwc-jest` (the lwc-jest suite of `npm test`). The Salesforce preset compiles
// `.ts`, `.js` and `.html` through the LWC transformer and resolves `lightning/*` to the preset's stubs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

export default {
  ...jestConfig,
  // Only the package's bundles hold Jest tests; node:test suites elsewhere (localorg, scripts, tools) are not Jest's.
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/__tests__/**/*.test.[jt]s'],
  testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, '<rootDir>/tools/gates/test/fixtures/'],
  coverageDirectory: '<rootDir>/test-coverage/lwc'
};
