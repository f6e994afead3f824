/**
 * Integration setupFilesAfterEnv: gives every integration test 60 s. `testTimeout` inside a project entry
 * of jest.config.js is ignored (tests failed at jest's 5 s default while starting Azurite on a busy
 * machine); setting it from a setup file applies to this project only, so unit tests keep the default.
 */
jest.setTimeout(60_000);
