/** RangeFormat with its font, fill and borders, for a Range or every area of a RangeAreas. */

import { excelError } from "../excel-errors";
import type { BorderAttr, FormatProp, RangeRef } from "../state";
import type { BorderIndex } from "../office-types";
import { type Host, type PropDef, type TypeDef, obj } from "./object-model";
import { type Cells, refsOf } from "./range-refs";

/** One value when every area reports the same, null otherwise (as for mixed formats). */
function overAreas<T>(e: Cells, read: (r: RangeRef) => T | null): T | null {
  const values = refsOf(e).map(read);
  return values.every((v) => v !== null && v === values[0]) ? values[0]! : null;
}

const alive = (e: Cells) => !e.sheet.deleted;

/** A property that maps 1:1 onto a FormatProp of every cell. Null when the cells disagree. */
function formatProp(prop: FormatProp, api?: string): PropDef<Cells> {
  return {
    ...(api ? { api } : {}),
    get: (e, h) => overAreas(e, (r) => h.wb.readFormat(r, prop)),
    set: (e, v, h) => refsOf(e).forEach((r) => h.wb.setFormat(r, prop, v)),
  };
}

const noFill = (e: Cells, h: Host) => refsOf(e).forEach((r) => h.wb.setFormat(r, "fill.color", "#FFFFFF"));

export const FORMAT: TypeDef<Cells> = {
  name: "RangeFormat",
  alive,
  props: {
    /** Null when the columns differ in width. */
    columnWidth: {
      api: "1.2",
      get: (e, h) => overAreas(e, (r) => h.wb.readColumnWidth(r)),
      set: (e, v, h) => refsOf(e).forEach((r) => h.wb.setColumnWidth(r, v as number | null)),
    },
    rowHeight: {
      api: "1.2",
      get: (e, h) => overAreas(e, (r) => h.wb.readRowHeight(r)),
      set: (e, v, h) => refsOf(e).forEach((r) => h.wb.setRowHeight(r, v as number | null)),
    },
    horizontalAlignment: formatProp("horizontalAlignment"),
    verticalAlignment: formatProp("verticalAlignment"),
    wrapText: formatProp("wrapText"),
  },
  navs: {
    font: (e) => obj(FONT, e),
    fill: (e) => obj(FILL, e),
    borders: (e) => {
      // Borders of a RangeAreas (each area's own edges) are not modelled.
      if ("rects" in e) throw excelError("InvalidOperation", "RangeAreas borders are not supported by this fake.");
      return obj(BORDERS, e);
    },
  },
  methods: {
    autofitColumns: { api: "1.2", run: (e, _a, h) => refsOf(e).forEach((r) => h.wb.autofitColumns(r)) },
    autofitRows: { api: "1.2", run: (e, _a, h) => refsOf(e).forEach((r) => h.wb.autofitRows(r)) },
  },
};

export const FONT: TypeDef<Cells> = {
  name: "RangeFont",
  alive,
  props: {
    bold: formatProp("font.bold"),
    italic: formatProp("font.italic"),
    underline: formatProp("font.underline"),
    size: formatProp("font.size"),
    color: formatProp("font.color"),
    name: formatProp("font.name"),
  },
};

export const FILL: TypeDef<Cells> = {
  name: "RangeFill",
  alive,
  props: {
    /** "#FFFFFF" when there is no fill; "" or null clears it. */
    color: {
      get: (e, h) => overAreas(e, (r) => h.wb.readFormat(r, "fill.color")),
      set: (e, v, h) => (v === "" || v === null ? noFill(e, h) : refsOf(e).forEach((r) => h.wb.setFormat(r, "fill.color", v))),
    },
  },
  methods: { clear: { run: (e, _a, h) => noFill(e, h) } },
};

const BORDER_INDEXES: BorderIndex[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"];

interface BorderItem {
  ref: RangeRef;
  index: BorderIndex;
}

export const BORDERS: TypeDef<RangeRef> = {
  name: "RangeBorderCollection",
  alive: (r) => !r.sheet.deleted,
  items: (ref) => BORDER_INDEXES.map((index) => obj(BORDER, { ref, index })),
  getters: {
    getItem: {
      run: (ref, [index]) => {
        const hit = BORDER_INDEXES.find((i) => i === index);
        if (!hit) throw excelError("InvalidArgument", `'${String(index)}' is not a supported border index (${BORDER_INDEXES.join(", ")}).`);
        return obj(BORDER, { ref, index: hit });
      },
    },
  },
};

function borderProp(attr: BorderAttr): PropDef<BorderItem> {
  return { get: (b, h) => h.wb.readBorder(b.ref, b.index, attr), set: (b, v, h) => h.wb.setBorder(b.ref, b.index, attr, v) };
}

export const BORDER: TypeDef<BorderItem> = {
  name: "RangeBorder",
  alive: (b) => !b.ref.sheet.deleted,
  props: {
    sideIndex: { get: (b) => b.index },
    style: borderProp("style"),
    weight: borderProp("weight"),
    color: borderProp("color"),
  },
};
