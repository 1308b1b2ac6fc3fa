/**
 * The custom properties family: a worksheet's key/value properties (Excel.WorksheetCustomProperty,
 * ExcelApi 1.12). Keys compare without regard to case; values are strings.
 */

import { excelError } from "../excel-errors";
import { upper } from "./keys";
import { SheetsState } from "./worksheets";
import type { CustomPropertyState, SheetState } from "./records";

export class CustomPropertiesState extends SheetsState {
  findCustomProperty(sheet: SheetState, key: string): CustomPropertyState | undefined {
    return sheet.customProperties.get(upper(String(key)));
  }

  setCustomProperty(sheet: SheetState, key: unknown, value: unknown): CustomPropertyState {
    if (typeof key !== "string" || key.length === 0 || key.length > 255) {
      throw excelError("InvalidArgument", "A custom property key must be 1 to 255 characters.");
    }
    if (typeof value !== "string") throw excelError("InvalidArgument", "A custom property value must be a string.");
    const existing = this.findCustomProperty(sheet, key);
    if (existing) {
      existing.value = value;
      return existing;
    }
    const cp: CustomPropertyState = { key, value, sheet, deleted: false };
    sheet.customProperties.set(upper(key), cp);
    return cp;
  }

  deleteCustomProperty(cp: CustomPropertyState): void {
    cp.deleted = true;
    cp.sheet.customProperties.delete(upper(cp.key));
  }
}
