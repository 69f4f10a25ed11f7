// PGlite loads its WASM with a dynamic import, which jest's VM allows only under --experimental-vm-modules
// (scripts/test.sh sets it).
// Four projects, run together by `npm test` (scripts/test.sh):
//   unit        pure code, no servers
//   workflow    workflows on Temporal's time-skipping test server
//   integration the Temporal dev server, real Postgres and embedded PGlite
//   browser     the pages in real Chromium (/usr/bin/chromium, Debian's package) through playwright-core
const transform = { '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// content-disposition (under @fastify/swagger-ui → @fastify/static) ships ESM only; Node 20.19+ requires it natively,
// jest's module runtime does not, so it is compiled like our own files.
const common = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
const withTemporal = { setupFiles: ['<rootDir>/test/helpers/quiet-temporal-runtime.ts'] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/{domain,runtime}/**/*.test.ts'] },
    { ...common, ...withTemporal, displayName: 'workflow', testMatch: ['<rootDir>/test/workflows/**/*.test.ts'] },
    {
      ...common,
      ...withTemporal,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/{db,integration,client,activities}/**/*.test.ts'],
    },
    { ...common, ...withTemporal, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
  testTimeout: 120_000,
};
