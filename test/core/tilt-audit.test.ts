// The disclosure audit over one time-series table, on hand-made tables: the month's «I alt» and the
// year-to-date average are the constraints, each shown to matter on its own.
import { describe, expect, it } from "vitest";
import { auditSeries } from "../../src/core/tilt/series-audit.js";
import type { Count, Dataset, SeriesRow, SeriesTable } from "../../src/core/types.js";

const COLS = ["C", "D", "E"];
function row(label: string, average: Count, months: Count[], r: number, kind: SeriesRow["kind"] = "tiltak"): SeriesRow {
  return {
    label,
    id: kind === "total" ? null : label,
    kind,
    average: { value: average, cell: `B${r}` },
    months: months.map((value, i) => ({ value, cell: `${COLS[i]}${r}` })),
  };
}

function dataset(rows: SeriesRow[], code = 140, totalScope?: SeriesTable["totalScope"]): Dataset {
  const table: SeriesTable = {
    file: "2026.03_TILT140_test.xlsx",
    sheet: "Arbeidsmarkedsstatus og tiltak",
    code,
    year: 2026,
    periods: ["2026-01", "2026-02", "2026-03"],
    blocks: [{ hovedgruppe: "andre", label: "I alt Andre på tiltak", rows }],
    ...(totalScope ? { totalScope } : {}),
  };
  return {
    title: "",
    notes: [],
    hovedgrupper: [{ id: "andre", name: "Andre på tiltak", short: "Andre" }],
    crossOrder: [],
    tiltaksgrupper: [],
    tiltak: [],
    periods: [],
    series: [table],
  };
}

const cellsOf = (ds: Dataset) =>
  auditSeries(ds)[0]!.cells.map((c) => ({ tiltak: c.tiltak, period: c.period, cell: c.cell, min: c.min, max: c.max, pinned: c.pinned }));

describe("disclosure audit over a time series", () => {
  it("the average narrows a «*» the month's «I alt» leaves open: January 50, February 51, March «*», average 34 → 1 or 2", () => {
    const ds = dataset([
      row("I alt Andre på tiltak", 84, [80, 81, 92], 5, "total"),
      row("Mentor", 34, [50, 51, "*"], 6),
      row("IPS", 8, [10, 11, "*"], 7),
      row("Oppfølging", 44, [20, 19, 88], 8),
    ]);
    expect(cellsOf(ds)).toEqual([
      { tiltak: "Mentor", period: "2026-03", cell: "E6", min: 1, max: 2, pinned: false },
      { tiltak: "IPS", period: "2026-03", cell: "E7", min: 2, max: 3, pinned: false },
    ]);
    // Without the averages, the month alone leaves both 1–3.
    const blank = dataset(ds.series![0]!.blocks[0]!.rows.map((r) => ({ ...r, average: { value: null, cell: r.average.cell } })));
    expect(cellsOf(blank).map((c) => [c.min, c.max])).toEqual([
      [1, 3],
      [1, 3],
    ]);
  });

  it("the month's «I alt» gives a lone «*» away", () => {
    const ds = dataset([
      row("I alt Andre på tiltak", null, [30, 31, 32], 5, "total"),
      row("Høyere utdanning", null, [5, 6, "*"], 6),
      row("AMO", null, [25, 25, 30], 7),
    ]);
    expect(cellsOf(ds)).toEqual([{ tiltak: "Høyere utdanning", period: "2026-03", cell: "E6", min: 2, max: 2, pinned: true }]);
  });

  it("a «*» average bounds the sum of the months too", () => {
    // Average «*» (1–3) over months «*», «*», 8: the sum is at most 3 × 3.5 = 10.5, so both «*» are 1.
    // The total is «..» (not available), so the months say nothing.
    const ds = dataset([row("I alt Andre på tiltak", null, ["..", "..", ".."], 5, "total"), row("X", "*", ["*", "*", 8], 6)]);
    expect(cellsOf(ds).map((c) => [c.cell, c.min, c.max])).toEqual([
      ["C6", 1, 1],
      ["D6", 1, 1],
    ]);
  });

  it("TILT180: Tilrettelegging's tiltak left out of «I alt» when the file's sums showed so", () => {
    const rows = [
      row("I alt Andre på tiltak", null, [10, 10, 2], 5, "total"),
      row("Egenetablering", null, [10, 10, "*"], 6),
      row("Inkluderingstilskudd", null, ["*", 20, 20], 7),
    ];
    const without = cellsOf(dataset(rows, 180, "without"));
    expect(without.find((c) => c.tiltak === "Egenetablering")).toMatchObject({ min: 2, max: 2, pinned: true });
    expect(without.find((c) => c.tiltak === "Inkluderingstilskudd")).toMatchObject({ min: 1, max: 3 });
    // When the file's sums do not tell which, no month relation is used.
    expect(cellsOf(dataset(rows, 180, "either")).every((c) => c.min === 1 && c.max === 3)).toBe(true);
  });

  it("reports figures that cannot all hold", () => {
    const ds = dataset([row("I alt Andre på tiltak", null, [20, 10, 20], 5, "total"), row("A", null, [20, 10, "*"], 6)]);
    expect(auditSeries(ds)[0]!.infeasible?.message).toMatch(/går ikke opp: «I alt Andre på tiltak» i Mars 2026 = summen av radene/);
  });
});
