// Small text helpers shared by the parser, the layouts and the lookup.

/** Folds case, diacritics-insensitive spacing and punctuation spacing so "  arbeidstrening " matches "Arbeidstrening". */
export function normalizeName(name: string): string {
  // A file names each tiltak in several tables and every check looks names up again: remembering
  // the answers makes a 5 MB file's import several times faster. Bounded, so a file of endless new
  // labels cannot grow it without limit.
  let known = normalized.get(name);
  if (known === undefined) {
    // toLowerCase, not toLocaleLowerCase: identical for Norwegian letters and much faster (no ICU).
    known = name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
    if (normalized.size >= MEMO_LIMIT) normalized.clear();
    normalized.set(name, known);
  }
  return known;
}

const MEMO_LIMIT = 100_000;
const normalized = new Map<string, string>();
const slugs = new Map<string, string>();

const SLUG_MAP: Record<string, string> = { æ: "ae", ø: "o", å: "a", é: "e" };

/** Stable ASCII id for a published name, e.g. "Arbeidssøkere" → "arbeidssokere". */
export function slug(name: string): string {
  let known = slugs.get(name);
  if (known === undefined) {
    known = normalizeName(name)
      .replace(/[æøåé]/g, (c) => SLUG_MAP[c] ?? c)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    if (slugs.size >= MEMO_LIMIT) slugs.clear();
    slugs.set(name, known);
  }
  return known;
}

/**
 * Formats an integer the way NAV publishes it and Excel shows `#,##0` in nb-NO:
 * a plain space between thousands groups, hyphen-minus for negatives.
 */
export function formatInteger(n: number): string {
  // Unbounded (e.g. a disclosure bound nothing published limits).
  if (!Number.isFinite(n)) return n > 0 ? "∞" : "−∞";
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.abs(Math.round(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** A Norwegian list: «a», «b» og «c» (or «eller»); one item alone, nothing for none. */
export function listText(items: readonly string[], conjunction: "og" | "eller"): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/** The names in «» as a Norwegian list: «a», «b» eller «c». */
export const quotedList = (names: readonly string[], conjunction: "og" | "eller"): string =>
  listText(
    names.map((n) => `«${n}»`),
    conjunction,
  );

/**
 * Formats a figure that may have decimals (an average NAV stored unrounded, a mean of months) in
 * nb-NO: grouped like formatInteger, a decimal comma, at most `decimals` digits, trailing zeros
 * dropped. Integers read exactly as formatInteger writes them.
 */
export function formatDecimal(n: number, decimals = 2): string {
  if (!Number.isFinite(n)) return formatInteger(n);
  const scale = 10 ** decimals;
  const rounded = Math.round(Math.abs(n) * scale) / scale;
  const whole = Math.trunc(rounded);
  const fraction = (rounded - whole).toFixed(decimals).slice(2).replace(/0+$/, "");
  const sign = n < 0 && rounded !== 0 ? "-" : "";
  return sign + formatInteger(whole) + (fraction ? `,${fraction}` : "");
}

const MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];

/** "November 2016" → "2016-11"; null when the text is not a Norwegian month and year. */
export function parsePeriodLabel(label: string): string | null {
  const m = /^\s*([A-Za-zæøåÆØÅ]+)\s+(\d{4})\s*$/.exec(label);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLocaleLowerCase("nb-NO"));
  if (month < 0) return null;
  return `${m[2]}-${String(month + 1).padStart(2, "0")}`;
}

/** "2016-11" → "November 2016". */
export function periodLabel(period: string): string {
  const [year, month] = period.split("-");
  const name = MONTHS[Number(month) - 1] ?? "";
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${year}`;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Longest text echoed back in a message; the rest is cut so a pasted megabyte stays one line. */
export const ECHO_MAX = 80;

/**
 * Text to quote in a message: line breaks and other control characters shown as spaces, and
 * anything over `max` characters cut with «…» and its length, e.g. «=HYPERLINK("http:/… (312 tegn)».
 */
export function shorten(text: string, max = ECHO_MAX): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, " ");
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max - 1)}… (${formatInteger(flat.length)} tegn)`;
}

/**
 * Text Excel would take for a formula when written into a General cell: it starts with «=», «+»,
 * «-», «−» or «@», or with a tab or carriage return (which spreadsheet programs strip before
 * parsing). Such text is always written as text («@»), whatever its length: the one rule for it.
 */
export function isFormulaLike(text: string): boolean {
  return /^[\t\r ]*[=+\-\u2212@]|^[\t\r]/.test(text);
}
