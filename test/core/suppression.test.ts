import { describe, expect, it } from "vitest";
import { buildLayouts, layoutText, type SheetLayout } from "../../src/core/layout.js";
import { changeLongTable, tiltakLongTable } from "../../src/core/pivot.js";
import { suppressCount, suppressFigures } from "../../src/core/suppression.js";
import { SUPPRESSED } from "../../src/core/types.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

describe("the suppression rule (Statistikkloven § 2-6)", () => {
  it("hides counts from 1 to 3 and nothing else", () => {
    expect([0, 1, 2, 3, 4, 100, null, SUPPRESSED].map(suppressCount)).toEqual([0, "*", "*", "*", 4, 100, null, "*"]);
  });

  it("hides a change when last year's count was 1–3 (the publication's secondary rule)", () => {
    // Andre / Jobbskaping og egenetablering: none this year, so last year was 1–3.
    expect(suppressFigures({ antall: null, endring: -2, prosent: -100 })).toEqual({ antall: null, endring: "*", prosent: "*" });
    expect(suppressFigures({ antall: 10, endring: 7, prosent: 233 })).toEqual({ antall: 10, endring: "*", prosent: "*" });
    expect(suppressFigures({ antall: 10, endring: 6, prosent: 150 })).toEqual({ antall: 10, endring: 6, prosent: 150 });
  });

  it("hides a change when this year's count is hidden, since last year's published count would reveal it", () => {
    expect(suppressFigures({ antall: 2, endring: -20, prosent: -91 })).toEqual({ antall: "*", endring: "*", prosent: "*" });
  });

  it("leaves published figures as published", () => {
    const f = { antall: 60202, endring: -90, prosent: 0 };
    expect(suppressFigures(f)).toEqual(f);
  });
});

/** Every displayed participant count in a layout's tables (changes and percentages excluded). */
function shownCounts(layout: SheetLayout): number[] {
  const text = layoutText(layout);
  const out: number[] = [];
  for (const b of layout.blocks) {
    const headers = layout.cells[b.headerRow]!;
    for (let r = b.firstRow; r <= b.lastRow; r++) {
      for (let c = 1; c < b.columns; c++) {
        if (String(headers[c]).startsWith("Endring")) continue;
        const t = text[r]?.[c] ?? "";
        if (/^-?\d{1,3}( \d{3})*$/.test(t)) out.push(Number(t.replace(/ /g, "")));
      }
    }
  }
  return out;
}

describe("no way out shows a 1, 2 or 3 from a raw dataset", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const raw = makeRawDataset({ seed, groups: 5, tiltakPerGroup: 6 });

    it(`sheet layouts (seed ${seed})`, () => {
      const smalls = Object.values(raw.periods[0]!.tiltak)
        .flatMap((r) => Object.values(r))
        .filter((v) => typeof v === "number" && v >= 1 && v <= 3);
      expect(smalls.length).toBeGreaterThan(10); // the generator really produces small counts
      for (const layout of buildLayouts(raw)) {
        expect(shownCounts(layout).filter((n) => n >= 1 && n <= 3)).toEqual([]);
      }
    });

    it(`pivot ranges (seed ${seed})`, () => {
      for (const table of [tiltakLongTable(raw), changeLongTable(raw)]) {
        const a = table.columns.indexOf("Antall");
        // The change table flags the count and the change apart («Antall prikket», «Endring prikket»).
        const prikket = Math.max(table.columns.indexOf("Prikket"), table.columns.indexOf("Antall prikket"));
        for (const row of table.rows) {
          expect([1, 2, 3]).not.toContain(row[a]);
          if (row[prikket] === "Ja") expect(row[a]).toBe(null);
          // The per-tiltak table leaves out cells with nothing published, so an empty count there is a suppressed one.
          if (table.columns.includes("Prikket") && row[a] === null) expect(row[prikket]).toBe("Ja");
        }
      }
    });
  }
});
