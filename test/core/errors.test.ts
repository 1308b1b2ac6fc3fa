// Typed errors (src/core/errors.ts): a message written for the user reaches the CLI as it is, with
// the exit code of its kind and no «Uventet feil» or stack trace; and no code outside the fake
// Excel throws an untyped Error, since its text would reach a user as an unexpected failure.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, runCommand } from "../../src/cli/contract.js";
import type { Command } from "../../src/cli/io.js";
import { DisclosureSearchLimitError } from "../../src/core/disclosure.js";
import { InputRejectedError, InternalError, NavTiltakError, NotFoundError } from "../../src/core/errors.js";
import { MilpError } from "../../src/core/protect/milp.js";
import { protect } from "../../src/core/protect/protect.js";
import { PublicationError } from "../../src/core/findings.js";
import { periodData } from "../../src/core/layout.js";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The .ts files under src/, except the preview and `xlsx` plumbing around the Excel simulator
 * (their errors are Excel's or a developer's, not a user's; the simulator is a package of its own).
 */
function sourceFiles(dir = join(ROOT, "src")): string[] {
  const skip = new Set(["preview", "xlsx", "generated"]);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.has(name) ? [] : sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

describe("typed errors", () => {
  it("each kind is a NavTiltakError with its code; PublicationError is rejected input", () => {
    const e = new InputRejectedError("not-raw", "x");
    expect(e).toBeInstanceOf(NavTiltakError);
    expect([e.kind, e.code, e.name]).toEqual(["rejected", "not-raw", "InputRejectedError"]);
    expect(new NotFoundError("unknown-period", "x").kind).toBe("not-found");
    expect(new InternalError("audit-failed", "x").kind).toBe("internal");
    expect(new PublicationError([]).kind).toBe("rejected");
    // The solvers' limits can reach the Prikkekontroll view: a Norwegian message, reported as a bug.
    expect(new DisclosureSearchLimitError(10)).toBeInstanceOf(InternalError);
    expect(new DisclosureSearchLimitError(10).message).toMatch(/^Prikkekontrollen ga opp etter 10 søkesteg/);
    expect(new MilpError("Time limit reached")).toBeInstanceOf(InternalError);
  });

  it("an unknown period is a NotFoundError with a Norwegian message", () => {
    expect(() => periodData(BUNDLED_DATASET, "2099-01")).toThrow(NotFoundError);
    expect(() => periodData(BUNDLED_DATASET, "2099-01")).toThrow("Perioden «2099-01» finnes ikke i datasettet.");
  });

  it.each([
    [new InputRejectedError("not-raw", "Skjermingen trenger rå tall."), EXIT.REJECTED],
    [new NotFoundError("unknown-period", "Perioden «2099-01» finnes ikke i datasettet."), EXIT.USAGE],
  ])("the CLI shows %s as it is, with its exit code", async (error, code) => {
    const cmd: Command = { summary: "prøve", usage: "nav-tiltak prøve", run: () => Promise.reject(error) };
    let out = "";
    let err = "";
    const exit = await runCommand(cmd, [], { out: (t) => (out += t), err: (t) => (err += t) });
    expect(exit).toBe(code);
    expect(err).toBe(`${error.message}\n`);
    expect(out + err).not.toMatch(/Uventet feil|\n\s+at /);
  });

  it("an internal error is reported as a bug (exit 70), still without a stack trace", async () => {
    const cmd: Command = {
      summary: "prøve",
      usage: "nav-tiltak prøve",
      run: () => Promise.reject(new InternalError("audit-failed", "Fant ingen mulig prosent.")),
    };
    let err = "";
    const exit = await runCommand(cmd, [], { out: () => {}, err: (t) => (err += t) });
    expect(exit).toBe(EXIT.INTERNAL);
    expect(err).toContain("Fant ingen mulig prosent.");
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("protection refuses a dataset that is already suppressed with a typed error", async () => {
    await expect(protect(BUNDLED_DATASET)).rejects.toThrow(InputRejectedError);
  });

  it("no code outside the fake Excel throws an untyped Error", () => {
    const offenders = sourceFiles().flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${relative(ROOT, file)}:${i + 1}` }))
        .filter(({ line }) => /throw new Error\(/.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});

describe("Norwegian text", () => {
  it('no choice between two identical words (`n === 1 ? "feil" : "feil"`)', () => {
    const offenders = sourceFiles().flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\?\s*(["'`])([^"'`$]+)\1\s*:\s*\1\2\1/g)].map((m) => `${relative(ROOT, file)}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});
