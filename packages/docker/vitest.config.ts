import { defineConfig } from "vitest/config";

// Unit tests (*.test.ts) and integration tests against the real Docker engine (*.int.test.ts) run together;
// the global setup builds the workspace image first when it is missing.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["src/test-support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
