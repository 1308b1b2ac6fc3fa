/**
 * The workbook family: the record every other family works on (the collections of sheets, tables,
 * named items and PivotTables, the active sheet, calculation mode, workbook protection) and the
 * document settings (Office.context.document.settings).
 *
 * Each family of the state is one class in a chain, WorkbookRecord first and WorkbookState last
 * (see state.ts for why); this one holds the data, so every later family reaches all of it.
 */

import type { FakeLocale } from "../text-format";
import type { CalculationMode } from "../office-types";
import { CustomXmlPartsState } from "./custom-xml-record";
import type { NamedItemState, PivotState, SheetState, TableState } from "./records";

export class WorkbookRecord {
  readonly locale: FakeLocale;
  readonly allSheets: SheetState[] = [];
  readonly allTables: TableState[] = [];
  readonly allNames: NamedItemState[] = [];
  readonly allPivots: PivotState[] = [];
  activeSheet!: SheetState;
  calculationMode: CalculationMode = "Automatic";
  /** How many times an add-in asked Excel to pause screen updating. */
  screenUpdatingSuspensions = 0;
  /**
   * Workbook (structure) protection: Excel.WorkbookProtection.protected (ExcelApi 1.7). Only the
   * flag is modelled; what a protected structure makes each call do is not in the reference.
   */
  workbookProtected = false;
  /** Custom XML parts (ExcelApi 1.5), see custom-xml.ts. */
  readonly customXmlParts = new CustomXmlPartsState();
  readonly liveSettings = new Map<string, unknown>();
  readonly savedSettings = new Map<string, unknown>();

  constructor(locale: FakeLocale) {
    this.locale = locale;
  }

  /** Office.context.document.settings.saveAsync: what a reopened workbook would read. */
  saveSettings(): void {
    this.savedSettings.clear();
    for (const [k, v] of this.liveSettings) this.savedSettings.set(k, v);
  }
}
