/**
 * The worksheet family: sheets' names, tab order, visibility, the active sheet, tab colour, frozen
 * panes and sheet protection (which changes a protected sheet refuses), and resolving an address
 * to a sheet and a rectangle.
 */

import { MAX_COLUMNS, MAX_ROWS } from "@nav-tiltak/a1";
import { checkRect, parseAddress } from "../addresses";
import { excelError } from "../excel-errors";
import type { ProtectionOptions } from "../office-types";
import { oneOf } from "./arguments";
import { normalizeColor } from "./format-rules";
import { upper } from "./keys";
import type { RangeRef, SheetState } from "./records";
import { WorkbookRecord } from "./workbook-record";

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/;

/** A change sheet protection may allow or refuse (Excel.WorksheetProtectionOptions). */
export type EditKind =
  | "content"
  | "formatCells"
  | "formatColumns"
  | "formatRows"
  | "objects"
  | "pivot"
  | "insertRows"
  | "insertColumns"
  | "deleteRows"
  | "deleteColumns";

export class SheetsState extends WorkbookRecord {
  private sheetSeq = 0;

  liveSheets(): SheetState[] {
    return this.allSheets.filter((s) => !s.deleted);
  }

  findSheet(key: string): SheetState | undefined {
    const k = upper(String(key));
    return this.liveSheets().find((s) => upper(s.name) === k || upper(s.id) === k);
  }

  requireSheet(key: string): SheetState {
    const sheet = this.findSheet(key);
    if (!sheet) throw excelError("ItemNotFound", `The worksheet '${key}' does not exist.`);
    return sheet;
  }

  position(sheet: SheetState): number {
    return this.liveSheets().indexOf(sheet);
  }

  /** Excel's documented worksheet-name rules; `except` allows renaming a sheet to itself. */
  validateSheetName(name: unknown, except?: SheetState): string {
    if (typeof name !== "string" || name.length === 0) {
      throw excelError("InvalidArgument", "A worksheet name cannot be empty.");
    }
    if (name.length > 31) throw excelError("InvalidArgument", `The worksheet name '${name}' is longer than 31 characters.`);
    if (FORBIDDEN_SHEET_CHARS.test(name)) {
      throw excelError("InvalidArgument", `The worksheet name '${name}' contains one of the characters [ ] : * ? / \\.`);
    }
    if (name.startsWith("'") || name.endsWith("'")) {
      throw excelError("InvalidArgument", `The worksheet name '${name}' cannot begin or end with an apostrophe.`);
    }
    if (upper(name) === "HISTORY") throw excelError("InvalidArgument", "'History' is a reserved worksheet name.");
    const clash = this.liveSheets().find((s) => s !== except && upper(s.name) === upper(name));
    if (clash) throw excelError("ItemAlreadyExists", `A worksheet named '${clash.name}' already exists.`);
    return name;
  }

  addSheet(name?: string): SheetState {
    let finalName: string;
    if (name === undefined || name === null) {
      let n = this.liveSheets().length + 1;
      while (this.findSheet(`${this.locale.sheetPrefix}${n}`)) n++;
      finalName = `${this.locale.sheetPrefix}${n}`;
    } else {
      finalName = this.validateSheetName(name);
    }
    const seq = this.sheetSeq++;
    const sheet: SheetState = {
      id: `{00000000-0001-0000-${seq.toString(16).toUpperCase().padStart(4, "0")}-000000000000}`,
      name: finalName,
      visibility: "Visible",
      deleted: false,
      cells: new Map(),
      layers: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      frozenRows: 0,
      frozenColumns: 0,
      tabColor: null,
      showGridlines: true,
      protection: { protected: false, password: null, options: {} },
      customProperties: new Map(),
      merged: [],
    };
    this.allSheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: SheetState, name: unknown): void {
    sheet.name = this.validateSheetName(name, sheet);
  }

  /** Refuses to delete or hide the last visible sheet. */
  private assertNotLastVisible(sheet: SheetState): void {
    const othersVisible = this.liveSheets().some((s) => s !== sheet && s.visibility === "Visible");
    if (sheet.visibility === "Visible" && !othersVisible) {
      throw excelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
  }

  private firstVisibleSheet(): SheetState {
    return this.liveSheets().find((s) => s.visibility === "Visible")!;
  }

  deleteSheet(sheet: SheetState): void {
    this.assertNotLastVisible(sheet);
    sheet.deleted = true;
    for (const t of this.allTables) if (t.sheet === sheet) t.deleted = true;
    for (const p of this.allPivots) if (p.sheet === sheet) p.deleted = true;
    for (const cp of sheet.customProperties.values()) cp.deleted = true;
    for (const n of this.allNames) if (n.target.kind === "range" && n.target.sheet === sheet) n.broken = true;
    if (this.activeSheet === sheet) this.activeSheet = this.firstVisibleSheet();
  }

  moveSheet(sheet: SheetState, position: unknown): void {
    const live = this.liveSheets();
    if (typeof position !== "number" || !Number.isInteger(position) || position < 0 || position >= live.length) {
      throw excelError("InvalidArgument", `Position ${String(position)} is outside 0..${live.length - 1}.`);
    }
    const from = this.allSheets.indexOf(sheet);
    this.allSheets.splice(from, 1);
    // Insert before the live sheet currently at `position` (deleted sheets are skipped).
    const others = this.liveSheets();
    const anchor = others[position];
    const at = anchor ? this.allSheets.indexOf(anchor) : this.allSheets.length;
    this.allSheets.splice(at, 0, sheet);
  }

  setVisibility(sheet: SheetState, v: unknown): void {
    const vis = oneOf(v, ["Visible", "Hidden", "VeryHidden"] as const, "sheet visibility");
    if (vis !== "Visible") this.assertNotLastVisible(sheet);
    sheet.visibility = vis;
    if (this.activeSheet === sheet && vis !== "Visible") this.activeSheet = this.firstVisibleSheet();
  }

  activate(sheet: SheetState): void {
    if (sheet.visibility !== "Visible") {
      throw excelError("InvalidOperation", `The worksheet '${sheet.name}' is hidden and cannot be activated.`);
    }
    this.activeSheet = sheet;
  }

  setTabColor(sheet: SheetState, color: unknown): void {
    sheet.tabColor = color === "" || color === null ? null : normalizeColor(color, "tab color");
  }

  freeze(sheet: SheetState, rows: unknown, cols: unknown): void {
    for (const [n, max, what] of [
      [rows, MAX_ROWS, "rows"],
      [cols, MAX_COLUMNS, "columns"],
    ] as const) {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n >= max) {
        throw excelError("InvalidArgument", `Cannot freeze ${String(n)} ${what}.`);
      }
    }
    sheet.frozenRows = rows as number;
    sheet.frozenColumns = cols as number;
  }

  protect(sheet: SheetState, options: ProtectionOptions | undefined, password: string | undefined): void {
    if (sheet.protection.protected) {
      throw excelError("InvalidOperation", `The worksheet '${sheet.name}' is already protected.`);
    }
    sheet.protection = { protected: true, password: password ?? null, options: { ...(options ?? {}) } };
  }

  unprotect(sheet: SheetState, password: string | undefined): void {
    const p = sheet.protection;
    if (p.protected && p.password !== null && p.password !== (password ?? "")) {
      throw excelError("InvalidArgument", "The password is incorrect.");
    }
    sheet.protection = { protected: false, password: null, options: {} };
  }

  /** Throws AccessDenied if sheet protection forbids this kind of change. */
  assertEditable(sheet: SheetState, kind: EditKind): void {
    const p = sheet.protection;
    if (!p.protected) return;
    const allowed =
      (kind === "insertRows" && p.options.allowInsertRows) ||
      (kind === "insertColumns" && p.options.allowInsertColumns) ||
      (kind === "deleteRows" && p.options.allowDeleteRows) ||
      (kind === "deleteColumns" && p.options.allowDeleteColumns) ||
      (kind === "formatCells" && p.options.allowFormatCells) ||
      (kind === "formatColumns" && p.options.allowFormatColumns) ||
      (kind === "formatRows" && p.options.allowFormatRows) ||
      (kind === "pivot" && p.options.allowPivotTables);
    if (!allowed) {
      throw excelError("AccessDenied", `The worksheet '${sheet.name}' is protected; the change is not allowed.`);
    }
  }

  /** Resolves "Sheet!A1:B2" or "A1:B2" (relative to `defaultSheet`) to a range. */
  resolveAddress(address: string, defaultSheet: SheetState): RangeRef {
    const parsed = parseAddress(address);
    const sheet = parsed.sheet === undefined ? defaultSheet : this.findSheet(parsed.sheet);
    if (!sheet) throw excelError("InvalidArgument", `The address '${address}' refers to a missing worksheet.`);
    return { sheet, rect: checkRect(parsed.rect) };
  }
}
