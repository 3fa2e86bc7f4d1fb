import { defineConfig } from "vitest/config";

// Integration tests start real tailscaled processes and, for the lab tests, a control
// server in Docker; those need more time than unit tests.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
