/**
 * Excel.CustomXmlPartCollection, CustomXmlPartScopedCollection and CustomXmlPart (ExcelApi 1.5);
 * what each member does, and the reference pages, are in ../state/custom-xml.ts.
 */

import { excelError } from "../excel-errors";
import type { CustomXmlPartState, CustomXmlPartsState } from "../state/custom-xml-record";
import { type TypeDef, obj } from "./object-model";

const API = "1.5";

/** The workbook's parts, or those of one namespace (a scoped collection). */
interface Scope {
  parts: CustomXmlPartsState;
  namespaceUri?: string;
}

function notFound(id: unknown): never {
  throw excelError("ItemNotFound", `There is no custom XML part with the id '${String(id)}'.`);
}

const getters: TypeDef<Scope>["getters"] = {
  getItem: { api: API, run: (s, [id]) => obj(CUSTOM_XML_PART, s.parts.find(id, s.namespaceUri) ?? notFound(id)) },
  getItemOrNullObject: { api: API, run: (s, [id]) => obj(CUSTOM_XML_PART, s.parts.find(id, s.namespaceUri) ?? null) },
};

export const CUSTOM_XML_PARTS: TypeDef<Scope> = {
  name: "CustomXmlPartCollection",
  loadApi: API,
  items: (s) => s.parts.live().map((p) => obj(CUSTOM_XML_PART, p)),
  getters: {
    ...getters,
    getByNamespace: {
      api: API,
      run: (s, [ns]) => {
        if (typeof ns !== "string") throw excelError("InvalidArgument", "The namespace must be a string.");
        return obj(CUSTOM_XML_PART_SCOPED, { parts: s.parts, namespaceUri: ns });
      },
    },
  },
  methods: {
    add: { api: API, run: (s, [xml]) => obj(CUSTOM_XML_PART, s.parts.add(xml)) },
    getCount: { api: API, run: (s) => s.parts.live().length },
  },
};

export const CUSTOM_XML_PART_SCOPED: TypeDef<Scope> = {
  name: "CustomXmlPartScopedCollection",
  loadApi: API,
  items: (s) => s.parts.live(s.namespaceUri).map((p) => obj(CUSTOM_XML_PART, p)),
  getters: {
    ...getters,
    getOnlyItem: {
      api: API,
      run: (s) => {
        const live = s.parts.live(s.namespaceUri);
        if (live.length !== 1) {
          throw excelError("InvalidOperation", `The collection has ${live.length} custom XML parts, not exactly one.`);
        }
        return obj(CUSTOM_XML_PART, live[0]!);
      },
    },
    getOnlyItemOrNullObject: {
      api: API,
      run: (s) => {
        const live = s.parts.live(s.namespaceUri);
        return obj(CUSTOM_XML_PART, live.length === 1 ? live[0]! : null);
      },
    },
  },
  methods: { getCount: { api: API, run: (s) => s.parts.live(s.namespaceUri).length } },
};

export const CUSTOM_XML_PART: TypeDef<CustomXmlPartState> = {
  name: "CustomXmlPart",
  alive: (p) => !p.deleted,
  identity: { field: "Id", prop: "id" },
  props: {
    id: { api: API, get: (p) => p.id },
    namespaceUri: { api: API, get: (p) => p.namespaceUri },
  },
  methods: {
    getXml: { api: API, run: (p) => p.xml },
    setXml: { api: API, run: (p, [xml], h) => h.wb.customXmlParts.setXml(p, xml) },
    delete: { api: API, run: (p, _a, h) => h.wb.customXmlParts.delete(p) },
  },
};
