import { defineConfig } from "vitest/config";

// The Docker-restart fault test stops the machine's only Docker engine: it runs alone, never
// beside other tests (`pnpm --filter @perry/agent test:dockerd`; nothing else may use Docker meanwhile).
export default defineConfig({
  test: {
    include: ["src/faults/dockerd-restart.int.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
