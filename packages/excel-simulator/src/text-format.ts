/**
 * Rough rendering of cell values to display text (Range.text), per number format
 * and locale. Covers General, "@", digit placeholders with grouping and
 * decimals, percent, literal text and sections (pos;neg;zero;text), and plain
 * date-only formats (d, m, y tokens, English month names).
 */

import type { RangeValue } from "./office-types";

export interface FakeLocale {
  /** Group separator used where a format has "," (nb-NO shows a space). */
  thousandsSeparator: string;
  /** Decimal separator used where a format has ".". */
  decimalSeparator: string;
  trueText: string;
  falseText: string;
  /** Default names: "Ark1", "Tabell1", "Pivottabell1", header "Kolonne1". */
  sheetPrefix: string;
  tablePrefix: string;
  pivotTablePrefix: string;
  columnPrefix: string;
  /** Pivot captions. */
  grandTotal: string;
  rowLabels: string;
  columnLabels: string;
  /** Pivot item label for empty cells. */
  blank: string;
  /** What a report filter shows while every item is selected. */
  allItems: string;
  summarizePrefix: Record<"Sum" | "Count" | "Average" | "Max" | "Min", string>;
}

export const NB_NO: FakeLocale = {
  thousandsSeparator: " ",
  decimalSeparator: ",",
  trueText: "SANN",
  falseText: "USANN",
  sheetPrefix: "Ark",
  tablePrefix: "Tabell",
  pivotTablePrefix: "Pivottabell",
  columnPrefix: "Kolonne",
  grandTotal: "Totalsum",
  rowLabels: "Radetiketter",
  columnLabels: "Kolonneetiketter",
  blank: "(tom)",
  allItems: "(Alle)",
  summarizePrefix: {
    Sum: "Summer av",
    Count: "Antall av",
    Average: "Gjennomsnitt av",
    Max: "Maks av",
    Min: "Min av",
  },
};

export const EN_US: FakeLocale = {
  thousandsSeparator: ",",
  decimalSeparator: ".",
  trueText: "TRUE",
  falseText: "FALSE",
  sheetPrefix: "Sheet",
  tablePrefix: "Table",
  pivotTablePrefix: "PivotTable",
  columnPrefix: "Column",
  grandTotal: "Grand Total",
  rowLabels: "Row Labels",
  columnLabels: "Column Labels",
  blank: "(blank)",
  allItems: "(All)",
  summarizePrefix: { Sum: "Sum of", Count: "Count of", Average: "Average of", Max: "Max of", Min: "Min of" },
};

/** Splits a format into its ";"-separated sections, ignoring ";" inside quotes. */
function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted && i + 1 < format.length) {
      cur += ch + format[i + 1]!;
      i++;
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

type Token = { kind: "lit"; text: string } | { kind: "num"; pattern: string } | { kind: "text" };

function tokenize(section: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const lit = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === "lit") last.text += text;
    else tokens.push({ kind: "lit", text });
  };
  while (i < section.length) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      lit(end < 0 ? section.slice(i + 1) : section.slice(i + 1, end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === "\\") {
      lit(section[i + 1] ?? "");
      i += 2;
    } else if (ch === "[") {
      // Colours and conditions do not change the text.
      const end = section.indexOf("]", i);
      i = end < 0 ? section.length : end + 1;
    } else if (ch === "_") {
      lit(" ");
      i += 2;
    } else if (ch === "*") {
      i += 2;
    } else if (ch === "@") {
      tokens.push({ kind: "text" });
      i++;
    } else if ("0#?".includes(ch) || ((ch === "." || ch === ",") && /[0#?]/.test(section.slice(i + 1, i + 2) + section.slice(i - 1, i)))) {
      let j = i;
      while (j < section.length && "0#?.,".includes(section[j]!)) j++;
      tokens.push({ kind: "num", pattern: section.slice(i, j) });
      i = j;
    } else {
      lit(ch);
      i++;
    }
  }
  return tokens;
}

/** Rounds half away from zero at `decimals` places, as Excel displays. */
function roundDisplay(abs: number, decimals: number): number {
  if (abs >= 1e15) return abs;
  const clean = Number(abs.toPrecision(15));
  return Number(`${Math.round(Number(`${clean}e${decimals}`))}e-${decimals}`);
}

function groupDigits(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function renderNumberPattern(abs: number, pattern: string, locale: FakeLocale): string {
  // Trailing commas scale by 1000 each.
  let p = pattern;
  let scale = 0;
  while (p.endsWith(",")) {
    scale++;
    p = p.slice(0, -1);
  }
  const dot = p.indexOf(".");
  const intPat = dot < 0 ? p : p.slice(0, dot);
  const fracPat = dot < 0 ? "" : p.slice(dot + 1).replace(/,/g, "");
  const grouping = intPat.includes(",");
  const minInt = (intPat.match(/0/g) ?? []).length;
  const decimals = fracPat.length;
  const minDecimals = (fracPat.match(/0/g) ?? []).length;

  const v = roundDisplay(abs / Math.pow(1000, scale), decimals);
  let [ip = "0", fp = ""] = v.toFixed(decimals).split(".");
  if (ip === "0" && minInt === 0) ip = "";
  if (ip.length < minInt) ip = ip.padStart(minInt, "0");
  if (grouping) ip = groupDigits(ip, locale.thousandsSeparator);
  // Optional decimals ("#") drop trailing zeros down to the required ones.
  while (fp.length > minDecimals && fp.endsWith("0")) fp = fp.slice(0, -1);
  // Excel keeps the decimal point even when no decimals remain ("#.##" shows "12,").
  return dot >= 0 ? `${ip}${locale.decimalSeparator}${fp}` : ip;
}

function renderGeneral(n: number, locale: FakeLocale): string {
  if (n === 0) return "0";
  const abs = Math.abs(n);
  let s: string;
  if (abs >= 1e11 || abs < 1e-9) {
    s = n
      .toExponential(5)
      .replace(/\.?0+e/, "e")
      .replace("e", "E")
      .replace(/E([+-])(\d)$/, "E$10$2");
  } else {
    // General shows at most about 11 characters; 10 significant digits is close.
    s = String(Number(n.toPrecision(10)));
  }
  return s.replace(".", locale.decimalSeparator);
}

function renderSection(value: number, section: string, locale: FakeLocale, negativeSign: boolean): string {
  if (section === "") return "";
  const tokens = tokenize(section);
  let v = Math.abs(value);
  const percents = tokens.reduce((k, t) => k + (t.kind === "lit" ? (t.text.match(/%/g) ?? []).length : 0), 0);
  v *= Math.pow(100, percents);
  let usedNumber = false;
  let out = "";
  for (const t of tokens) {
    if (t.kind === "lit") out += t.text;
    else if (t.kind === "text") out += String(value);
    else if (!usedNumber) {
      out += renderNumberPattern(v, t.pattern, locale);
      usedNumber = true;
    }
  }
  return negativeSign && value < 0 ? `-${out}` : out;
}

/** Display text for a cell value under a number format. */
export function renderText(value: RangeValue, numberFormat: string, locale: FakeLocale): string {
  if (value === "") return "";
  if (typeof value === "boolean") return value ? locale.trueText : locale.falseText;
  const format = numberFormat || "General";
  const sections = splitSections(format);
  if (typeof value === "string") {
    const textSection = sections.length >= 4 ? sections[3]! : sections.find((s) => s.includes("@"));
    if (!textSection) return value;
    return tokenize(textSection)
      .map((t) => (t.kind === "text" ? value : t.kind === "lit" ? t.text : ""))
      .join("");
  }
  if (!Number.isFinite(value)) return "#NUM!";
  if (format.trim().toLowerCase() === "general" || format === "@") return renderGeneral(value, locale);
  const date = renderDate(value, format.trim());
  if (date !== null) return date;
  let section: string;
  let sign = false;
  if (value > 0 || sections.length === 1) {
    section = sections[0]!;
    sign = sections.length === 1;
  } else if (value < 0) {
    section = sections[1]!;
  } else {
    section = sections[2] ?? sections[0]!;
  }
  if (/^general$/i.test(section.trim())) return renderGeneral(sign ? value : Math.abs(value), locale);
  return renderSection(value, section, locale, sign);
}

// ---------------------------------------------------------------------------
// Dates typed (or written through Range.values) as text

const MONTHS_EN = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTHS_EN_LONG = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

function monthIndex(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, "");
  const long = MONTHS_EN_LONG.indexOf(n);
  return long >= 0 ? long : MONTHS_EN.indexOf(n);
}

/** Excel's serial number of a date (days since 1899-12-30; dates after February 1900). */
export function dateSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Range.values parses strings like typing with en-US conventions (whatever the user's locale):
 * "2016-11", "2016-11-05", "11/5/2016", "11/2016", "November 2016", "Nov 2016" and "5-Nov-2016"
 * become date serials, and a General cell gets a date format. The common shapes only, enough to
 * catch an add-in writing such text without the "@" format. Null when the text is not a date.
 */
export function parseDateText(text: string): { serial: number; format: string } | null {
  const s = text.trim();
  let m: RegExpExecArray | null;
  let y: number, mo: number, d: number;
  let format = "m/d/yyyy";
  if ((m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
    if (!m[3]) format = "mmm-yy";
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    [y, mo, d] = [Number(m[3]), Number(m[1]), Number(m[2])];
  } else if ((m = /^(\d{1,2})\/(\d{4})$/.exec(s))) {
    [y, mo, d] = [Number(m[2]), Number(m[1]), 1];
    format = "mmm-yy";
  } else if ((m = /^([A-Za-z]+\.?)[\s-]+(\d{4})$/.exec(s))) {
    [y, mo, d] = [Number(m[2]), monthIndex(m[1]!) + 1, 1];
    format = "mmm-yy";
  } else if ((m = /^(\d{1,2})[\s-]+([A-Za-z]+\.?)[\s-]+(\d{4})$/.exec(s))) {
    [y, mo, d] = [Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1])];
    format = "d-mmm-yy";
  } else {
    return null;
  }
  return validDate(y, mo, d) ? { serial: dateSerial(y, mo, d), format } : null;
}

const DATE_FORMAT = /^(?:\[\$-[0-9A-Fa-f]+\])?[dmy]+(?:[-/. ][dmy]+)*$/i;

/** Display text of a date serial under a date-only format (d, dd, m, mm, mmm, mmmm, yy, yyyy). */
function renderDate(serial: number, format: string): string | null {
  if (!DATE_FORMAT.test(format) || serial < 61) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  const [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  return format.replace(/^\[\$-[0-9A-Fa-f]+\]/, "").replace(/y+|m+|d+/gi, (t) => {
    const k = t.toLowerCase();
    if (k[0] === "y") return k.length <= 2 ? String(y % 100).padStart(2, "0") : String(y);
    if (k[0] === "d") return k.length === 1 ? String(d) : String(d).padStart(2, "0");
    if (k.length >= 4) return MONTHS_EN_LONG[mo]!.replace(/^./, (c) => c.toUpperCase());
    if (k.length === 3) return MONTHS_EN[mo]!.replace(/^./, (c) => c.toUpperCase());
    return k.length === 1 ? String(mo + 1) : String(mo + 1).padStart(2, "0");
  });
}
