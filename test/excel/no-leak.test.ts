// End to end: raw counts (with many 1–3s) are refused as input (core/raw-counts.ts); protected by the
// core (primary «*», secondary «:»), written as a publication file and read by the real importer,
// they go out through every way out — CLI sheets and call, the custom functions over thousands of
// generated queries, and the sheets and pivot ranges the add-in writes into the fake workbook. None
// may show a participant count of 1, 2 or 3, and the exact combined audit of the six sheets (which
// the CLI prints and the functions read cell for cell) bounds no «*» more narrowly than «*» says.

import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli as run } from "../helpers/cli.js";
import { importPublication } from "../../src/core/dataset.js";
import { NavFunctions } from "../../src/core/functions.js";
import { buildLayouts, layoutText } from "../../src/core/layout.js";
import type { Dataset } from "../../src/core/types.js";
import { insert } from "../../src/excel/writer.js";
import { fakeHost } from "../helpers/excel-fake.js";
import { writePublication } from "../helpers/publication-writer.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";
import { auditLayouts } from "../../src/core/disclosure-audit.js";
import { applyProtection } from "../../src/core/protect/apply.js";
import { probeMap } from "../../src/core/protect/probe.js";
import { factModel } from "../../src/core/protect/facts.js";
import { loadHighs, milpSolver, type Highs } from "../../src/core/protect/milp.js";
import { protect } from "../../src/core/protect/protect.js";

const SMALL = [1, 2, 3];
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const highs: Highs = await loadHighs();

type Ranges = ReadonlyMap<string, { best: { min: number; max: number } }>;

/** Per sheet cell, the exact range of every «*» count the combined audit finds. */
function starCounts(ds: Dataset): Map<string, { min: number; max: number; label: string }> {
  const audit = auditLayouts(buildLayouts(ds), { mode: "combined", solve: milpSolver(highs) });
  const out = new Map<string, { min: number; max: number; label: string }>();
  for (const t of audit.tables) {
    expect(t.infeasible).toBeUndefined();
    for (const c of t.cells)
      if (c.kind === "count")
        out.set(`${t.table}|${c.row}|${c.col}`, { min: c.min, max: c.max, label: `${t.table}: ${c.rowLabel} / ${c.colLabel}` });
  }
  return out;
}

/**
 * «*» counts bounded more narrowly than `best` allows: 1–3, or for a figure protection reports as
 * adding up with other «*» (its `best`), that range — never a single value.
 */
function narrowed(shown: Dataset, raw: Dataset, best: Ranges = new Map()): string[] {
  const where = probeMap(raw, factModel(raw));
  const got = starCounts(shown);
  expect(got.size).toBeGreaterThan(0);
  return [...got]
    .filter(([k, r]) => {
      const b = best.get(where.get(k)!)?.best ?? { min: 1, max: 3 };
      expect(b.max).toBeGreaterThan(b.min);
      return r.min > b.min || r.max < b.max;
    })
    .map(([, r]) => `${r.label} = ${r.min}–${r.max}`);
}

interface Case {
  raw: Dataset;
  /** The protected publication as the importer read it. */
  ds: Dataset;
  /** The data folder holding only the protected file. */
  dir: string;
  ranges: Ranges;
  rawText: string;
}

/** A raw dataset protected by the core, written as a publication file and read by the real importer. */
async function protectedThroughImporter(seed: number): Promise<Case> {
  const raw = makeRawDataset({ seed, groups: 4, tiltakPerGroup: 4 });
  const r = await protect(raw, undefined, highs);
  const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-protected-"));
  dirs.push(dir);
  const text = writePublication(r.dataset, "2016-11");
  writeFileSync(join(dir, "prikket-2016-11.txt"), text);
  const { dataset, findings } = importPublication(text);
  expect(findings.filter((f) => f.severity === "error" || f.code === "unsuppressed")).toEqual([]);
  // The raw counts had many 1–3s: the protected file hides them with «*», and others with «:».
  const smalls = Object.values(raw.periods[0]!.tiltak)
    .flatMap((x) => Object.values(x))
    .filter((v) => SMALL.includes(v as number));
  expect(smalls.length).toBeGreaterThan(10);
  expect(text).toContain("\t:");
  return { raw, ds: dataset, dir, ranges: r.ranges, rawText: writePublication(raw, "2016-11") };
}

// Protected once per seed, one after the other (the machine's cores are shared).
const SEEDS = [11, 12, 13];
const cases = new Map<number, Case>();
for (const seed of SEEDS) cases.set(seed, await protectedThroughImporter(seed));

const cli = (dir: string, ...argv: string[]) => run(argv, dir);

/** Counts shown in the TSV output, taken from the columns that hold participant counts. */
function tsvCounts(out: string): number[] {
  const counts: number[] = [];
  let countColumns: number[] = [];
  for (const line of out.split("\n")) {
    const cells = line.split("\t");
    if (line.startsWith("\t")) {
      // A header row: participant counts are every column but the change columns.
      countColumns = cells.map((h, i) => i).filter((i) => i > 0 && !cells[i]!.startsWith("Endring"));
      continue;
    }
    if (cells.length < 2) {
      if (line.trim() === "") countColumns = [];
      continue;
    }
    for (const i of countColumns) {
      const t = cells[i] ?? "";
      if (/^-?\d{1,3}( \d{3})*$/.test(t)) counts.push(Number(t.replace(/ /g, "")));
    }
  }
  return counts;
}

describe("protected raw counts never leak", () => {
  for (const seed of SEEDS) {
    const { raw, ds, dir, ranges, rawText } = cases.get(seed)!;

    it(`the raw file itself is refused (seed ${seed})`, async () => {
      const rawDir = mkdtempSync(join(tmpdir(), "nav-tiltak-raw-"));
      dirs.push(rawDir);
      writeFileSync(join(rawDir, "raa-2016-11.txt"), rawText);
      const r = await cli(rawDir, "sheets", "--tsv");
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toContain("Filen har rå tall som ikke er prikket");
    });

    it(`the exact combined audit of the six sheets narrows no «*» (seed ${seed})`, () => {
      expect(narrowed(ds, raw, ranges)).toEqual([]);
    }, 180_000);

    it(`CLI sheets --tsv (seed ${seed})`, async () => {
      const { code, out } = await cli(dir, "sheets", "--tsv");
      expect(code).toBe(0);
      // Exactly the sheets the exact audit checks.
      expect(out).toBe(
        buildLayouts(ds)
          .map(
            (l) =>
              `## ${l.name}\n${layoutText(l)
                .map((r) => `${r.join("\t")}\n`)
                .join("")}`,
          )
          .join(""),
      );
      const counts = tsvCounts(out);
      expect(counts.length).toBeGreaterThan(40);
      expect(counts.filter((n) => SMALL.includes(n))).toEqual([]);
      expect(out).toContain("*");
    });

    it(`CLI call over every tiltak and hovedgruppe (seed ${seed})`, async () => {
      const seen: string[] = [];
      for (const t of ds.tiltak) {
        for (const hg of ["", ...ds.hovedgrupper.map((h) => h.short)]) {
          const { code, out } = await cli(dir, "call", "TILTAK", t.name, hg);
          expect(code).toBe(0);
          seen.push(out.trim());
        }
      }
      expect(seen).toContain('"*"');
      expect(seen.filter((s) => ["1", "2", "3"].includes(s))).toEqual([]);
    });

    it(`custom functions over thousands of generated queries (seed ${seed})`, () => {
      const fns = new NavFunctions(ds);
      // NAV.TILTAK gives the audited sheet's cell, cell for cell ("" there is none: 0).
      const sheet = buildLayouts(ds).find((l) => l.name === "Tiltak og hovedgrupper")!;
      const header = sheet.cells.find((r) => r[1] === "I alt")!;
      let compared = 0;
      for (const row of sheet.cells) {
        const t = ds.tiltak.find((x) => x.name === row[0]);
        if (!t) continue;
        for (let c = 1; c < header.length; c++) {
          const hgName = header[c] as string;
          expect([t.name, hgName, fns.call("TILTAK", [t.name, hgName]).value]).toEqual([t.name, hgName, row[c] ?? 0]);
          compared++;
        }
      }
      expect(compared).toBe(ds.tiltak.length * 4);
      const names = {
        TILTAK: ds.tiltak.map((t) => t.name),
        TILTAKSGRUPPE: ["I alt", ...ds.tiltaksgrupper.map((g) => g.name)],
      };
      const hg = fc.constantFrom<string | undefined>(undefined, "I alt", ...ds.hovedgrupper.flatMap((h) => [h.name, h.short]));
      const query = fc.oneof(
        fc.tuple(fc.constant("TILTAK" as const), fc.constantFrom(...names.TILTAK), hg),
        fc.tuple(fc.constant("TILTAKSGRUPPE" as const), fc.constantFrom(...names.TILTAKSGRUPPE), hg),
        fc.tuple(fc.constant("ENDRING" as const), fc.constantFrom(...names.TILTAKSGRUPPE), hg),
      );
      fc.assert(
        fc.property(query, ([id, name, h]) => {
          const r = fns.call(id, [name, h]);
          if (r.error) return; // e.g. a change that was not published: #N/A
          if (id === "ENDRING") {
            // A shown change must not reveal a last-year count of 1–3.
            const now = fns.call("TILTAKSGRUPPE", [name, h]).value;
            if (typeof r.value === "number" && typeof now === "number") expect(SMALL).not.toContain(now - r.value);
            return;
          }
          expect(SMALL).not.toContain(r.value);
        }),
        { numRuns: 3000, seed },
      );
    });

    it(`sheets and pivot ranges written into the workbook (seed ${seed})`, async () => {
      const { fake, host } = fakeHost();
      const report = await insert(host, { dataset: ds, sheets: "all" });
      expect(report.ok).toBe(true);
      let checked = 0;
      for (const layout of buildLayouts(ds)) {
        const values = fake.state.sheet(layout.name).values;
        for (const b of layout.blocks) {
          const headers = layout.cells[b.headerRow]!;
          for (let r = b.firstRow; r <= b.lastRow; r++) {
            for (let c = 1; c < b.columns; c++) {
              if (String(headers[c]).startsWith("Endring")) continue;
              expect(SMALL).not.toContain(values[r]?.[c]);
              checked++;
            }
          }
        }
      }
      // The pivot-ready tables: the Antall column of each (changes may be small, counts may not).
      const tables = fake.state.tables();
      expect(tables.length).toBeGreaterThanOrEqual(2);
      for (const t of tables) {
        const rows = fake.state.getValues(t.sheet, t.address.split("!")[1]!);
        const a = t.headers.indexOf("Antall");
        expect(a).toBeGreaterThanOrEqual(0);
        expect(rows.length).toBeGreaterThan(10);
        for (const row of rows.slice(1)) expect(SMALL).not.toContain(row[a]);
      }
      expect(checked).toBeGreaterThan(100);
    });
  }
});

// The guarantee itself, checked by an attacker rather than by looking for the numbers 1–3: the exact
// combined audit of everything the add-in shows for a protected raw dataset (read back through the
// real importer) bounds no «*» more narrowly than hiding every other figure could — 1–3, except where
// «*» cells add up among themselves.
describe("protected raw datasets: no «*» can be worked out from the combined output", () => {
  it("holds for random raw datasets through protect, the publication format and the importer", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        async (seed, groups, tiltakPerGroup) => {
          const raw = makeRawDataset({ seed, groups, tiltakPerGroup });
          const r = await protect(raw, undefined, highs);
          const { dataset, findings } = importPublication(writePublication(r.dataset, "2016-11"));
          expect(findings.filter((f) => f.code === "unsuppressed")).toEqual([]);
          expect(narrowed(dataset, raw, r.ranges)).toEqual([]);
        },
      ),
      { numRuns: 5, seed: 10 },
    );
  }, 600_000);

  it("fails without protection: the raw totals shown beside the «*» give them away", () => {
    const raw = makeRawDataset({ seed: 5, groups: 2, tiltakPerGroup: 2 });
    const unprotected = applyProtection(raw, factModel(raw), new Set());
    expect(narrowed(unprotected, raw).length).toBeGreaterThan(0);
  });
});
