import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "core/**/*.test.ts", "storage/**/*.test.ts", "bot/**/*.test.ts", "tab/**/*.test.ts", "server/**/*.test.ts"],
    globalSetup: ["test/support/global-azurite.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
