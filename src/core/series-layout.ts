// Sheets laid out as NAV lays out its time series: one sheet per TILT table and year, one block per
// målgruppe with «Gjennomsnitt hittil i år» and the months as columns, «I alt» first, the § 2-6 note
// below. Pure data (like layout.ts's SheetLayout), built from the Dataset's series through the one
// suppression rule; the writer, `nav-tiltak sheets --tidsserier` and NAV.TABELL can render it.

import { FORMAT_COUNT, FORMAT_GENERAL, displayText, type CellValue, type SheetLayout, type TableBlock } from "./layout.js";
import { statisticsNote } from "./notes.js";
import { GROUP_OF_CODE, seriesTableName } from "./tilt/tilt-names.js";
import { notesWithSymbols, suppressCount } from "./suppression.js";
import { formatDecimal, periodLabel } from "./text.js";
import type { Count, Dataset, SeriesTable } from "./types.js";

export const AVERAGE_HEADER = "Gjennomsnitt hittil i år";
/**
 * An average with a tenth to show (NAV's are whole; a derived one need not be). Whole ones get
 * FORMAT_COUNT: Excel shows an optional decimal ("#,##0.#") with its separator even when no
 * decimal is left («18 333,»), so the format is chosen per cell.
 */
export const FORMAT_AVERAGE = "#,##0.0";

/** The format of an average as shown: one decimal only where its tenths are not zero. */
function averageFormat(v: CellValue): string {
  return typeof v === "number" && Math.round(v * 10) % 10 !== 0 ? FORMAT_AVERAGE : FORMAT_COUNT;
}

/** TILT100 lists the tiltaksgrupper; the other codes the tiltak of one group (tilt/names.ts). */
const tableTitle = (code: number): string => (code === 100 ? "Tiltaksgrupper" : (GROUP_OF_CODE[code] ?? ""));

/**
 * A NAV-shaped series sheet: a published table's layout (worksheet name ≤ 31 characters, «TILT130
 * 2026»; `period` the last month in the table), keyed by its TILT code and year rather than a LayoutKey.
 */
export interface SeriesLayout extends Omit<SheetLayout, "key"> {
  code: number;
  year: number;
  /** The workbook it comes from. */
  file: string;
}

const MONTHS = ["Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember"];
/** A figure as it may be shown: «*» for 1–3 on every way out; none as an empty cell. */
const shown = (c: Count): CellValue => suppressCount(c);

function layoutOf(ds: Dataset, table: SeriesTable): SeriesLayout {
  const cells: CellValue[][] = [];
  const formats: string[][] = [];
  const bold: number[] = [];
  const headers: number[] = [];
  const blocks: TableBlock[] = [];
  const notes: number[] = [];
  const add = (row: CellValue[], fmt: string[] = [], isBold = false) => {
    cells.push(row);
    formats.push(row.map((_, i) => fmt[i] ?? FORMAT_GENERAL));
    if (isBold) bold.push(cells.length - 1);
    return cells.length - 1;
  };
  const tableName = `TILT${table.code} ${tableTitle(table.code)}`.trim();
  const last = table.periods[table.periods.length - 1]!;
  add([ds.title], [], true);
  add([tableName], [], true);
  add([`${periodLabel(table.periods[0]!)} – ${periodLabel(last)}`]);
  add([]);
  const months = table.periods.map((p) => MONTHS[Number(p.slice(5)) - 1]!);
  for (const block of table.blocks) {
    const headerRow = add([null, AVERAGE_HEADER, ...months], [], true);
    headers.push(headerRow);
    const totalRows: number[] = [];
    for (const row of block.rows) {
      const average = shown(row.average.value);
      const fmt = [FORMAT_GENERAL, averageFormat(average), ...months.map(() => FORMAT_COUNT)];
      const r = add([row.label, average, ...row.months.map((m) => shown(m.value))], fmt, row.kind === "total");
      if (row.kind === "total") totalRows.push(r);
    }
    blocks.push({ headerRow, firstRow: headerRow + 1, lastRow: cells.length - 1, columns: months.length + 2, totalRows });
    add([]);
  }
  add([`Kilde: NAV, ${table.file}`]);
  const symbolNotes = notesWithSymbols(ds).filter((n) => n.includes("«:»") || n.includes("«..»"));
  for (const n of [...statisticsNote(ds.notes), ...symbolNotes.slice(0, 1)]) notes.push(add([n]));
  const width = Math.max(...cells.map((r) => r.length));
  const pad = <T>(rows: T[][], fill: T) => rows.map((r) => [...r, ...new Array<T>(width - r.length).fill(fill)]);
  const padded = pad(cells, null);
  const widths = Array.from({ length: width }, (_, c) =>
    c === 0
      ? Math.min(
          45,
          Math.max(20, ...blocks.flatMap((b) => padded.slice(b.firstRow, b.lastRow + 1).map((r) => String(r[0] ?? "").length + 2))),
        )
      : c === 1
        ? 14
        : 10,
  );
  return {
    name: seriesTableName(table.code, table.year),
    code: table.code,
    year: table.year,
    file: table.file,
    title: ds.title,
    tableName,
    period: last,
    periodLabel: periodLabel(last),
    cells: padded,
    numberFormats: pad(formats, FORMAT_GENERAL),
    boldRows: bold,
    headerRows: headers,
    blocks,
    noteRows: notes,
    columnWidths: widths,
    freezeRows: 4,
  };
}

/** One sheet per time-series table of the dataset (none when it has no time series), TILT100 first per year. */
export function seriesLayouts(ds: Dataset, year?: number): SeriesLayout[] {
  return (ds.series ?? []).filter((t) => year === undefined || t.year === year).map((t) => layoutOf(ds, t));
}

/** The layout as displayed text, row by row (trailing empty cells dropped). */
export function seriesLayoutText(layout: SeriesLayout): string[][] {
  return layout.cells.map((row, r) => {
    const text = row.map((v, c) => {
      const format = layout.numberFormats[r]![c];
      // As Excel shows FORMAT_AVERAGE in nb-NO: «34,3».
      return format === FORMAT_AVERAGE && typeof v === "number" ? formatDecimal(v, 1) : displayText(v, format);
    });
    while (text.length > 0 && text[text.length - 1] === "") text.pop();
    return text;
  });
}
