// Fuzzed and truncated publication files: the importer either returns a complete, audited dataset
// or throws PublicationError whose every error names its line (or the table/row that is missing).
// It never throws anything else and never returns part of a dataset.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importPublication } from "../../src/core/dataset.js";
import { PublicationError } from "../../src/core/findings.js";
import { buildLayouts } from "../../src/core/layout.js";
import { publicationText } from "../helpers/publication.js";

const original = publicationText();
const lines = original.split("\n");
const NOT_LINE_BOUND = new Set(["missing-table", "missing-row", "empty-file", "duplicate-period"]);

type Outcome = "accepted" | "rejected";

function check(text: string): Outcome {
  let result;
  try {
    result = importPublication(text, "fuzz.txt");
  } catch (e) {
    if (!(e instanceof PublicationError)) throw e; // an unexplained exception fails the property
    const errors = e.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) {
      expect(f.message.length).toBeGreaterThan(10);
      if (!NOT_LINE_BOUND.has(f.code)) expect(f.line, `${f.code}: ${f.message}`).toBeGreaterThan(0);
      if (f.line !== undefined) expect(f.line).toBeLessThanOrEqual(text.split(/\r\n?|\n/).length);
    }
    return "rejected";
  }
  // Accepted: the dataset is complete enough to lay out every table.
  expect(result.dataset.periods).toHaveLength(1);
  expect(buildLayouts(result.dataset)).toHaveLength(6);
  return "accepted";
}

const lineIndex = fc.integer({ min: 0, max: lines.length - 1 });
const edits = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: lineIndex }),
  fc.record({ kind: fc.constant("duplicate" as const), at: lineIndex }),
  fc.record({ kind: fc.constant("swap" as const), at: lineIndex, with: lineIndex }),
  fc.record({
    kind: fc.constant("char" as const),
    at: lineIndex,
    pos: fc.nat(80),
    ch: fc.constantFrom("\t", "*", "1", " ", "x", "<b>", "-", "#", ""),
  }),
  fc.record({ kind: fc.constant("digit" as const), at: lineIndex }),
);

type Edit = typeof edits extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(list: Edit[]): string {
  const out = [...lines];
  for (const e of list) {
    const i = Math.min(e.at, out.length - 1);
    if (i < 0) break;
    switch (e.kind) {
      case "delete":
        out.splice(i, 1);
        break;
      case "duplicate":
        out.splice(i, 0, out[i]!);
        break;
      case "swap": {
        const j = Math.min(e.with, out.length - 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
        break;
      }
      case "char": {
        const l = out[i]!;
        const p = Math.min(e.pos, l.length);
        out[i] = l.slice(0, p) + e.ch + l.slice(p + 1);
        break;
      }
      case "digit":
        // Change one number: the audit must notice (a changed total or part no longer adds up).
        out[i] = out[i]!.replace(/\d/, (d) => String((Number(d) + 1) % 10));
        break;
    }
  }
  return out.join("\n");
}

describe("fuzzed publication files", () => {
  it("random edits: accepted whole or rejected with located findings, never an unexplained exception", () => {
    const seen: Record<Outcome, number> = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.array(edits, { minLength: 1, maxLength: 4 }), (list) => {
        seen[check(applyEdits(list))]++;
      }),
      { numRuns: 400, seed: 20161101 },
    );
    expect(seen.rejected).toBeGreaterThan(100);
  });

  it("changing any single digit of a table line is caught by the audit", () => {
    const tableLines = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.includes("\t") && /\d/.test(l.split("\t").slice(1).join("")));
    expect(tableLines.length).toBeGreaterThan(90);
    for (const { l, i } of tableLines) {
      const cells = l.split("\t");
      // bump the first digit of the first numeric cell
      const c = cells.findIndex((x, k) => k > 0 && /\d/.test(x));
      cells[c] = cells[c]!.replace(/\d/, (d) => String((Number(d) + 1) % 10));
      const text = [...lines.slice(0, i), cells.join("\t"), ...lines.slice(i + 1)].join("\n");
      expect(check(text), `line ${i + 1}: ${cells.join(" | ")}`).toBe("rejected");
    }
  });

  it("every truncation point is rejected (or, at the very end, accepted whole)", () => {
    for (let cut = 0; cut < original.length; cut += 37) {
      const outcome = check(original.slice(0, cut));
      if (cut < original.lastIndexOf("<b>I alt jobbskaping")) expect(outcome).toBe("rejected");
    }
  });

  it("arbitrary text never crashes the importer", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        expect(check(s)).toBe("rejected");
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
