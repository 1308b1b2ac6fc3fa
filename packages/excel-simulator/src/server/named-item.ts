/** NamedItemCollection (workbook names) and NamedItem. */

import { excelError } from "../excel-errors";
import type { NamedItemState, WorkbookState } from "../state";
import { type TypeDef, ServerObject, need, obj } from "./object-model";
import { RANGE } from "./range";

export const NAMES: TypeDef<WorkbookState> = {
  name: "NamedItemCollection",
  items: (wb) => wb.liveNames().map((n) => obj(NAMED_ITEM, n)),
  getters: {
    getItem: {
      run: (wb, [name]) => {
        const n = wb.findName(String(name));
        if (!n) throw excelError("ItemNotFound", `The name '${String(name)}' does not exist.`);
        return obj(NAMED_ITEM, n);
      },
    },
    getItemOrNullObject: { api: "1.4", run: (wb, [name]) => obj(NAMED_ITEM, wb.findName(String(name)) ?? null) },
  },
  methods: {
    /** `reference` is a Range or a formula such as "=Ark1!$A$1:$B$2". */
    add: {
      api: "1.4",
      run: (wb, [name, reference, comment]) => {
        const ref = reference instanceof ServerObject ? need(reference, RANGE) : null;
        const target = ref ? { kind: "range" as const, sheet: ref.sheet, rect: ref.rect } : wb.parseNameTarget(reference);
        return obj(NAMED_ITEM, wb.addName(name, target, comment));
      },
    },
    getCount: { api: "1.4", run: (wb) => wb.liveNames().length },
  },
};

export const NAMED_ITEM: TypeDef<NamedItemState> = {
  name: "NamedItem",
  alive: (n) => !n.deleted,
  identity: { field: "_Id", prop: "name" },
  props: {
    name: { get: (n) => n.name },
    formula: {
      api: "1.7",
      get: (n, h) => h.wb.nameFormula(n),
      set: (n, v, h) => {
        n.target = h.wb.parseNameTarget(v);
        n.broken = false;
      },
    },
    comment: { api: "1.4", get: (n) => n.comment, set: (n, v, h) => void (n.comment = h.wb.validateNameComment(v)) },
    type: { get: (n, h) => h.wb.nameType(n) },
    value: { get: (n, h) => h.wb.nameValue(n) },
    visible: {
      get: (n) => n.visible,
      set: (n, v) => {
        if (typeof v !== "boolean") throw excelError("InvalidArgument", "visible must be true or false.");
        n.visible = v;
      },
    },
  },
  getters: {
    /** Fails with InvalidArgument unless the name refers to a range. */
    getRange: {
      run: (n, _a, h) => {
        const ref = h.wb.nameRange(n);
        if (!ref) throw excelError("InvalidArgument", `The name '${n.name}' does not refer to a range.`);
        return obj(RANGE, ref);
      },
    },
    getRangeOrNullObject: { api: "1.4", run: (n, _a, h) => obj(RANGE, h.wb.nameRange(n)) },
  },
  methods: { delete: { api: "1.4", run: (n) => void (n.deleted = true) } },
};
