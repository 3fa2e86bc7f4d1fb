import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The end-to-end tests start a real agent and real containers.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
