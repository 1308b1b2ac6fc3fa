/**
 * The inspection API: what tests, the preview grid and the xlsx export read from a fake workbook
 * directly, outside any batch (sheetNames, getValues, sheet, sheetText, sheetView, tables…), and
 * setValues for test setup. Read-only apart from setValues, which follows Range.values' rules.
 */

import { type Rect, columnLetters, formatAddress, formatRect } from "@nav-tiltak/a1";
import type { AggregationFunction, CellFormat, RangeValue, SheetVisibility } from "../office-types";
import { PivotsState } from "./pivots";
import type { RangeRef } from "./records";

export interface SheetSnapshot {
  name: string;
  id: string;
  position: number;
  visibility: SheetVisibility;
  tabColor: string | null;
  showGridlines: boolean;
  protected: boolean;
  frozenRows: number;
  frozenColumns: number;
  /** Used range address without sheet (e.g. "A1:C3"), or null for an empty sheet. */
  usedRange: string | null;
  /** The following arrays cover exactly the used range, like getUsedRange().values. */
  values: RangeValue[][];
  formulas: RangeValue[][];
  text: string[][];
  numberFormats: string[][];
  bold: boolean[][];
  formats: CellFormat[][];
  /** Explicitly set column widths in points, keyed by column letter. */
  columnWidths: Record<string, number>;
  /** Explicitly set row heights in points, keyed by 1-based row number. */
  rowHeights: Record<number, number>;
  merged: string[];
  customProperties: Record<string, string>;
}

export interface ViewCell {
  text: string;
  value: RangeValue;
  formula?: string;
  format: CellFormat;
}

/** Everything a grid renderer needs, from A1 to the end of the used range. */
export interface SheetView {
  name: string;
  rowCount: number;
  columnCount: number;
  columnWidths: number[];
  rowHeights: number[];
  frozenRows: number;
  frozenColumns: number;
  showGridlines: boolean;
  tabColor: string | null;
  merged: Rect[];
  cells: ViewCell[][];
}

export interface TableSnapshot {
  name: string;
  id: string;
  sheet: string;
  address: string;
  headers: string[];
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
}

export interface NameSnapshot {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
}

export interface PivotSnapshot {
  name: string;
  sheet: string;
  source: string;
  destination: string;
  output: string | null;
  rows: string[];
  columns: string[];
  filters: string[];
  data: { name: string; field: string; summarizeBy: AggregationFunction; numberFormat: string }[];
}

export class InspectState extends PivotsState {
  /** Live sheet names in tab order (hidden ones included). */
  sheetNames(): string[] {
    return this.liveSheets().map((s) => s.name);
  }

  activeSheetName(): string {
    return this.activeSheet.name;
  }

  private refFor(sheetName: string, address: string): RangeRef {
    const sheet = this.requireSheet(sheetName);
    return this.resolveAddress(address, sheet);
  }

  getValues(sheet: string, address: string): RangeValue[][] {
    return this.readValues(this.refFor(sheet, address));
  }

  getFormulas(sheet: string, address: string): RangeValue[][] {
    return this.readFormulas(this.refFor(sheet, address));
  }

  getText(sheet: string, address: string): string[][] {
    return this.readText(this.refFor(sheet, address));
  }

  getNumberFormats(sheet: string, address: string): string[][] {
    return this.readNumberFormats(this.refFor(sheet, address));
  }

  /** Full format of one cell (the top-left cell of `address`). */
  getCellFormat(sheet: string, address: string): CellFormat {
    const ref = this.refFor(sheet, address);
    return this.cellFormat(ref.sheet, ref.rect.row, ref.rect.col);
  }

  getColumnWidth(sheet: string, column: string): number {
    const ref = this.refFor(sheet, `${column}1`);
    return this.columnWidth(ref.sheet, ref.rect.col);
  }

  getRowHeight(sheet: string, row: number): number {
    return this.rowHeight(this.requireSheet(sheet), row - 1);
  }

  /** Used range address ("A1:C3") or null; valuesOnly ignores formatting. */
  usedRange(sheet: string, valuesOnly = false): string | null {
    const r = this.usedRect(this.requireSheet(sheet), valuesOnly);
    return r ? formatRect(r) : null;
  }

  /** Direct write for test setup (same validation as Range.values, no queue, no protection bypass). */
  setValues(sheet: string, address: string, values: RangeValue[][]): void {
    this.writeCells(this.refFor(sheet, address), values, "values");
  }

  /**
   * The user clicks a sheet's tab (the preview page): Excel's UI makes it the active sheet, the
   * same state Worksheet.activate() sets and getActiveWorksheet() reads. A hidden sheet has no tab,
   * so it is refused as activate() refuses it.
   */
  activateSheet(name: string): void {
    this.activate(this.requireSheet(name));
  }

  sheet(name: string): SheetSnapshot {
    const s = this.requireSheet(name);
    const used = this.usedRect(s, false);
    const ref: RangeRef | null = used ? { sheet: s, rect: used } : null;
    const grid = <T>(fn: (r: number, c: number) => T): T[][] => (ref ? this.readGrid(ref, fn) : []);
    return {
      name: s.name,
      id: s.id,
      position: this.position(s),
      visibility: s.visibility,
      tabColor: s.tabColor,
      showGridlines: s.showGridlines,
      protected: s.protection.protected,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      usedRange: used ? formatRect(used) : null,
      values: grid((r, c) => this.cellValue(s, r, c)),
      formulas: grid((r, c) => this.cellFormula(s, r, c)),
      text: grid((r, c) => this.cellText(s, r, c)),
      numberFormats: grid((r, c) => this.formatAt(s, r, c, "numberFormat") as string),
      bold: grid((r, c) => this.formatAt(s, r, c, "font.bold") === true),
      formats: grid((r, c) => this.cellFormat(s, r, c)),
      columnWidths: Object.fromEntries([...s.columnWidths].sort((a, b) => a[0] - b[0]).map(([c, w]) => [columnLetters(c), w])),
      rowHeights: Object.fromEntries([...s.rowHeights].sort((a, b) => a[0] - b[0]).map(([r, h]) => [r + 1, h])),
      merged: s.merged.map((m) => formatRect(m)),
      customProperties: Object.fromEntries([...s.customProperties.values()].map((cp) => [cp.key, cp.value])),
    };
  }

  /** Every cell, on any sheet, whose formula (or constant) is `formula`: "Sheet!A1" addresses. */
  findFormula(formula: RangeValue): string[] {
    const out: string[] = [];
    for (const s of this.liveSheets()) {
      const used = this.usedRect(s, true);
      if (!used) continue;
      this.readGrid({ sheet: s, rect: used }, (r, c) => {
        if (this.cellFormula(s, r, c) === formula) out.push(formatAddress(s.name, { row: r, col: c, rows: 1, cols: 1 }));
        return null;
      });
    }
    return out;
  }

  /** Displayed text from A1 to the end of the used range ([] for an empty sheet). */
  sheetText(name: string): string[][] {
    const s = this.requireSheet(name);
    const used = this.usedRect(s, false);
    if (!used) return [];
    return this.readGrid({ sheet: s, rect: { row: 0, col: 0, rows: used.row + used.rows, cols: used.col + used.cols } }, (r, c) =>
      this.cellText(s, r, c),
    );
  }

  /** Cells with text and format from A1 to the end of the used range, plus sizes, for a grid view. */
  sheetView(name: string): SheetView {
    const s = this.requireSheet(name);
    const used = this.usedRect(s, false);
    const rowCount = used ? used.row + used.rows : 0;
    const columnCount = used ? used.col + used.cols : 0;
    const cells =
      rowCount === 0
        ? []
        : this.readGrid({ sheet: s, rect: { row: 0, col: 0, rows: rowCount, cols: columnCount } }, (r, c) => {
            const formula = this.cell(s, r, c)?.formula;
            const view: ViewCell = { text: this.cellText(s, r, c), value: this.cellValue(s, r, c), format: this.cellFormat(s, r, c) };
            if (formula !== undefined) view.formula = formula;
            return view;
          });
    return {
      name: s.name,
      rowCount,
      columnCount,
      columnWidths: Array.from({ length: columnCount }, (_, c) => this.columnWidth(s, c)),
      rowHeights: Array.from({ length: rowCount }, (_, r) => this.rowHeight(s, r)),
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      showGridlines: s.showGridlines,
      tabColor: s.tabColor,
      merged: s.merged.map((m) => ({ ...m })),
      cells,
    };
  }

  tables(): TableSnapshot[] {
    return this.liveTables().map((t) => ({
      name: t.name,
      id: t.id,
      sheet: t.sheet.name,
      address: formatAddress(t.sheet.name, t.rect),
      headers: this.tableHeaders(t),
      style: t.style,
      showBandedRows: t.showBandedRows,
      showBandedColumns: t.showBandedColumns,
      showFilterButton: t.showFilterButton,
    }));
  }

  names(): NameSnapshot[] {
    return this.liveNames().map((n) => ({ name: n.name, formula: this.nameFormula(n), comment: n.comment, visible: n.visible }));
  }

  pivotTables(): PivotSnapshot[] {
    return this.allPivots
      .filter((p) => !p.deleted)
      .map((p) => ({
        name: p.name,
        sheet: p.sheet.name,
        source: p.source.kind === "table" ? p.source.table.name : formatAddress(p.source.sheet.name, p.source.rect),
        destination: formatAddress(p.sheet.name, { row: p.dest.row, col: p.dest.col, rows: 1, cols: 1 }),
        output: p.output ? formatAddress(p.sheet.name, p.output) : null,
        rows: [...p.rows],
        columns: [...p.columns],
        filters: [...p.filters],
        data: p.data.map((d) => ({ name: d.name, field: d.field, summarizeBy: d.summarizeBy, numberFormat: d.numberFormat })),
      }));
  }

  customProperties(sheet: string): Record<string, string> {
    return this.sheet(sheet).customProperties;
  }

  /** Document settings as last saved with saveAsync (what a reopened workbook would see). */
  settings(): Record<string, unknown> {
    return Object.fromEntries(this.savedSettings);
  }
}
