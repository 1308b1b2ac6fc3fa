// Protection of raw time-series tables: protect with the search, then audit the result with the
// project's own series audit (independent of the protection's attacker) and require every «*» to span
// what the «*» cells themselves leave it (1–3 unless «*» add up among themselves).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadHighs } from "../../src/core/protect/milp.js";
import { protectSeries, type SeriesProtection } from "../../src/core/tilt/protect-series.js";
import { auditSeries } from "../../src/core/tilt/series-audit.js";
import { HIDDEN, SUPPRESSED, type Count, type Dataset, type SeriesBlock, type SeriesRow, type SeriesTable } from "../../src/core/types.js";
import { GROUP_OF_CODE, MALGRUPPER, average, blockModel, shown } from "../fixtures/tilt/model.js";

const COLS = "CDEFGHIJKLMN";

/** One table protected alone (a year of one table). */
async function protectSeriesTable(t: SeriesTable): Promise<SeriesProtection> {
  return (await protectSeries([t], { highs: await loadHighs() }))[0]!.tables[0]!;
}
const hgId = (m: string) => m.toLowerCase().replace(/\s+/g, "-");

function rowOf(label: string, raw: (number | null)[], r: number, kind: SeriesRow["kind"]): SeriesRow {
  return {
    label,
    id: kind === "total" ? null : label,
    kind,
    average: { value: raw.every((x) => x === null) ? null : average(raw), cell: `B${r}` },
    months: raw.map((value, i) => ({ value, cell: `${COLS[i]}${r}` })),
  };
}

/** A raw table (every figure shown) from the fixture model: the months January..`last`. */
function rawTable(code: number, year: number, last: number): SeriesTable {
  let r = 4;
  const blocks: SeriesBlock[] = MALGRUPPER.map((m) => {
    const b = blockModel(code, m, year, last, true);
    const rows = [
      rowOf(`I alt ${m} på tiltak`, b.total, ++r, "total"),
      ...b.rows.map((x) => rowOf(x.label, x.raw, ++r, code === 100 ? "group" : "tiltak")),
    ];
    r++;
    return { hovedgruppe: hgId(m), label: `I alt ${m} på tiltak`, rows };
  });
  const periods = Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  return {
    file: `${year}${String(last).padStart(2, "0")}_TILT${code}_test.xlsx`,
    sheet: "Arbeidsmarkedsstatus og tiltak",
    code,
    year,
    periods,
    blocks,
    ...(code === 180 ? { totalScope: "with" as const } : {}),
  };
}

function dataset(tables: SeriesTable[]): Dataset {
  return {
    title: "",
    notes: [],
    hovedgrupper: MALGRUPPER.map((m) => ({ id: hgId(m), name: m, short: m })),
    crossOrder: [],
    tiltaksgrupper: [],
    tiltak: [],
    periods: [],
    series: tables,
  };
}

/** Every non-empty figure that is not «*» hidden: the widest any protection can leave a «*». */
function allHidden(t: SeriesTable): SeriesTable {
  const hide = (v: Count): Count => (v === null || v === SUPPRESSED ? v : typeof v === "number" && v <= 3 ? v : HIDDEN);
  return {
    ...t,
    blocks: t.blocks.map((b) => ({
      ...b,
      rows: b.rows.map((row) => ({
        ...row,
        average: { ...row.average, value: hide(row.average.value) },
        months: row.months.map((c) => ({ ...c, value: hide(c.value) })),
      })),
    })),
  };
}

/** The «*» only (no protection), as NAV's raw figures would be published without secondary suppression. */
function starsOnly(t: SeriesTable): SeriesTable {
  const star = (v: Count): Count => (typeof v === "number" ? shown(v) : v);
  return {
    ...t,
    blocks: t.blocks.map((b) => ({
      ...b,
      rows: b.rows.map((row) => ({
        ...row,
        average: { ...row.average, value: star(row.average.value) },
        months: row.months.map((c) => ({ ...c, value: star(c.value) })),
      })),
    })),
  };
}

/** The «*» the published table narrows beyond what hiding everything else leaves them. */
function narrowedBeyondInherent(published: SeriesTable): string[] {
  const got = auditSeries(dataset([published]))[0]!;
  expect(got.infeasible).toBeUndefined();
  const best = new Map(auditSeries(dataset([allHidden(starsOnly(published))]))[0]!.cells.map((c) => [c.cell + c.hovedgruppe, c]));
  return got.cells
    .filter((c) => {
      const b = best.get(c.cell + c.hovedgruppe)!;
      return c.min > b.min || c.max < Math.min(b.max, 3);
    })
    .map((c) => `${c.hovedgruppe} ${c.tiltak} ${c.column} ${c.cell}: ${c.min}–${c.max}`);
}

describe("protection of a raw time-series table", () => {
  it("the March example: the average would narrow Mentor's «*» to 1–2; protected, every «*» spans 1–3", async () => {
    const raw = rawTable(140, 2026, 3);
    // Without protection the audit finds the average's and the month's narrowing.
    expect(narrowedBeyondInherent(starsOnly(raw)).some((s) => s.includes("Andre Mentor Mars"))).toBe(true);
    const p = await protectSeriesTable(raw);
    expect(narrowedBeyondInherent(p.table)).toEqual([]);
    const andre = p.table.blocks.find((b) => b.hovedgruppe === "andre")!;
    const mentor = andre.rows.find((r) => r.label === "Mentor")!;
    expect(mentor.months.map((c) => c.value)).toContain(SUPPRESSED);
    // Either the average or another month of Mentor's row is hidden.
    expect([mentor.average.value, ...mentor.months.map((c) => c.value)]).toContain(HIDDEN);
    // Every «:» stands where a figure that is not 1–3 stood (0 or at least 4).
    expect(p.secondary.every((c) => c.value === 0 || c.value >= 4)).toBe(true);
    expect(p.secondary.length).toBeGreaterThan(0);
  });

  it("every table of the March fixture set, protected, passes the series audit", async () => {
    for (const code of [100, ...Object.keys(GROUP_OF_CODE).map(Number)]) {
      const raw = rawTable(code, 2026, 3);
      const p = await protectSeriesTable(raw);
      expect(narrowedBeyondInherent(p.table), `TILT${code}`).toEqual([]);
    }
  });

  it("a December table (twelve months) passes the series audit", async () => {
    // Andre's «Tilskudd til sommerjobb» is 1–4 a month: alone under its month's «I alt» as published raw.
    const raw = rawTable(110, 2025, 12);
    expect(narrowedBeyondInherent(starsOnly(raw)).length).toBeGreaterThan(0);
    const p = await protectSeriesTable(raw);
    expect(narrowedBeyondInherent(p.table)).toEqual([]);
  });

  it("property: random small raw blocks, protected, pass the series audit", async () => {
    const figure = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 }), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc
          .integer({ min: 1, max: 4 })
          .chain((k) => fc.array(fc.array(figure, { minLength: k, maxLength: k }), { minLength: 1, maxLength: 4 })),
        async (_, rows) => {
          const k = rows[0]!.length;
          const total = Array.from({ length: k }, (_, i) => rows.reduce((s, r) => s + (r[i] ?? 0), 0));
          const block: SeriesBlock = {
            hovedgruppe: "andre",
            label: "I alt Andre på tiltak",
            rows: [rowOf("I alt Andre på tiltak", total, 5, "total"), ...rows.map((r, j) => rowOf(`Tiltak ${j}`, r, 6 + j, "tiltak"))],
          };
          const periods = Array.from({ length: k }, (_, i) => `2026-0${i + 1}`);
          const raw: SeriesTable = {
            file: "p.xlsx",
            sheet: "Arbeidsmarkedsstatus og tiltak",
            code: 140,
            year: 2026,
            periods,
            blocks: [block],
          };
          expect(narrowedBeyondInherent((await protectSeriesTable(raw)).table)).toEqual([]);
        },
      ),
      { numRuns: 60, seed: 25 },
    );
  });

  it("refuses a raw table whose average does not fit its months, naming the cell", async () => {
    const raw = rawTable(140, 2026, 3);
    const mentor = raw.blocks.find((b) => b.hovedgruppe === "andre")!.rows.find((r) => r.label === "Mentor")!;
    mentor.average = { ...mentor.average, value: 40 };
    await expect(protectSeriesTable(raw)).rejects.toThrow(new RegExp(`celle ${mentor.average.cell} stemmer ikke`));
  });

  it("refuses a table that already has «*» (not raw), naming the cell", async () => {
    await expect(protectSeriesTable(starsOnly(rawTable(140, 2026, 3)))).rejects.toThrow(/rå tall.*celle/);
  });
});
