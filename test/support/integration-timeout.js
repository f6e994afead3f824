/**
 * Integration tests start Azurite, the Graph simulator and Chromium, and share two cores with whatever
 * else runs: they get 60 s each. (A project's `testTimeout` in jest.config.js is not applied by Jest 30,
 * which reads that option only at the top level, so the project sets it here.)
 */
jest.setTimeout(60_000);
