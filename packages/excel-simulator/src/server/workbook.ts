/** Workbook (the GlobalObject of every request), Application and WorkbookProtection. */

import { excelError } from "../excel-errors";
import type { WorkbookState } from "../state";
import { CUSTOM_XML_PARTS } from "./custom-xml";
import { type TypeDef, obj } from "./object-model";
import { NAMES } from "./named-item";
import { PIVOT_TABLES } from "./pivot-table";
import { RANGE } from "./range";
import { TABLES } from "./table";
import { WORKSHEETS } from "./worksheet";

export const WORKBOOK: TypeDef<WorkbookState> = {
  name: "Workbook",
  props: { name: { api: "1.7", get: () => "Mappe1" } },
  navs: {
    worksheets: (wb) => obj(WORKSHEETS, wb),
    // Collections that exist both on the workbook (sheet null) and on a worksheet.
    tables: () => obj(TABLES, { sheet: null }),
    names: (wb) => obj(NAMES, wb),
    pivotTables: () => obj(PIVOT_TABLES, { sheet: null }),
    application: (wb) => obj(APPLICATION, wb),
    protection: (wb) => obj(WORKBOOK_PROTECTION, wb),
    customXmlParts: (wb) => obj(CUSTOM_XML_PARTS, { parts: wb.customXmlParts }),
  },
  getters: {
    /** The selection is always A1 of the active sheet here. */
    getSelectedRange: { run: (wb) => obj(RANGE, { sheet: wb.activeSheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } }) },
  },
};

export const APPLICATION: TypeDef<WorkbookState> = {
  name: "Application",
  props: {
    calculationMode: {
      setApi: "1.8",
      get: (wb) => wb.calculationMode,
      set: (wb, v) => {
        if (v !== "Automatic" && v !== "AutomaticExceptTables" && v !== "Manual") {
          throw excelError("InvalidArgument", `'${String(v)}' is not a calculation mode.`);
        }
        wb.calculationMode = v;
      },
    },
  },
  methods: {
    suspendScreenUpdatingUntilNextSync: { api: "1.9", run: (wb) => void wb.screenUpdatingSuspensions++ },
    suspendApiCalculationUntilNextSync: { api: "1.6", run: () => undefined },
    /** Formulas are not evaluated by the fake, so calculating changes nothing. */
    calculate: { run: () => undefined },
  },
};

/** Excel.WorkbookProtection (ExcelApi 1.7): whether the workbook's structure is protected. */
export const WORKBOOK_PROTECTION: TypeDef<WorkbookState> = {
  name: "WorkbookProtection",
  props: { protected: { api: "1.7", get: (wb) => wb.workbookProtected } },
  methods: {
    protect: { api: "1.7", run: (wb) => void (wb.workbookProtected = true) },
    unprotect: { api: "1.7", run: (wb) => void (wb.workbookProtected = false) },
  },
};
