import { defineConfig } from "vitest/config";

// Lab tests start real containers and tailscaled processes: generous timeouts, one file at a time.
export default defineConfig({
  test: { testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
});
