import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

// The agent serves dist/ on the same origin; in dev, Vite proxies the API to a local agent.
export default defineConfig({
  plugins: [solid()],
  server: { proxy: { "/api": { target: "http://127.0.0.1:7391", changeOrigin: false } } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", assetsDir: "assets" },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-support/setup.ts"],
    // One copy of the router for the app and for testing-library's MemoryRouter.
    server: { deps: { inline: [/@solidjs\/(router|testing-library)/] } },
  },
});
