import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests create real containers; give Docker time on a two-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Stops the machine's Docker engine: only ever run alone, by `test:dockerd` (vitest.dockerd.config.ts).
    exclude: ["**/node_modules/**", "**/dist/**", "src/faults/dockerd-restart.int.test.ts"],
  },
});
