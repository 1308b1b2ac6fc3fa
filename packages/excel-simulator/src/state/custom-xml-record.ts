/**
 * Custom XML parts of the workbook (Excel.CustomXmlPart, ExcelApi 1.5): XML documents an add-in
 * keeps inside the file, found again by id or by the namespace of their root element.
 *
 * Sources (Microsoft's reference):
 * - https://learn.microsoft.com/en-us/javascript/api/excel/excel.customxmlpartcollection
 *   add(xml), getByNamespace(namespaceUri), getCount(), getItem(id), getItemOrNullObject(id).
 * - https://learn.microsoft.com/en-us/javascript/api/excel/excel.customxmlpartscopedcollection
 *   the same getters plus getOnlyItem() (an error unless exactly one) and getOnlyItemOrNullObject().
 * - https://learn.microsoft.com/en-us/javascript/api/excel/excel.customxmlpart
 *   id and namespaceUri (read-only), getXml(), setXml(xml), delete(). Its sample: «You must have the
 *   xmlns attribute to populate the CustomXml.namespaceUri property», so the namespace is the root
 *   element's (default or prefixed) namespace declaration, and "" without one.
 * Not stated in the reference, and modelled as the most cautious reading: XML that has no root
 * element fails with InvalidArgument (the reference's code for a bad argument); a part's id has
 * the GUID-in-braces form of the Open XML custom XML properties part (ds:itemID); parts keep the
 * order they were added in; getXml returns the text exactly as it was given.
 */

import { excelError } from "../excel-errors";

export interface CustomXmlPartState {
  id: string;
  namespaceUri: string;
  xml: string;
  deleted: boolean;
}

/** The namespace of the root element: its prefix's declaration, or the default one (xmlns). */
export function rootNamespace(xml: unknown): string {
  if (typeof xml !== "string") throw excelError("InvalidArgument", "The XML of a custom XML part must be a string.");
  const body = xml.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, "");
  const root = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(body);
  if (!root || !/>\s*$/.test(body)) throw excelError("InvalidArgument", "The XML of a custom XML part must have a root element.");
  const prefix = root[2] === undefined ? undefined : root[1];
  const wanted = prefix === undefined ? "xmlns" : `xmlns:${prefix}`;
  for (const m of (root[3] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (m[1] === wanted) return m[2] ?? m[3] ?? "";
  }
  return "";
}

/** The workbook's custom XML parts. Plain data, so fork.ts copies them with the rest of a workbook. */
export class CustomXmlPartsState {
  readonly parts: CustomXmlPartState[] = [];
  private added = 0;

  live(namespaceUri?: string): CustomXmlPartState[] {
    return this.parts.filter((p) => !p.deleted && (namespaceUri === undefined || p.namespaceUri === namespaceUri));
  }

  find(id: unknown, namespaceUri?: string): CustomXmlPartState | undefined {
    return this.live(namespaceUri).find((p) => p.id === String(id));
  }

  add(xml: unknown): CustomXmlPartState {
    const namespaceUri = rootNamespace(xml);
    this.added++;
    const id = `{${this.added.toString(16).toUpperCase().padStart(8, "0")}-4E41-5654-494C-54414B000000}`;
    const part: CustomXmlPartState = { id, namespaceUri, xml: xml as string, deleted: false };
    this.parts.push(part);
    return part;
  }

  setXml(part: CustomXmlPartState, xml: unknown): void {
    part.namespaceUri = rootNamespace(xml);
    part.xml = xml as string;
  }

  delete(part: CustomXmlPartState): void {
    part.deleted = true;
  }
}
