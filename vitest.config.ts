import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "./test/reporters/summary-line.ts"],
    environment: "node",
    globalSetup: ["test/setup-dataset.ts"],
    setupFiles: ["test/setup-office-js.ts"],
    // Browser tests start Chromium and a webpack build; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
