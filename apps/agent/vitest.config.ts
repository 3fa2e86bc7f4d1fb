import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests create real containers; give Docker time on a two-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
