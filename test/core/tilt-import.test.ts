// NAV's time-series workbooks (TILT100–TILT180) read into the one Dataset: every figure as the
// fixture model publishes it, the newer file winning, «..» where a figure cannot be derived.
import { beforeAll, describe, expect, it } from "vitest";
import { importPublications } from "../../src/core/dataset.js";
import { readSources } from "../../src/data/load.js";
import { ALL, NOT_AVAILABLE, type Dataset } from "../../src/core/types.js";
import { tiltakId } from "../../src/core/period/names.js";
import { slug } from "../../src/core/text.js";
import { formatFinding } from "../../src/core/findings.js";
import { fixtureSet, fileBlocks, fileName, type TiltFileSpec } from "../fixtures/tilt/generate.js";
import { MALGRUPPER, shown, type Malgruppe } from "../fixtures/tilt/model.js";
import { tiltFolder } from "../helpers/tilt.js";

let dataset: Dataset;
let notes: string[];
const hgId = (m: Malgruppe) => slug(m);
const period = (y: number, m: number) => `${y}-${String(m).padStart(2, "0")}`;

/** The file that must win a month of a code: the newest spec holding it. */
function winner(code: number, year: number, month: number): TiltFileSpec {
  return fixtureSet()
    .filter((s) => s.code === code && s.year === year && s.last >= month)
    .sort((a, b) => b.last - a.last)[0]!;
}

beforeAll(async () => {
  const { dir } = await tiltFolder();
  const r = importPublications(readSources(dir));
  dataset = r.dataset;
  notes = r.findings.map(formatFinding);
});

describe("TILT workbooks into the Dataset", () => {
  it("has every month of every file, and the 2016 text month", () => {
    const months = dataset.periods.map((p) => p.period);
    expect(months[0]).toBe("2016-11");
    expect(months).toHaveLength(1 + 12 + 12 + 3);
    expect(months.slice(1)).toEqual(
      [2024, 2025, 2026].flatMap((y) => Array.from({ length: y === 2026 ? 3 : 12 }, (_, i) => period(y, i + 1))),
    );
  });

  it("gives every tiltak figure as the winning file publishes it («*» for 1–3, a block without the row: none)", () => {
    let checked = 0;
    for (const spec of fixtureSet().filter((s) => s.code !== 100)) {
      for (let m = 1; m <= spec.last; m++) {
        if (fileName(winner(spec.code, spec.year, m)) !== fileName(spec)) continue;
        const p = dataset.periods.find((x) => x.period === period(spec.year, m))!;
        for (const block of fileBlocks(spec)) {
          for (const row of block.rows) {
            expect(p.tiltak[tiltakId(row.label)]![hgId(block.malgruppe)], `${fileName(spec)} ${row.label} ${m}`).toEqual(
              shown(row.raw[m - 1]!),
            );
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("gives TILT100's group rows and «I alt» per målgruppe", () => {
    for (const spec of fixtureSet().filter((s) => s.code === 100)) {
      for (const block of fileBlocks(spec)) {
        for (let m = 1; m <= spec.last; m++) {
          const p = dataset.periods.find((x) => x.period === period(spec.year, m))!;
          expect(p.total[hgId(block.malgruppe)]!.antall).toEqual(shown(block.total[m - 1]!));
          for (const row of block.rows) expect(p.groups[slug(row.label)]![hgId(block.malgruppe)]!.antall).toEqual(shown(row.raw[m - 1]!));
        }
      }
    }
  });

  it("lets the newer file win a month two files hold, and says so in a «Merk»", () => {
    const older = fixtureSet().find((s) => s.revision)!;
    const r = older.revision!;
    const feb = dataset.periods.find((p) => p.period === period(older.year, r.month))!;
    const newest = fileBlocks(winner(older.code, older.year, r.month)).find((b) => b.malgruppe === r.malgruppe)!;
    const published = newest.rows.find((x) => x.label === r.row)!.raw[r.month - 1]!;
    expect(feb.tiltak[tiltakId(r.row)]![hgId(r.malgruppe)]).toBe(published);
    const revised = fileBlocks(older)
      .find((b) => b.malgruppe === r.malgruppe)!
      .rows.find((x) => x.label === r.row)!.raw[r.month - 1]!;
    expect(revised).not.toBe(published);
    const merk = notes.find((n) => n.startsWith(`Merk (${fileName(older)})`));
    expect(merk).toMatch(
      /Januar 2026, Februar 2026 finnes også i den nyere filen «202603_TILT130_.*»; tallene derfra brukes\. 2 tall er endret/,
    );
  });

  it("says which rows TILT180's «I alt» counts, file by file", () => {
    const with180 = notes.filter((n) => /TILT180.*omfatter Tilretteleggings tiltak/.test(n));
    const without = notes.filter((n) => /TILT180.*omfatter ikke Tilretteleggings tiltak/.test(n));
    expect(with180.map((n) => n.slice(6, 12))).toEqual(["202412", "202512"]);
    expect(without).toHaveLength(1);
    expect(without[0]).toContain("2026.03_TILT180");
  });

  it("puts Tilrettelegging's three tiltak in their own group", () => {
    for (const name of ["Funksjonsassistanse", "Inkluderingstilskudd", "Tilskudd til ekspertbistand"]) {
      expect(dataset.tiltak.find((t) => t.id === tiltakId(name))!.group).toBe("tilrettelegging");
    }
  });

  it("derives «I alt» over målgrupper only where every part is a number, else «..»", () => {
    let sums = 0;
    let symbols = 0;
    for (const p of dataset.periods.filter((x) => x.source === "tidsserie")) {
      for (const rec of Object.values(p.tiltak)) {
        const parts = MALGRUPPER.map((m) => rec[hgId(m)] ?? null);
        if (parts.every((c) => c === null || typeof c === "number")) {
          expect(rec[ALL]).toBe(parts.every((c) => c === null) ? null : parts.reduce<number>((a, c) => a + ((c as number | null) ?? 0), 0));
          sums++;
        } else {
          expect(rec[ALL]).toBe(NOT_AVAILABLE);
          symbols++;
        }
      }
    }
    expect(sums).toBeGreaterThan(100);
    expect(symbols).toBeGreaterThan(10);
  });

  it("derives the change from the same month a year earlier where both are numbers, else «..»", () => {
    const mar26 = dataset.periods.find((p) => p.period === "2026-03")!;
    const mar25 = dataset.periods.find((p) => p.period === "2025-03")!;
    const jan24 = dataset.periods.find((p) => p.period === "2024-01")!;
    const a = mar26.groups["opplaering"]!["arbeidssokere"]!;
    const b = mar25.groups["opplaering"]!["arbeidssokere"]!;
    expect(a.endring).toBe((a.antall as number) - (b.antall as number));
    expect(a.prosent).toBe(Math.round(((a.endring as number) / (b.antall as number)) * 100));
    // No 2023 file: no change for 2024.
    expect(jan24.groups["opplaering"]!["arbeidssokere"]!.endring).toBe(NOT_AVAILABLE);
    // A «*» on either side: «..».
    const star = Object.entries(mar26.groups).find(([, r]) => r["andre"]?.antall === "*");
    expect(star).toBeDefined();
    expect(star![1]["andre"]!.endring).toBe(NOT_AVAILABLE);
  });

  it("keeps the 2016 text month as published", () => {
    const nov = dataset.periods.find((p) => p.period === "2016-11")!;
    expect(nov.source).toBeUndefined();
    expect(nov.total[ALL]).toEqual({ antall: 83484, endring: 3805, prosent: 5 });
    // A tiltak NAV has since moved to another group keeps its 2016 group for 2016.
    expect(nov.tiltakGroups?.["arbeidsforberedende-trening"]).toBe("arbeidspraksis");
  });
});
