// Raw TILT year sets built in memory for protection tests: TILT100 (the groups) and a few tiltak tables
// whose «I alt» rows are TILT100's group rows, every table with its averages. Consistent by
// construction (every «I alt» is its rows' sum, every average its months' mean), so what a test
// protects is a set NAV could publish.
import fc from "fast-check";
import { slug } from "../../src/core/text.js";
import { GROUP_OF_CODE, TILRETTELEGGING } from "../../src/core/tilt/tilt-names.js";
import type { Dataset, SeriesRow, SeriesTable } from "../../src/core/types.js";

const COLS = "CDEFGHIJKLMN";

export const seriesDataset = (tables: SeriesTable[], hovedgrupper: string[] = []): Dataset => ({
  title: "",
  notes: [],
  hovedgrupper: hovedgrupper.map((h) => ({ id: h, name: h, short: h })),
  crossOrder: [],
  tiltaksgrupper: [],
  tiltak: [],
  periods: [],
  series: tables,
});

/** A row as published raw: the average (`avg`, or the months' rounded mean) then the months. */
function rowOf(label: string, raw: (number | null)[], r: number, kind: SeriesRow["kind"], avg?: number): SeriesRow {
  const nonEmpty = raw.filter((x): x is number => x !== null);
  const mean = nonEmpty.length === 0 ? null : (avg ?? Math.round(nonEmpty.reduce((s, x) => s + x, 0) / raw.length));
  return {
    label,
    id: kind === "total" ? null : slug(label),
    kind,
    average: { value: mean, cell: `B${r}` },
    months: raw.map((value, i) => ({ value, cell: `${COLS[i]}${r}` })),
  };
}

/** One year's raw figures: per tiltak table (code) and hovedgruppe, the rows' months. */
export interface YearFigures {
  year: number;
  months: number;
  hovedgrupper: string[];
  /** code → hovedgruppe index → rows (each `months` long). */
  tables: Map<number, (number | null)[][][]>;
  /** TILT180: whether its «I alt» counts Tilrettelegging's three tiltak (its rows 2 and 3 here). */
  totalScope?: "with" | "without" | "either";
}

/** TILT180's rows: Egenetablering, then two of Tilrettelegging's tiltak (TILT100 splits them). */
const ROWS_180 = ["Egenetablering", "Funksjonsassistanse", "Inkluderingstilskudd"];
const isTilrettelegging = (j: number): boolean => j > 0;

/** TILT100's group rows for one table: its «I alt», or TILT180's two groups. */
function groupRowsOf(code: number, rows: (number | null)[][], k: number): { label: string; raw: number[] }[] {
  if (code !== 180) return [{ label: GROUP_OF_CODE[code]!, raw: sumRows(rows, k) }];
  return [
    {
      label: GROUP_OF_CODE[180]!,
      raw: sumRows(
        rows.filter((_, j) => !isTilrettelegging(j)),
        k,
      ),
    },
    {
      label: TILRETTELEGGING,
      raw: sumRows(
        rows.filter((_, j) => isTilrettelegging(j)),
        k,
      ),
    },
  ];
}

const sumRows = (rows: (number | null)[][], k: number): number[] =>
  Array.from({ length: k }, (_, i) => rows.reduce((s, r) => s + (r[i] ?? 0), 0));

/** The raw tables of a year: every tiltak table, and TILT100 with their «I alt» as its group rows. */
export function yearTables(f: YearFigures): SeriesTable[] {
  const periods = Array.from({ length: f.months }, (_, i) => `${f.year}-${String(i + 1).padStart(2, "0")}`);
  const table = (code: number, blocks: SeriesTable["blocks"]): SeriesTable => ({
    file: `${f.year}${String(f.months).padStart(2, "0")}_TILT${code}_test.xlsx`,
    sheet: "Arbeidsmarkedsstatus og tiltak",
    code,
    year: f.year,
    periods,
    blocks,
    ...(code === 180 ? { totalScope: f.totalScope ?? "with" } : {}),
  });
  const counted = (code: number, rows: (number | null)[][]) =>
    code === 180 && f.totalScope === "without" ? rows.filter((_, j) => !isTilrettelegging(j)) : rows;
  const label = (code: number, j: number) => (code === 180 ? ROWS_180[j]! : `${GROUP_OF_CODE[code]} tiltak ${j + 1}`);
  const tiltak = [...f.tables].map(([code, byHg]) =>
    table(
      code,
      f.hovedgrupper.map((hg, h) => {
        let r = 4 + h * 10;
        const rows = byHg[h]!;
        return {
          hovedgruppe: hg,
          label: `I alt ${hg} på tiltak`,
          rows: [
            rowOf(`I alt ${hg} på tiltak`, sumRows(counted(code, rows), f.months), ++r, "total"),
            ...rows.map((x, j) => rowOf(label(code, j), x, ++r, "tiltak")),
          ],
        };
      }),
    ),
  );
  const groups = table(
    100,
    f.hovedgrupper.map((hg, h) => {
      let r = 4 + h * 10;
      const groupRows = [...f.tables].flatMap(([code, byHg]) => groupRowsOf(code, byHg[h]!, f.months));
      return {
        hovedgruppe: hg,
        label: `I alt ${hg} på tiltak`,
        rows: [
          rowOf(
            `I alt ${hg} på tiltak`,
            sumRows(
              groupRows.map((g) => g.raw),
              f.months,
            ),
            ++r,
            "total",
          ),
          ...groupRows.map((g) => rowOf(g.label, g.raw, ++r, "group")),
        ],
      };
    }),
  );
  return [groups, ...tiltak];
}

/** Random small year sets: 1–2 tables (TILT180 too), 1–2 hovedgrupper, 1–3 tiltak, 1–3 months, small counts and zeros. */
export function arbitraryYear(): fc.Arbitrary<YearFigures> {
  const figure = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 3, arbitrary: fc.integer({ min: 4, max: 30 }) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const shape = fc.record({
    months: fc.integer({ min: 1, max: 3 }),
    hgs: fc.integer({ min: 1, max: 2 }),
    codes: fc.subarray([110, 120, 140, 180], { minLength: 1, maxLength: 2 }),
    totalScope: fc.constantFrom("with" as const, "without" as const, "either" as const),
  });
  return shape.chain(({ months, hgs, codes, totalScope }) =>
    fc
      .array(
        fc.array(fc.array(fc.array(figure, { minLength: months, maxLength: months }), { minLength: 1, maxLength: 3 }), {
          minLength: hgs,
          maxLength: hgs,
        }),
        { minLength: codes.length, maxLength: codes.length },
      )
      .map((perCode) => ({
        year: 2026,
        months,
        hovedgrupper: ["arbeidssokere", "andre"].slice(0, hgs),
        tables: new Map(codes.map((c, i) => [c, perCode[i]!])),
        totalScope,
      })),
  );
}
