// The protected copy of a raw TILT workbook: the user's own workbook with only the protected cells
// changed («*» for 1–3, «:» for the cells hidden to protect them, the averages included), so the
// layout — titles, other sheets, number formats, «Kilde» lines — stays NAV's. Which cells change is
// decided in the core (core/tilt/protect-series.ts); this adapter only writes them. The bytes were
// already opened with every size bounded by core/tilt before they reach exceljs here.
import ExcelJS from "exceljs";
import { HIDDEN_NOTE } from "../core/suppression.js";
import { HIDDEN, SUPPRESSED, type SeriesTable } from "../core/types.js";

/** The workbook `original` with `table`'s «*» and «:» written in; a note on «:» under the sheet when any is. */
export async function protectedWorkbook(original: Uint8Array, table: SeriesTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(original.slice().buffer);
  const ws = wb.getWorksheet(table.sheet);
  // The reader found the table on this sheet; a workbook that lost it between two reads is a bug.
  if (!ws) throw new Error(`sheet missing: ${table.sheet}`);
  let hidden = false;
  for (const block of table.blocks)
    for (const row of block.rows)
      for (const c of [row.average, ...row.months]) {
        if (c.value !== SUPPRESSED && c.value !== HIDDEN) continue;
        ws.getCell(c.cell).value = c.value;
        hidden ||= c.value === HIDDEN;
      }
  if (hidden) ws.getCell(`A${ws.rowCount + 1}`).value = HIDDEN_NOTE;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
