// Disclosure audit of the layouts: expectations are worked out by hand from the tables (see the
// comments), never taken from a run of the code.
import { describe, expect, it, vi } from "vitest";
import {
  auditLayouts,
  auditPeriod,
  InfeasibleAuditError,
  revealedCells,
  type CellBounds,
  type DisclosureAudit,
} from "../../src/core/disclosure-audit.js";
import { buildLayouts, type CellValue, type SheetLayout } from "../../src/core/layout.js";
import { loadProjectDataset } from "../../src/data/load.js";
import { ALL, type Dataset, type Figures } from "../../src/core/types.js";
import { percentChange } from "../../src/core/dataset.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

const S = "*";
type Cell = number | typeof S | null;

/** A one-block count sheet: header [I alt, …], body rows; `totals` are body-row indexes of total rows. */
function countSheet(header: string[], body: [string, ...Cell[]][], totals: number[] = [0], name = "Test"): SheetLayout {
  const cells: CellValue[][] = [[null, ...header], ...body.map(([label, ...c]) => [label, ...c])];
  return {
    key: "tiltaksgrupper-x-hovedgrupper",
    name,
    tableName: name,
    title: "Test",
    period: "2016-11",
    periodLabel: "November 2016",
    cells,
    numberFormats: cells.map((r) => r.map(() => "General")),
    boldRows: [0, ...totals.map((t) => t + 1)],
    headerRows: [0],
    blocks: [{ headerRow: 0, firstRow: 1, lastRow: body.length, columns: header.length + 1, totalRows: totals.map((t) => t + 1) }],
    noteRows: [],
    columnWidths: [],
    freezeRows: 0,
  };
}

/** "row / column" → [min, max] for one table of an audit. */
function boundsOf(audit: DisclosureAudit, table: string): Record<string, [number, number]> {
  const t = audit.tables.find((x) => x.table === table);
  if (!t) throw new Error(`no table ${table}`);
  if (t.infeasible) throw new Error(t.infeasible.message);
  return Object.fromEntries(t.cells.map((c) => [`${c.rowLabel} / ${c.colLabel}`, [c.min, c.max]]));
}

function cellOf(audit: DisclosureAudit, table: string, row: string, col: string, hovedgruppe?: string): CellBounds {
  const c = audit.tables
    .find((t) => t.table === table)
    ?.cells.find((x) => x.rowLabel === row && x.colLabel === col && (hovedgruppe === undefined || x.hovedgruppe === hovedgruppe));
  if (!c) throw new Error(`no cell ${table} / ${row} / ${col}`);
  return c;
}

describe("hand-made count tables", () => {
  // r1: I alt 10 = x + 8 → x = 2 from its row alone, although column A (x + y + w = 6) cannot tell.
  // r2, r3 form a cycle: y + v = 4, w + u = 4, y + w = 4, v + u = 4 → any w in 1..3 works, so
  // y, v, w, u all stay 1..3.
  const table = countSheet(
    ["I alt", "A", "B", "C"],
    [
      ["I alt", 28, 6, 12, 10],
      ["r1", 10, S, 8, null],
      ["r2", 9, S, S, 5],
      ["r3", 9, S, S, 5],
    ],
  );

  it("pins a cell by its row total, and leaves a cycle of cells at 1..3", () => {
    const a = auditLayouts([table]);
    expect(boundsOf(a, "Test")).toEqual({
      "r1 / A": [2, 2],
      "r2 / A": [1, 3],
      "r2 / B": [1, 3],
      "r3 / A": [1, 3],
      "r3 / B": [1, 3],
    });
    const cells = a.tables[0]!.cells;
    expect(cells.map((c) => c.pinned)).toEqual([true, false, false, false, false]);
    expect(cells.map((c) => c.narrowed)).toEqual([true, false, false, false, false]);
    // Grid positions are the layout's (header on row 0, r1 on row 2, A in column 2).
    expect(cells[0]).toMatchObject({ row: 2, col: 2, hovedgruppe: "A", kind: "count", domain: { min: 1, max: 3 } });
  });

  // x + y = 4 (r1), z + v = 3 (r2), x + z = 2 (column A) → x = z = 1, so y = 3 and v = 2.
  // y alone: its row allows 1..3 and its column (y + v = 5) allows 2..3; only together is it 3.
  const combo = (header: string[] = ["I alt", "A", "B", "C"], totals = [0]) =>
    countSheet(
      header,
      [
        ["I alt", 78, 12, 25, 41],
        ["r1", 9, S, S, 5],
        ["r2", 9, S, S, 6],
        ["r3", 60, 10, 20, 30],
      ],
      totals,
    );

  it("pins a cell only by combining a row and a column", () => {
    expect(boundsOf(auditLayouts([combo()]), "Test")).toEqual({
      "r1 / A": [1, 1],
      "r1 / B": [3, 3],
      "r2 / A": [1, 1],
      "r2 / B": [2, 2],
    });
  });

  it("does not pin it from the column totals alone, nor from the row totals alone", () => {
    // No "I alt" column: only the total row → x = z = 1 (column A), y + v = 5 → y in 2..3.
    expect(boundsOf(auditLayouts([combo(["Sum", "A", "B", "C"])]), "Test")["r1 / B"]).toEqual([2, 3]);
    // No total row: only the rows → x + y = 4, z + v = 3 → y in 1..3.
    expect(boundsOf(auditLayouts([combo(undefined, [])]), "Test")["r1 / B"]).toEqual([1, 3]);
  });

  it("reports an infeasible table with a Norwegian message naming the equation", () => {
    // r1: 10 = x + y + 9 → x + y = 1, impossible when each "*" is at least 1 (no total row here).
    const bad = countSheet(
      ["I alt", "A", "B", "C"],
      [
        ["r1", 10, S, S, 9],
        ["r2", 20, 8, 8, 4],
      ],
      [],
    );
    const t = auditLayouts([bad]).tables[0]!;
    expect(t.cells).toEqual([]);
    expect(t.infeasible?.message).toMatch(/^Tallene i «Test» går ikke opp: /);
    expect(t.infeasible?.equations).toContain("«Test», «r1» / «I alt» (10) er summen av kolonnene «A», «B», «C»");
  });
});

// ---------------------------------------------------------------------------------------------

const HG = [
  { id: "arbeidssokere", name: "Arbeidssøkere på tiltak", short: "Arbeidssøkere" },
  { id: "andre", name: "Andre på tiltak", short: "Andre" },
];

/** Figures from this year's and last year's count, as NAV computes them (raw: suppression comes later). */
function fig(antall: number, lastYear: number): Figures {
  const endring = antall - lastYear;
  return { antall: antall || null, endring: antall || lastYear ? endring : null, prosent: percentChange(antall, endring) };
}

function dataset(groups: { id: string; name: string; tiltak: string; now: [number, number]; last: [number, number] }[]): Dataset {
  const [hA, hB] = HG;
  const sum = (k: 0 | 1, w: "now" | "last") => groups.reduce((s, g) => s + g[w][k], 0);
  const total: Record<string, Figures> = {
    [hA!.id]: fig(sum(0, "now"), sum(0, "last")),
    [hB!.id]: fig(sum(1, "now"), sum(1, "last")),
    [ALL]: fig(sum(0, "now") + sum(1, "now"), sum(0, "last") + sum(1, "last")),
  };
  return {
    title: "Deltakere i arbeidsrettede tiltak. Tiltak. En måned",
    notes: [],
    hovedgrupper: HG,
    crossOrder: ["andre", "arbeidssokere"],
    tiltaksgrupper: groups.map((g) => ({ id: g.id, name: g.name })),
    tiltak: groups.map((g) => ({ id: `t-${g.id}`, name: g.tiltak, group: g.id })),
    periods: [
      {
        period: "2016-11",
        label: "November 2016",
        total,
        groups: Object.fromEntries(
          groups.map((g) => [
            g.id,
            {
              [hA!.id]: fig(g.now[0], g.last[0]),
              [hB!.id]: fig(g.now[1], g.last[1]),
              [ALL]: fig(g.now[0] + g.now[1], g.last[0] + g.last[1]),
            },
          ]),
        ),
        tiltak: Object.fromEntries(
          groups.map((g) => [`t-${g.id}`, { [hA!.id]: g.now[0] || null, [hB!.id]: g.now[1] || null, [ALL]: g.now[0] + g.now[1] || null }]),
        ),
      },
    ],
  };
}

describe("hand-made dataset through the add-in's layouts", () => {
  // Counts [arbeidssøkere, andre], this year and last year:
  //   G1 (tiltak T1): [32, 90] and [30, 90];  G2 (tiltak T2): [1, 2] and [1, 0].
  // Totals [33, 92] = 125, last year [31, 90] = 121.
  const ds = dataset([
    { id: "g1", name: "Gruppe en", tiltak: "Tiltak en", now: [32, 90], last: [30, 90] },
    { id: "g2", name: "Gruppe to", tiltak: "Tiltak to", now: [1, 2], last: [1, 0] },
  ]);
  const a = auditPeriod(ds);

  it("pins a group of small counts from the totals, in the cross table and the tiltak table", () => {
    // 125 − 122 = 3, 92 − 90 = 2, 33 − 32 = 1; the tiltak row equals its group's subtotal.
    expect(boundsOf(a, "Tiltaksgrupper x hovedgrupper")).toEqual({
      "Gruppe to / I alt": [3, 3],
      "Gruppe to / Andre på tiltak": [2, 2],
      "Gruppe to / Arbeidssøkere på tiltak": [1, 1],
    });
    expect(boundsOf(a, "Tiltak og hovedgrupper")).toEqual({
      "Tiltak to / I alt": [3, 3],
      "Tiltak to / Andre på tiltak": [2, 2],
      "Tiltak to / Arbeidssøkere på tiltak": [1, 1],
      "I alt gruppe to / I alt": [3, 3],
      "I alt gruppe to / Andre på tiltak": [2, 2],
      "I alt gruppe to / Arbeidssøkere på tiltak": [1, 1],
    });
  });

  it("bounds a change whose antall is suppressed too by the block total's last-year count", () => {
    // Tiltaksgrupper: G2 antall 125 − 122 = 3; change 4 − 2 = 2, so last year 1 and 200 %.
    // "*" alone: last year 1..121 (the total's), antall 1..3 → change −120..2, percent
    // round(−120/121·100) = −99 .. round(2/1·100) = 200.
    const e = cellOf(a, "Tiltaksgrupper", "Gruppe to", "Endring fra i fjor Antall");
    expect(e).toMatchObject({ kind: "change", min: 2, max: 2, pinned: true, domain: { min: -120, max: 2 } });
    expect(e.lastYear).toEqual({ min: 1, max: 1, pinned: true });
    const p = cellOf(a, "Tiltaksgrupper", "Gruppe to", "Endring fra i fjor Prosent");
    expect(p).toMatchObject({ kind: "percent", min: 200, max: 200, pinned: true, domain: { min: -99, max: 200 }, narrowed: true });
    expect(cellOf(a, "Tiltaksgrupper", "Gruppe to", "Antall")).toMatchObject({ min: 3, max: 3 });

    // Arbeidssøkere block: antall 33 − 32 = 1, change 2 − 2 = 0 → last year 1, 0 %;
    // "*" alone: last year 1..31 → change 1 − 31 = −30 .. 2, percent −97 .. 200.
    const sub = "Tiltaksgrupper per hovedgruppe";
    expect(cellOf(a, sub, "Gruppe to", "Antall", "Arbeidssøkere på tiltak")).toMatchObject({ min: 1, max: 1 });
    expect(cellOf(a, sub, "Gruppe to", "Endring fra i fjor Antall", "Arbeidssøkere på tiltak")).toMatchObject({
      min: 0,
      max: 0,
      domain: { min: -30, max: 2 },
      lastYear: { min: 1, max: 1, pinned: true },
    });
    expect(cellOf(a, sub, "Gruppe to", "Endring fra i fjor Prosent", "Arbeidssøkere på tiltak")).toMatchObject({
      min: 0,
      max: 0,
      domain: { min: -97, max: 200 },
    });
    // Andre block: no percent is published (nobody last year), so the change equals antall: 92 − 90 = 2.
    expect(cellOf(a, sub, "Gruppe to", "Endring fra i fjor Antall", "Andre på tiltak")).toMatchObject({
      min: 2,
      max: 2,
      domain: { min: 1, max: 3 },
      lastYear: { min: 0, max: 0, pinned: true },
    });
    expect(
      a.tables
        .find((t) => t.table === sub)!
        .cells.filter((c) => c.hovedgruppe === "Andre på tiltak")
        .map((c) => c.colLabel),
    ).toEqual(["Antall", "Endring fra i fjor Antall"]);
  });

  // Arbeidssøkere: G1 10 (last 2, change 8), G2 20 (last 1, change 19), G3 30 (last 25, change 5);
  // Andre: G1 40 (last 30), G2 50 (last 45), G3 none. In the Arbeidssøkere block alone the two
  // changes only satisfy e1 + e2 = 32 − 5 = 27 with e1 in 7..9, e2 in 17..19 → e1 8..9, e2 18..19.
  // The Tiltaksgrupper table adds e1 + 10 = 18 and e2 + 5 = 24 → e1 = 8, e2 = 19.
  const linked = dataset([
    { id: "g1", name: "Gruppe en", tiltak: "Tiltak en", now: [10, 40], last: [2, 30] },
    { id: "g2", name: "Gruppe to", tiltak: "Tiltak to", now: [20, 50], last: [1, 45] },
    { id: "g3", name: "Gruppe tre", tiltak: "Tiltak tre", now: [30, 0], last: [25, 0] },
  ]);
  const sub = "Tiltaksgrupper per hovedgruppe";
  const A = "Arbeidssøkere på tiltak";

  it("per table, leaves changes that only another table pins", () => {
    const a1 = auditPeriod(linked);
    expect(a1.mode).toBe("per-table");
    const e1 = cellOf(a1, sub, "Gruppe en", "Endring fra i fjor Antall", A);
    expect(e1).toMatchObject({ min: 8, max: 9, pinned: false, narrowed: true, domain: { min: 7, max: 9 }, lastYear: { min: 1, max: 2 } });
    expect(cellOf(a1, sub, "Gruppe to", "Endring fra i fjor Antall", A)).toMatchObject({ min: 18, max: 19 });
    // Percent: 10 with change 8 → 8/2 = 400 %, change 9 → 900 %; "*" alone (change 7) → 233 %.
    expect(cellOf(a1, sub, "Gruppe en", "Endring fra i fjor Prosent", A)).toMatchObject({
      min: 400,
      max: 900,
      domain: { min: 233, max: 900 },
    });
    // 20 with change 18 → 900 %, 19 → 1900 %; change 17 → 567 %.
    expect(cellOf(a1, sub, "Gruppe to", "Endring fra i fjor Prosent", A)).toMatchObject({
      min: 900,
      max: 1900,
      domain: { min: 567, max: 1900 },
    });
  });

  it("combined, pins them from the Tiltaksgrupper table", () => {
    const a2 = auditPeriod(linked, undefined, { mode: "combined" });
    expect(a2.mode).toBe("combined");
    expect(cellOf(a2, sub, "Gruppe en", "Endring fra i fjor Antall", A)).toMatchObject({
      min: 8,
      max: 8,
      pinned: true,
      lastYear: { min: 2, max: 2 },
    });
    expect(cellOf(a2, sub, "Gruppe to", "Endring fra i fjor Antall", A)).toMatchObject({ min: 19, max: 19, lastYear: { min: 1, max: 1 } });
    expect(cellOf(a2, sub, "Gruppe en", "Endring fra i fjor Prosent", A)).toMatchObject({ min: 400, max: 400, pinned: true });
    expect(cellOf(a2, sub, "Gruppe to", "Endring fra i fjor Prosent", A)).toMatchObject({ min: 1900, max: 1900, pinned: true });
  });
});

// ---------------------------------------------------------------------------------------------

describe("the November 2016 publication", () => {
  const { dataset: ds } = loadProjectDataset();
  const T = "Tiltak og hovedgrupper";
  // Worked out by hand from the group subtotals and the rows (e.g. Avklaring i skjermet virksomhet,
  // Andre: 337 − 230 − 106 = 1; Nettbasert AMO, I alt: 18 943 − (123 + 7 242 + 1 296 + 459 + 9 821) = 2).
  const expected: Record<string, [number, number]> = {
    "Avklaring i skjermet virksomhet / Andre på tiltak": [1, 1],
    "Avklaring i skjermet virksomhet / Arbeidssøkere på tiltak": [1, 1],
    "Arbeid med bistand (AB) / Andre på tiltak": [3, 3],
    "Utvidet avklaring og oppfølging i NAV / Andre på tiltak": [3, 3],
    "2-årig opplæringstiltak / Andre på tiltak": [2, 2],
    "Kvalifisering i arbeidsmarkedsbedrift / Arbeidssøkere på tiltak": [2, 2],
    "Nettbasert arbeidsmarkedsopplæring (AMO) / I alt": [2, 2],
    "Nettbasert arbeidsmarkedsopplæring (AMO) / Arbeidssøkere på tiltak": [1, 1],
    "Nettbasert arbeidsmarkedsopplæring (AMO) / Nedsatt arbeidsevne, på tiltak": [1, 1],
    "Tidsbegrenset lønnstilskudd / Andre på tiltak": [2, 2],
    "Arbeidspraksis i ordinær virksomhet / Andre på tiltak": [2, 2],
    "Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker / Nedsatt arbeidsevne, på tiltak": [2, 2],
    "Tilretteleggingstilskudd for arbeidssøker / I alt": [1, 1],
    "Tilretteleggingstilskudd for arbeidssøker / Nedsatt arbeidsevne, på tiltak": [1, 1],
  };

  for (const mode of ["per-table", "combined"] as const) {
    describe(mode, () => {
      const a = auditPeriod(ds, "2016-11", { mode });

      it(`pins all 14 "*" cells of «${T}»`, () => {
        expect(boundsOf(a, T)).toEqual(expected);
        const cells = a.tables.find((t) => t.table === T)!.cells;
        expect(cells.every((c) => c.pinned && c.kind === "count")).toBe(true);
        // Hovedgruppe is the column's; the I alt column stands for all of them.
        expect(cells.find((c) => c.colLabel === "I alt")!.hovedgruppe).toBe("I alt");
        expect(cells.find((c) => c.colLabel === "Andre på tiltak")!.hovedgruppe).toBe("Andre på tiltak");
      });

      it("pins Andre / Jobbskaping og egenetablering: change −1, so last year's count was 1", () => {
        // Andre block: 208 − (13 + 75 + 20 + 115 + 49 + 3 − 117 + 51) = 208 − 209 = −1; antall is
        // empty, so last year 0 − (−1) = 1 and the percent is −1/1 = −100 %. "*" alone: −3..−1.
        const sub = "Tiltaksgrupper per hovedgruppe";
        const e = cellOf(a, sub, "Jobbskaping og egenetablering", "Endring fra i fjor Antall", "Andre på tiltak");
        expect(e).toMatchObject({ kind: "change", min: -1, max: -1, pinned: true, domain: { min: -3, max: -1 }, narrowed: true });
        expect(e.lastYear).toEqual({ min: 1, max: 1, pinned: true });
        const p = cellOf(a, sub, "Jobbskaping og egenetablering", "Endring fra i fjor Prosent", "Andre på tiltak");
        // With nobody this year the percent is −100 whatever last year was: pinned, but not narrowed.
        expect(p).toMatchObject({ kind: "percent", min: -100, max: -100, pinned: true, narrowed: false });
        expect(a.tables.find((t) => t.table === sub)!.cells).toHaveLength(2);
      });

      it("finds no other suppressed cells", () => {
        expect(a.tables.map((t) => [t.table, t.cells.length])).toEqual([
          ["Hovedgrupper", 0],
          ["Tiltaksgrupper", 0],
          ["Tiltaksgrupper per hovedgruppe", 2],
          ["Tiltaksgrupper x hovedgrupper", 0],
          ["Tiltak og hovedgrupper", 14],
        ]);
      });
    });
  }

  it("revealedCells gives every sheet, with grid positions that point at the '*' on the inserted sheet", () => {
    const revealed = revealedCells(ds);
    const layouts = buildLayouts(ds);
    expect(Object.keys(revealed)).toEqual(layouts.map((l) => l.name));
    expect(revealed["Om tabellene"]).toEqual([]);
    expect(revealed[T]).toHaveLength(14);
    expect(revealed["Tiltaksgrupper per hovedgruppe"]).toHaveLength(2);
    for (const l of layouts) {
      for (const c of revealed[l.name]!) {
        expect(l.cells[c.row]![c.col]).toBe("*");
        expect(l.cells[c.row]![0]).toBe(c.rowLabel);
      }
    }
    const amo = revealed[T]!.find((c) => c.rowLabel === "Nettbasert arbeidsmarkedsopplæring (AMO)" && c.colLabel === "I alt")!;
    // Header on row 4, "I alt" on row 5, then 3 + 1 + 8 + 1 + 5 rows down to Nettbasert AMO.
    expect([amo.row, amo.col, amo.min]).toEqual([23, 1, 2]);
  });

  it("revealedCells throws on figures that contradict each other", () => {
    const broken = structuredClone(ds);
    // Tilretteleggingstilskudd for arbeidssøker shown as 0 in I alt, while its Nedsatt cell is "*" (≥ 1).
    const id = ds.tiltak.find((t) => t.name === "Tilretteleggingstilskudd for arbeidssøker")!.id;
    broken.periods[0]!.tiltak[id]![ALL] = 0;
    expect(() => revealedCells(broken)).toThrow(InfeasibleAuditError);
  });
});

// ---------------------------------------------------------------------------------------------

/** The add-in's layouts without the suppression rule: the true values at the same grid positions. */
async function rawLayoutBuilder(): Promise<typeof buildLayouts> {
  vi.resetModules();
  vi.doMock("../../src/core/suppression.js", async (orig) => ({
    ...(await orig<typeof import("../../src/core/suppression.js")>()),
    suppressCount: (c: unknown) => c,
    suppressFigures: (f: unknown) => f,
  }));
  const { buildLayouts: rawLayouts } = await import("../../src/core/layout.js");
  vi.doUnmock("../../src/core/suppression.js");
  vi.resetModules();
  return rawLayouts;
}

describe("soundness on raw datasets", () => {
  it("every true value lies within its bounds, and combining tables never loosens them", async () => {
    const rawLayouts = await rawLayoutBuilder();

    let checked = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const ds = makeRawDataset({ seed, groups: 5, tiltakPerGroup: 4 });
      const truth = rawLayouts(ds);
      const perTable = auditPeriod(ds);
      const combined = auditPeriod(ds, undefined, { mode: "combined" });
      perTable.tables.forEach((t, k) => {
        expect(t.infeasible).toBeUndefined();
        const raw = truth.find((l) => l.name === t.table)!;
        const c2 = combined.tables[k]!.cells;
        expect(c2.map((c) => [c.row, c.col])).toEqual(t.cells.map((c) => [c.row, c.col]));
        t.cells.forEach((c, i) => {
          const value = (raw.cells[c.row]![c.col] ?? 0) as number;
          expect(value, `${t.table} ${c.rowLabel} / ${c.colLabel}`).toBeGreaterThanOrEqual(c.min);
          expect(value).toBeLessThanOrEqual(c.max);
          expect(c2[i]!.min).toBeGreaterThanOrEqual(c.min);
          expect(c2[i]!.max).toBeLessThanOrEqual(c.max);
          expect(c.min).toBeGreaterThanOrEqual(c.domain.min);
          expect(c.max).toBeLessThanOrEqual(c.domain.max);
          checked++;
        });
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("over many small datasets: never infeasible, and every true value (and last year's count) within its bounds", async () => {
    // Small tables often have a grand total of 1–3, so its antall and change are "*" and no
    // published figure bounds last year's counts; a sub-table's total must not be used as a bound
    // then (that made consistent tables look contradictory).
    const rawLayouts = await rawLayoutBuilder();
    const sizes = [
      { groups: 1, tiltakPerGroup: 1 },
      { groups: 1, tiltakPerGroup: 2 },
      { groups: 2, tiltakPerGroup: 1 },
      { groups: 2, tiltakPerGroup: 2 },
      { groups: 3, tiltakPerGroup: 2 },
    ];
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const ds = makeRawDataset({ seed, ...sizes[seed % sizes.length]! });
      const truth = rawLayouts(ds);
      const value = (table: string, row: number, col: number): number => {
        const v = truth.find((l) => l.name === table)!.cells[row]![col];
        return typeof v === "number" ? v : 0;
      };
      for (const mode of ["per-table", "combined"] as const) {
        for (const t of auditPeriod(ds, undefined, { mode }).tables) {
          expect(t.infeasible?.message, `seed ${seed}, ${mode}`).toBeUndefined();
          for (const c of t.cells) {
            const where = `seed ${seed}, ${mode}: ${t.table} ${c.rowLabel} / ${c.colLabel} (${c.hovedgruppe})`;
            const v = value(t.table, c.row, c.col);
            expect(v, where).toBeGreaterThanOrEqual(c.min);
            expect(v, where).toBeLessThanOrEqual(c.max);
            if (c.kind === "change" && c.lastYear) {
              // Antall is the column to the left of the change.
              const lastYear = value(t.table, c.row, c.col - 1) - v;
              expect(lastYear, `${where}, last year`).toBeGreaterThanOrEqual(c.lastYear.min);
              expect(lastYear, `${where}, last year`).toBeLessThanOrEqual(c.lastYear.max);
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
