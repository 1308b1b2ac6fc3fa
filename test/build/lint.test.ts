// The lint really runs: ESLint with the project's config reports the deliberate violations in
// test/lint-fixtures/ when that code stands where add-in code lives, and `npm test` runs the lint.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/manifest.js";

const FIXTURE = join(ROOT, "test/lint-fixtures/office-violations.ts");

describe("npm run lint", () => {
  it("reports Microsoft's Office add-in rules and typescript-eslint's on add-in code", async () => {
    const eslint = new ESLint({ cwd: ROOT });
    // Linted under a path in src/, where the office-addins rules apply, without a file there.
    const [result] = await eslint.lintText(readFileSync(FIXTURE, "utf8"), { filePath: join(ROOT, "src/excel/lint-fixture.ts") });
    const rules = new Set(result?.messages.map((m) => m.ruleId));
    expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
    for (const rule of [
      "office-addins/no-context-sync-in-loop",
      "office-addins/load-object-before-read",
      "office-addins/test-for-null-using-isNullObject",
      "@typescript-eslint/no-unused-vars",
    ]) {
      expect(rules, `expected ${rule} among ${[...rules].join(", ")}`).toContain(rule);
    }
  }, 60_000);

  it("is part of npm test and covers the whole project", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toBe("eslint .");
    expect(pkg.scripts.test).toMatch(/npm run -s lint/);
  });
});
