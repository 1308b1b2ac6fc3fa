/**
 * The table family: adding a table (with Excel's generated headers), resizing, renaming (which
 * follows into structured references), style and flags, deleting or converting to a range.
 */

import { MAX_ROWS, type Rect, rectsIntersect } from "@nav-tiltak/a1";
import { checkRect } from "../addresses";
import { excelError } from "../excel-errors";
import { bool } from "./arguments";
import { upper } from "./keys";
import { NamesState } from "./named-items";
import type { PivotState, RangeRef, SheetState, TableFlag, TableState } from "./records";

export class TablesState extends NamesState {
  private tableSeq = 0;

  findTable(key: string, sheet?: SheetState): TableState | undefined {
    const k = upper(String(key));
    return this.allTables.find((t) => !t.deleted && (!sheet || t.sheet === sheet) && (upper(t.name) === k || t.id === String(key)));
  }

  liveTables(sheet?: SheetState): TableState[] {
    return this.allTables.filter((t) => !t.deleted && (!sheet || t.sheet === sheet));
  }

  /** Refuses a new or resized table or PivotTable (`what`) over another table or PivotTable report. */
  protected assertNoObjectsOverlap(sheet: SheetState, rect: Rect, what: string, except?: TableState | PivotState): void {
    for (const t of this.liveTables(sheet)) {
      if (t !== except && rectsIntersect(t.rect, rect)) {
        throw excelError("InvalidArgument", `A ${what} cannot overlap the table '${t.name}'.`);
      }
    }
    for (const p of this.allPivots) {
      if (!p.deleted && p !== except && p.sheet === sheet && p.output && rectsIntersect(p.output, rect)) {
        throw excelError("InvalidArgument", `A ${what} cannot overlap the PivotTable '${p.name}'.`);
      }
    }
  }

  addTable(sheet: SheetState, rectIn: Rect, hasHeaders: unknown): TableState {
    if (typeof hasHeaders !== "boolean") throw excelError("InvalidArgument", "hasHeaders must be true or false.");
    this.assertEditable(sheet, "objects");
    let rect = { ...checkRect(rectIn) };
    if (!hasHeaders || rect.rows === 1) {
      // Excel adds a generated header row (shifting the data down) or an empty data row.
      rect = checkRect({ ...rect, rows: rect.rows + 1 }, "table range");
    }
    this.assertNoObjectsOverlap(sheet, rect, "table");
    if (!hasHeaders) this.shiftDown(sheet, { ...rect, rows: rect.rows - 1 });
    this.normalizeHeaders(sheet, rect, hasHeaders);
    let n = ++this.tableSeq;
    while (this.findTable(`${this.locale.tablePrefix}${n}`) || this.findName(`${this.locale.tablePrefix}${n}`)) n++;
    const table: TableState = {
      id: String(this.tableSeq),
      name: `${this.locale.tablePrefix}${n}`,
      sheet,
      rect,
      style: "TableStyleMedium2",
      showBandedRows: true,
      showBandedColumns: false,
      showFilterButton: true,
      showHeaders: true,
      showTotals: false,
      highlightFirstColumn: false,
      highlightLastColumn: false,
      deleted: false,
    };
    this.allTables.push(table);
    return table;
  }

  /** Table headers are unique, non-empty text; Excel fills gaps with "Kolonne1", "Kolonne2"… */
  protected normalizeHeaders(sheet: SheetState, rect: Rect, keepExisting: boolean): void {
    const seen = new Set<string>();
    for (let c = 0; c < rect.cols; c++) {
      const raw = keepExisting ? this.cellText(sheet, rect.row, rect.col + c) : "";
      let header = raw === "" ? `${this.locale.columnPrefix}${c + 1}` : raw;
      const base = header;
      for (let n = 2; seen.has(upper(header)); n++) header = `${base}${n}`;
      seen.add(upper(header));
      this.storeCell(sheet, rect.row, rect.col + c, { value: header });
    }
  }

  /** Inserts one row of cells above `rect` within its columns, pushing content down. */
  private shiftDown(sheet: SheetState, rect: Rect): void {
    this.moveCells(
      sheet,
      (r, c) => r >= rect.row && c >= rect.col && c < rect.col + rect.cols,
      (r, c) => (r + 1 < MAX_ROWS ? { row: r + 1, col: c } : null),
    );
  }

  /** Table.resize: same header row, overlapping the old range, clear of other tables. */
  resizeTable(t: TableState, ref: RangeRef): void {
    this.assertEditable(t.sheet, "objects");
    const rect = ref.rect;
    if (ref.sheet !== t.sheet || rect.row !== t.rect.row || !rectsIntersect(rect, t.rect)) {
      throw excelError("InvalidArgument", "The new table range must be on the same sheet, overlap the table and keep its header row.");
    }
    if (rect.rows < 2) throw excelError("InvalidArgument", "A table needs a header row and at least one data row.");
    this.assertNoObjectsOverlap(t.sheet, rect, "table", t);
    t.rect = { ...rect };
    this.normalizeHeaders(t.sheet, rect, true);
  }

  renameTable(t: TableState, name: unknown): void {
    const before = t.name;
    t.name = this.validateObjectName(name, t);
    this.renameInStructuredReferences(before, t.name);
  }

  /**
   * Renaming a table changes it in every structured reference in the workbook ("Using structured
   * references with Excel tables", support.microsoft.com: "If you rename a table or column, Excel
   * automatically changes the use of that table and column header in all structured references").
   * Modelled for workbook names whose target is a formula (cell formulas are kept as text).
   * A table name is a whole token: not preceded or followed by a name character, nor inside "…".
   */
  private renameInStructuredReferences(before: string, after: string): void {
    if (before === after) return;
    const escaped = before.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const token = new RegExp(`(^|[^A-Za-z0-9_.\\\\\u00C0-\uFFFF])${escaped}(?![A-Za-z0-9_.\\\\\u00C0-\uFFFF])`, "giu");
    for (const n of this.liveNames()) {
      if (n.target.kind !== "formula") continue;
      // Split on string constants so text such as ="NavTiltak" is left alone.
      const parts = n.target.formula.split(/("(?:[^"]|"")*")/);
      n.target = {
        kind: "formula",
        formula: parts.map((p, i) => (i % 2 === 1 ? p : p.replace(token, (_m, pre: string) => `${pre}${after}`))).join(""),
      };
    }
  }

  setTableStyle(t: TableState, style: unknown): void {
    this.assertEditable(t.sheet, "objects");
    if (style === null || style === "") {
      t.style = "";
      return;
    }
    if (typeof style !== "string" || !/^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/.test(style)) {
      throw excelError("InvalidArgument", `'${String(style)}' is not a built-in table style.`);
    }
    t.style = style;
  }

  setTableFlag(t: TableState, flag: TableFlag, value: unknown): void {
    this.assertEditable(t.sheet, "objects");
    t[flag] = bool(value, flag);
  }

  /** Table.delete removes the table together with its cells' contents and formats. */
  deleteTable(t: TableState): void {
    this.assertEditable(t.sheet, "objects");
    t.deleted = true;
    this.clearContentsAndFormats(t.sheet, t.rect);
  }

  convertTableToRange(t: TableState): void {
    this.assertEditable(t.sheet, "objects");
    t.deleted = true;
  }

  tableHeaders(t: TableState): string[] {
    return Array.from({ length: t.rect.cols }, (_, c) => this.cellText(t.sheet, t.rect.row, t.rect.col + c));
  }
}
