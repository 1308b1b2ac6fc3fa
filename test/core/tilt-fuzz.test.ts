// Whatever a workbook's bytes are, reading it ends in a dataset or in findings (PublicationError):
// never another exception, so the CLI never shows a stack trace. Random byte damage, truncation,
// and random values written into the data sheet's cells.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { importPublications } from "../../src/core/dataset.js";
import { PublicationError } from "../../src/core/findings.js";
import { dataSheetPart, editWorkbook, nameOf, tiltFolder } from "../helpers/tilt.js";

let bytes: Uint8Array;
const FILE = nameOf(140, 2026, 3);

beforeAll(async () => {
  const { dir } = await tiltFolder(undefined, false);
  bytes = new Uint8Array(readFileSync(join(dir, FILE)));
});

/** Reads the bytes; returns "ok", or "rejected" for a PublicationError, and lets anything else through. */
function outcome(b: Uint8Array): "ok" | "rejected" {
  try {
    importPublications([{ file: FILE, text: "", bytes: b }]);
    return "ok";
  } catch (e) {
    if (e instanceof PublicationError) {
      for (const f of e.findings) expect(f.message).not.toMatch(/undefined|NaN|\[object/);
      return "rejected";
    }
    throw e;
  }
}

describe("a damaged workbook never ends in an unexpected error", () => {
  it("random bytes overwritten, or the file cut short", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat()),
        (edits, cut) => {
          const b = bytes.slice(0, cut === null ? bytes.length : cut % bytes.length);
          for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v;
          outcome(b);
        },
      ),
      // Fixed seed, so a run is repeatable; -344827075 found the «NaN» in a message once.
      { numRuns: 200, seed: -344827075 },
    );
  });

  it("random values in the data sheet's cells", () => {
    const value = fc.oneof(fc.string(), fc.constantFrom("*", "..", "-", "1 234", "12,5", "#REF!", "", "=1+1"), fc.double());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), value), { minLength: 1, maxLength: 5 }),
        (cells) => {
          const damaged = editWorkbook(bytes, (p) => {
            const part = dataSheetPart(p);
            let xml = p[part]!;
            for (const [row, col, v] of cells) {
              const ref = `${String.fromCharCode(64 + col)}${row}`;
              const esc = String(v)
                .replace(/&/g, "&amp;")
                .replace(/</g, "&lt;")
                .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/g, "");
              xml = xml.replace(new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`), `<c r="${ref}" t="inlineStr"><is><t>${esc}</t></is></c>`);
            }
            return { ...p, [part]: xml };
          });
          outcome(damaged);
        },
      ),
      { numRuns: 60, seed: 20261208 },
    );
  });
});
