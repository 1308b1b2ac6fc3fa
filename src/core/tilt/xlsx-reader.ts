// The parts of an xlsx the TILT reader needs, read by their XML and never by running anything:
// the sheet list, the shared strings and one sheet's cells. A formula is reported with its cell and
// never evaluated (its cached value is not used either); external links are reported. Counts the
// XML declares (shared strings, rows, cells) are checked before the XML is parsed, and a document
// type declaration (entity expansion) is refused outright. Pure: runs in the browser too.

import { XMLParser } from "fast-xml-parser";
import { WorkbookProblem, openZip, type ZipEntries } from "./zip.js";

export const XLSX_LIMITS = {
  maxSharedStrings: 100_000,
  maxRows: 20_000,
  maxCells: 500_000,
} as const;

export interface SheetCell {
  /** A1 reference, e.g. "E7". */
  ref: string;
  /** 1-based. */
  row: number;
  col: number;
  value: string | number | boolean | null;
  /** The formula text, when the cell has one (never evaluated). */
  formula?: string;
  /** An error value such as «#REF!». */
  error?: string;
}

export interface OpenedWorkbook {
  sheetNames: readonly string[];
  /** Targets of the workbook's external links (other files it refers to); empty when none. */
  externalLinks: readonly string[];
  /** The cells of one sheet, row by row; throws WorkbookProblem when a limit is passed. */
  readSheet(name: string): SheetCell[];
  /** The cells of a sheet that hold a formula (found in its XML without parsing it), A1 references. */
  formulaCells(name: string): string[];
}

const ARRAYS = new Set(["sheet", "Relationship", "si", "r", "row", "c"]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  // Some writers prefix SpreadsheetML's elements (<x:c>, the .NET Open XML SDK): read them all alike.
  removeNSPrefix: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAYS.has(name),
});

type Xml = Record<string, unknown>;
const decoder = new TextDecoder("utf-8");

function xmlOf(zip: ZipEntries, path: string): string | undefined {
  const bytes = zip.read(path);
  if (!bytes) return undefined;
  const text = decoder.decode(bytes);
  // No document type declarations: they are how entity-expansion attacks start, and xlsx has none.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new WorkbookProblem(`Delen «${path}» i arbeidsboken har en dokumenttypedeklarasjon, som en Excel-fil aldri har.`, "broken");
  return text;
}

/** Parses one part's XML; a part that is not XML is a broken workbook, said in Norwegian. */
function parseXml(text: string, path: string): Xml {
  try {
    return parser.parse(text) as Xml;
  } catch {
    throw new WorkbookProblem(`Delen «${path}» i arbeidsboken er ikke gyldig XML: filen er ødelagt.`, "broken");
  }
}

function parse(zip: ZipEntries, path: string): Xml | undefined {
  const text = xmlOf(zip, path);
  return text === undefined ? undefined : parseXml(text, path);
}

const arr = (x: unknown): Xml[] => (Array.isArray(x) ? (x as Xml[]) : x === undefined ? [] : [x as Xml]);

/** Text of a `<t>` (plain, or with attributes such as xml:space) or of rich-text runs. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  const x = node as Xml;
  if ("t" in x || "r" in x)
    return (
      textOf(x.t) +
      arr(x.r)
        .map((r) => textOf(r.t))
        .join("")
    );
  return typeof x["#text"] === "string" || typeof x["#text"] === "number" ? String(x["#text"]) : "";
}

/** Resolves a relationship target against the folder of the part that declares it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

function sharedStrings(zip: ZipEntries, path: string | undefined, limits: typeof XLSX_LIMITS): string[] {
  const text = path ? xmlOf(zip, path) : undefined;
  if (text === undefined) return [];
  // Counted before parsing: the declared count, and the items actually there.
  const declared = Number(/uniqueCount="(\d+)"/.exec(text)?.[1] ?? 0);
  const items = text.match(/<si[\s>]/g)?.length ?? 0;
  const n = Math.max(declared, items);
  if (n > limits.maxSharedStrings) {
    throw new WorkbookProblem(`Arbeidsboken har ${n} tekster (høyst ${limits.maxSharedStrings} godtas): den leses ikke.`, "too-big");
  }
  const sst = parseXml(text, path!).sst as Xml | undefined;
  return arr(sst?.si).map(textOf);
}

const colNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

export function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One `<c>` as a SheetCell (value by its type; a formula kept as text, its cached value ignored). */
function cellOf(c: Xml, row: number, col: number, strings: readonly string[]): SheetCell {
  const ref = `${colLetters(col)}${row}`;
  const raw = c.v === undefined ? undefined : textOf(c.v);
  const cell: SheetCell = { ref, row, col, value: null };
  if ("f" in c) cell.formula = textOf(c.f) || "(delt formel)";
  switch (c.t) {
    case "s":
      cell.value = strings[Number(raw)] ?? null;
      break;
    case "inlineStr":
      cell.value = textOf(c.is);
      break;
    case "str":
      cell.value = raw ?? "";
      break;
    case "b":
      cell.value = raw === "1";
      break;
    case "e":
      cell.error = raw ?? "#VALUE!";
      break;
    default:
      // A number cell whose text is not a number (a damaged file) keeps its text, so the finding
      // quotes what the cell holds instead of «NaN».
      cell.value = raw === undefined || raw === "" ? null : Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return cell;
}

function sheetCells(text: string, path: string, strings: readonly string[], limits: typeof XLSX_LIMITS): SheetCell[] {
  const rows = text.match(/<row[\s>]/g)?.length ?? 0;
  const cellCount = text.match(/<c[\s>]/g)?.length ?? 0;
  if (rows > limits.maxRows || cellCount > limits.maxCells) {
    throw new WorkbookProblem(
      `Arket har ${rows} rader og ${cellCount} celler (høyst ${limits.maxRows} rader og ${limits.maxCells} celler godtas): det leses ikke.`,
      "too-big",
    );
  }
  const ws = parseXml(text, path).worksheet as Xml | undefined;
  const data = ws?.sheetData as Xml | undefined;
  const out: SheetCell[] = [];
  let rowNo = 0;
  for (const r of arr(data?.row)) {
    rowNo = r.r !== undefined ? Number(r.r) : rowNo + 1;
    let colNo = 0;
    for (const c of arr(r.c)) {
      const m = typeof c.r === "string" ? /^([A-Z]+)(\d+)$/.exec(c.r) : null;
      colNo = m ? colNumber(m[1]!) : colNo + 1;
      out.push(cellOf(c, m ? Number(m[2]) : rowNo, colNo, strings));
    }
  }
  return out;
}

/** Opens a workbook's bytes; throws WorkbookProblem (Norwegian) when they are not a readable xlsx. */
export function openWorkbook(bytes: Uint8Array, limits: typeof XLSX_LIMITS = XLSX_LIMITS): OpenedWorkbook {
  const zip = openZip(bytes);
  const rootRels = parse(zip, "_rels/.rels")?.Relationships as Xml | undefined;
  const main = arr(rootRels?.Relationship).find((r) => String(r.Type).endsWith("/officeDocument"));
  const wbPath = main ? resolveTarget("", String(main.Target)) : "xl/workbook.xml";
  const wb = (parse(zip, wbPath)?.workbook ?? undefined) as Xml | undefined;
  if (!wb) throw new WorkbookProblem("Filen er et zip-arkiv, men ikke en Excel-arbeidsbok (den har ingen arbeidsbokdel).", "not-zip");
  const rels = arr((parse(zip, relsPath(wbPath))?.Relationships as Xml | undefined)?.Relationship);
  const target = (id: unknown) => {
    const rel = rels.find((r) => r.Id === id);
    return rel ? resolveTarget(wbPath, String(rel.Target)) : undefined;
  };
  // With namespace prefixes removed, the sheet's «r:id» reads as «id».
  // A sheet entry without a name (a damaged file) is no sheet anyone can be told about: left out.
  const sheets = arr((wb.sheets as Xml | undefined)?.sheet)
    .filter((s) => typeof s.name === "string" || typeof s.name === "number")
    .map((s) => ({ name: String(s.name), path: target(s.id ?? s["r:id"]) }));
  const external = [
    ...rels.filter((r) => String(r.Type).endsWith("/externalLink")).map((r) => String(r.Target)),
    ...zip.names.filter((n) => /^xl\/externalLinks\/[^/]+\.xml$/.test(n) && !rels.some((r) => String(r.Target).endsWith(n.slice(3)))),
  ];
  const sstRel = rels.find((r) => String(r.Type).endsWith("/sharedStrings"));
  let strings: string[] | undefined;
  return {
    sheetNames: sheets.map((s) => s.name),
    externalLinks: external,
    formulaCells(name) {
      const sheet = sheets.find((s) => s.name === name);
      const text = sheet?.path ? xmlOf(zip, sheet.path) : undefined;
      if (text === undefined) return [];
      // A cell whose content has an <f> (with or without a namespace prefix) before its end.
      const re = /<(?:\w+:)?c\b[^>]*?\br="([A-Z]+\d+)"[^>]*>((?:(?!<\/(?:\w+:)?c>)[\s\S])*?)<\/(?:\w+:)?c>/g;
      return [...text.matchAll(re)].filter((m) => /<(?:\w+:)?f[\s>/]/.test(m[2]!)).map((m) => m[1]!);
    },
    readSheet(name) {
      const sheet = sheets.find((s) => s.name === name);
      const text = sheet?.path ? xmlOf(zip, sheet.path) : undefined;
      if (text === undefined) throw new WorkbookProblem(`Arket «${name}» mangler i arbeidsboken.`, "broken");
      strings ??= sharedStrings(zip, sstRel ? resolveTarget(wbPath, String(sstRel.Target)) : undefined, limits);
      return sheetCells(text, sheet!.path!, strings, limits);
    },
  };
}
