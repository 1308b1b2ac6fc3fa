import { availableParallelism } from "node:os";
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
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
    // where the long fault sweeps then run one after another. They are CPU-bound and independent.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 180_000,
  },
});
