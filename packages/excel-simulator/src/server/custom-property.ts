/** Worksheet custom properties (ExcelApi 1.12): keys ignore case; add() overwrites. */

import { excelError } from "../excel-errors";
import type { CustomPropertyState, SheetState } from "../state";
import { type TypeDef, obj } from "./object-model";

export const CUSTOM_PROPERTIES: TypeDef<SheetState> = {
  name: "WorksheetCustomPropertyCollection",
  alive: (s) => !s.deleted,
  loadApi: "1.12",
  items: (s) => [...s.customProperties.values()].map((cp) => obj(CUSTOM_PROPERTY, cp)),
  getters: {
    getItem: {
      api: "1.12",
      run: (s, [key], h) => {
        const cp = h.wb.findCustomProperty(s, String(key));
        if (!cp) throw excelError("ItemNotFound", `The worksheet has no custom property '${String(key)}'.`);
        return obj(CUSTOM_PROPERTY, cp);
      },
    },
    getItemOrNullObject: { api: "1.12", run: (s, [key], h) => obj(CUSTOM_PROPERTY, h.wb.findCustomProperty(s, String(key)) ?? null) },
  },
  methods: {
    /** Overwrites an existing property with the same key (keys ignore case). */
    add: { api: "1.12", run: (s, [key, value], h) => obj(CUSTOM_PROPERTY, h.wb.setCustomProperty(s, key, value)) },
    getCount: { api: "1.12", run: (s) => s.customProperties.size },
  },
};

export const CUSTOM_PROPERTY: TypeDef<CustomPropertyState> = {
  name: "WorksheetCustomProperty",
  alive: (cp) => !cp.deleted,
  identity: { field: "_Id", prop: "key" },
  props: {
    key: { api: "1.12", get: (cp) => cp.key },
    value: { api: "1.12", get: (cp) => cp.value, set: (cp, v, h) => void h.wb.setCustomProperty(cp.sheet, cp.key, v) },
  },
  methods: { delete: { api: "1.12", run: (cp, _a, h) => h.wb.deleteCustomProperty(cp) } },
};
