import { defineConfig } from "vitest/config";

// Browser end to end against a real agent: slow, needs Docker, Chromium and a built UI.
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
