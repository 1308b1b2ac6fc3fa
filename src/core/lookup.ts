// Name resolution for the NAV.* custom functions and `nav-tiltak call`: turns what a user typed
// (any case, extra spaces, short forms) into dataset entities, or into a typed error with a
// Norwegian message. Pure: no Office.js. Every resolution is memoized by the raw argument, so a
// sheet full of formulas pays for normalizing, indexing and suggestions once per distinct text.

import { ALL, type Dataset, type HgKey, type PeriodData, type Tiltak } from "./types.js";
import { GROUP_ALIASES, TOTAL_LABEL } from "./period/names.js";
import { spellings } from "./known-typos.js";
import { editDistance, normalizeName, parsePeriodLabel, quotedList, shorten } from "./text.js";
import { defaultPeriod } from "./default-period.js";

/** The Excel error a failed call becomes: #VALUE! (bad argument) or #N/A (no such figure). */
export type ExcelErrorKind = "VALUE" | "NA";

/** How Excel shows each error in a cell. */
export const EXCEL_ERROR_TEXT: Readonly<Record<ExcelErrorKind, string>> = { VALUE: "#VALUE!", NA: "#N/A" };

/** A failed resolution or call. Instances are immutable and may be shared between calls. */
export class FunctionError {
  constructor(
    readonly kind: ExcelErrorKind,
    readonly message: string,
  ) {
    Object.freeze(this);
  }
}

/** What a function argument can be: Excel passes strings, numbers or booleans, and null (or undefined) when omitted. */
export type Arg = string | number | boolean | null | undefined;

/** A tiltaksgruppe, or the grand total ("I alt"). */
export interface GroupRef {
  /** Tiltaksgruppe id; null for the grand total. */
  id: string | null;
  name: string;
}

/** The grand total as a group-level name. */
export const TOTAL_GROUP: GroupRef = Object.freeze({ id: null, name: TOTAL_LABEL });

/** The functions that take a tiltaksgruppe, for messages that point to the right one. */
export type GroupFunction = "TILTAKSGRUPPE" | "ENDRING" | "ENDRINGPROSENT";

/** Keywords NAV.LISTE accepts besides a tiltaksgruppe (normalized key → what to list). */
export type ListKind = "tiltaksgrupper" | "tiltak" | "hovedgrupper" | "perioder";
const LIST_KEYWORDS: Readonly<Record<string, ListKind>> = {
  tiltaksgrupper: "tiltaksgrupper",
  tiltaksgruppe: "tiltaksgrupper",
  grupper: "tiltaksgrupper",
  tiltak: "tiltak",
  "alle tiltak": "tiltak",
  hovedgrupper: "hovedgrupper",
  hovedgruppe: "hovedgrupper",
  perioder: "perioder",
  periode: "perioder",
};
/** The keywords as shown in messages. */
export const LIST_KEYWORD_NAMES: readonly string[] = ["tiltaksgrupper", "tiltak", "hovedgrupper", "perioder"];

export type ListTarget = { kind: ListKind } | { kind: "gruppe"; group: GroupRef };

/** Memo caps: formulas repeat a handful of names, but a user could feed in a column of junk. */
const MEMO_LIMIT = 4096;

/**
 * Lookup key: normalizeName, plus typographic dashes read as "-" (Word and Outlook autocorrect them),
 * with or without spaces around them ("Avklaring - sykmeldt" = "Avklaring–sykmeldt").
 */
export function lookupKey(name: string): string {
  return normalizeName(name).replace(/ ?[-\u2010-\u2015\u2212] ?/g, "-");
}

/** An argument as text, or undefined when it is omitted (null, undefined or blank). */
function argText(arg: Arg): string | undefined {
  if (arg === null || arg === undefined) return undefined;
  const text = typeof arg === "string" ? arg : String(arg);
  return text.trim() === "" ? undefined : text;
}

/** «a», «b» eller «c» */
const quoteList = (names: readonly string[]): string => quotedList(names, "eller");

/**
 * Up to `max` names closest to `input`: names containing it (for inputs of 3+ characters), then by
 * edit distance, within a distance that still looks like a typo of that name.
 */
export function suggestNames(input: string, names: readonly string[], max = 3): string[] {
  const key = lookupKey(input);
  const scored: { name: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  names.forEach((name, order) => {
    if (seen.has(name)) return;
    seen.add(name);
    const nameKey = lookupKey(name);
    const d = editDistance(key, nameKey);
    const limit = Math.max(2, Math.floor(Math.max(key.length, nameKey.length) / 3));
    // Containment ranks ahead of any typo, shorter names (closer to the input) first.
    if (key.length >= 3 && nameKey.includes(key)) scored.push({ name, score: -1000 + nameKey.length - key.length, order });
    else if (d <= limit) scored.push({ name, score: d, order });
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, max).map((s) => s.name);
}

function unknownMessage(what: string, input: string, names: readonly string[], hint: string): string {
  const suggestions = suggestNames(input, names);
  const tail = suggestions.length > 0 ? `Mente du ${quoteList(suggestions)}?` : hint;
  return `Ukjent ${what} «${shorten(input.trim())}». ${tail}`;
}

/** Excel stores a typed "2016-11" as a date; its serial number (days since 1899-12-30) comes through as a number. */
const SERIAL_MIN = 32874; // 1990-01-01
const SERIAL_MAX = 73051; // 2099-12-31

/**
 * A period argument as "YYYY-MM": accepts "2016-11", "2016-1", "November 2016" and an Excel date
 * serial (a cell holding a date). Null when it is none of these.
 */
export function parsePeriodArg(arg: string | number): string | null {
  const text = String(arg)
    .trim()
    .replace(/[\u2010-\u2015\u2212]/g, "-");
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (iso) {
    const month = Number(iso[2]);
    return month >= 1 && month <= 12 ? `${iso[1]}-${String(month).padStart(2, "0")}` : null;
  }
  const label = parsePeriodLabel(text);
  if (label) return label;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
  }
  return null;
}

type Hit = { level: "tiltak"; tiltak: Tiltak } | { level: "gruppe"; group: GroupRef } | { level: "hovedgruppe"; key: HgKey; name: string };

/**
 * Resolves names against one dataset. Build once per dataset (indexes are Maps keyed by lookupKey);
 * each method is O(1) for a text it has seen before.
 */
export class NameResolver {
  private readonly tiltakIndex = new Map<string, Tiltak>();
  private readonly groupIndex = new Map<string, GroupRef>();
  private readonly hgIndex = new Map<string, { key: HgKey; name: string }>();
  private readonly periodIndex = new Map<string, PeriodData>();
  private readonly groupRefs = new Map<string, GroupRef>();
  readonly newest: PeriodData | undefined;

  private readonly tiltakMemo = new Map<string, Tiltak | FunctionError>();
  private readonly groupMemo: Record<GroupFunction, Map<string, GroupRef | FunctionError>> = {
    TILTAKSGRUPPE: new Map(),
    ENDRING: new Map(),
    ENDRINGPROSENT: new Map(),
  };
  private readonly hgMemo = new Map<string, HgKey | FunctionError>();
  private readonly periodMemo = new Map<string, PeriodData | FunctionError>();
  private readonly listMemo = new Map<string, ListTarget | FunctionError>();

  constructor(readonly dataset: Dataset) {
    // Every spelling of a known typo finds the tiltak (known-typos.ts), whichever one NAV printed.
    for (const t of dataset.tiltak) for (const form of spellings(t.name, "tiltak")) this.tiltakIndex.set(lookupKey(form), t);
    this.groupIndex.set(lookupKey(TOTAL_LABEL), TOTAL_GROUP);
    for (const g of dataset.tiltaksgrupper) {
      const ref: GroupRef = Object.freeze({ id: g.id, name: g.name });
      this.groupRefs.set(g.id, ref);
      this.groupIndex.set(lookupKey(g.name), ref);
      // The subtotal label on the sheets ("I alt opplæring") names the same group.
      this.groupIndex.set(lookupKey(`${TOTAL_LABEL} ${g.name}`), ref);
    }
    for (const [alias, name] of Object.entries(GROUP_ALIASES)) {
      const ref = this.groupIndex.get(lookupKey(name));
      if (ref && !this.groupIndex.has(alias)) this.groupIndex.set(alias, ref);
    }
    this.hgIndex.set(lookupKey(TOTAL_LABEL), { key: ALL, name: TOTAL_LABEL });
    for (const h of dataset.hovedgrupper) {
      const entry = { key: h.id, name: h.name };
      for (const form of [h.name, h.short, h.name.replace(/,/g, ""), `${TOTAL_LABEL} ${h.name}`, `${TOTAL_LABEL} ${h.short}`]) {
        this.hgIndex.set(lookupKey(form), entry);
      }
    }
    for (const p of dataset.periods) this.periodIndex.set(p.period, p);
    this.newest = defaultPeriod(dataset);
  }

  /** The group reference for a tiltaksgruppe id (e.g. a tiltak's group). */
  groupById(id: string): GroupRef | undefined {
    return this.groupRefs.get(id);
  }

  private hit(key: string): Hit[] {
    const hits: Hit[] = [];
    const t = this.tiltakIndex.get(key);
    if (t) hits.push({ level: "tiltak", tiltak: t });
    const g = this.groupIndex.get(key);
    if (g) hits.push({ level: "gruppe", group: g });
    const h = this.hgIndex.get(key);
    if (h && h.key !== ALL) hits.push({ level: "hovedgruppe", key: h.key, name: h.name });
    return hits;
  }

  private static hgMisplaced(input: string, name: string): FunctionError {
    return new FunctionError(
      "VALUE",
      `«${input.trim()}» er en hovedgruppe («${name}»). Gi den som argumentet hovedgruppe, f.eks. NAV.TILTAKSGRUPPE("I alt"; "${input.trim()}").`,
    );
  }

  /** A tiltak by name (NAV.TILTAK). The tiltak level wins, so "Oppfølging" is the tiltak here. */
  tiltak(arg: Arg): Tiltak | FunctionError {
    const text = argText(arg);
    if (text === undefined) return MISSING_TILTAK;
    let r = this.tiltakMemo.get(text);
    if (r === undefined) {
      r = this.resolveTiltak(text);
      remember(this.tiltakMemo, text, r);
    }
    return r;
  }

  private resolveTiltak(text: string): Tiltak | FunctionError {
    const hits = this.hit(lookupKey(text));
    for (const h of hits) if (h.level === "tiltak") return h.tiltak;
    for (const h of hits) {
      if (h.level === "gruppe") {
        return new FunctionError(
          "VALUE",
          h.group.id === null
            ? `«${text.trim()}» er summen av alle tiltak – bruk NAV.TILTAKSGRUPPE("${TOTAL_LABEL}").`
            : `«${h.group.name}» er en tiltaksgruppe – bruk NAV.TILTAKSGRUPPE.`,
        );
      }
      if (h.level === "hovedgruppe") return NameResolver.hgMisplaced(text, h.name);
    }
    return new FunctionError(
      "VALUE",
      unknownMessage(
        "tiltak",
        text,
        this.dataset.tiltak.map((t) => t.name),
        'Se NAV.LISTE("tiltak") for alle tiltak.',
      ),
    );
  }

  /**
   * A tiltaksgruppe or "I alt" by name, for one of the group-level functions. The group level wins,
   * so "Oppfølging" is the group here.
   */
  group(arg: Arg, fn: GroupFunction): GroupRef | FunctionError {
    const text = argText(arg);
    if (text === undefined) return MISSING_GROUP;
    const memo = this.groupMemo[fn];
    let r = memo.get(text);
    if (r === undefined) {
      r = this.resolveGroup(text, fn);
      remember(memo, text, r);
    }
    return r;
  }

  private resolveGroup(text: string, fn: GroupFunction): GroupRef | FunctionError {
    const hits = this.hit(lookupKey(text));
    for (const h of hits) if (h.level === "gruppe") return h.group;
    for (const h of hits) {
      if (h.level === "tiltak") {
        const group = this.groupById(h.tiltak.group);
        if (fn === "TILTAKSGRUPPE") {
          return new FunctionError("VALUE", `«${h.tiltak.name}» er et tiltak – bruk NAV.TILTAK.`);
        }
        return new FunctionError(
          "VALUE",
          `«${h.tiltak.name}» er et tiltak, og endring fra i fjor publiseres bare per tiltaksgruppe` +
            (group ? ` (tiltaket hører til «${group.name}»).` : "."),
        );
      }
      if (h.level === "hovedgruppe") return NameResolver.hgMisplaced(text, h.name);
    }
    return new FunctionError(
      "VALUE",
      unknownMessage(
        "tiltaksgruppe",
        text,
        [TOTAL_LABEL, ...this.dataset.tiltaksgrupper.map((g) => g.name)],
        "Se NAV.LISTE() for alle tiltaksgrupper.",
      ),
    );
  }

  /** A hovedgruppe key; omitted means "I alt" (ALL). */
  hovedgruppe(arg: Arg): HgKey | FunctionError {
    const text = argText(arg);
    if (text === undefined) return ALL;
    let r = this.hgMemo.get(text);
    if (r === undefined) {
      r = this.resolveHovedgruppe(text);
      remember(this.hgMemo, text, r);
    }
    return r;
  }

  private resolveHovedgruppe(text: string): HgKey | FunctionError {
    const entry = this.hgIndex.get(lookupKey(text));
    if (entry) return entry.key;
    const names = [TOTAL_LABEL, ...this.dataset.hovedgrupper.flatMap((h) => [h.short, h.name])];
    const valid = quoteList([TOTAL_LABEL, ...this.dataset.hovedgrupper.map((h) => h.short)]);
    return new FunctionError("VALUE", unknownMessage("hovedgruppe", text, names, `Gyldige hovedgrupper er ${valid}.`));
  }

  /** A period; omitted means the newest in the dataset. */
  period(arg: Arg): PeriodData | FunctionError {
    const text = argText(arg);
    if (text === undefined) return this.newest ?? NO_PERIODS;
    let r = this.periodMemo.get(text);
    if (r === undefined) {
      r = this.resolvePeriod(text);
      remember(this.periodMemo, text, r);
    }
    return r;
  }

  private resolvePeriod(text: string): PeriodData | FunctionError {
    const period = parsePeriodArg(text);
    const available = this.dataset.periods.map((p) => p.period);
    if (period === null) {
      return new FunctionError(
        "NA",
        `«${shorten(text.trim())}» er ikke en periode. Skriv perioden som ÅÅÅÅ-MM, f.eks. «${this.newest?.period ?? "2016-11"}».`,
      );
    }
    const data = this.periodIndex.get(period);
    if (data) return data;
    return new FunctionError(
      "NA",
      `Perioden ${period} finnes ikke i datasettet. ` +
        (available.length === 1 ? `Eneste periode er ${available[0]}.` : `Tilgjengelige perioder: ${available.join(", ")}.`),
    );
  }

  /** What NAV.LISTE should list: a group's tiltak, or one of the keywords. Omitted means the tiltaksgrupper. */
  listTarget(arg: Arg): ListTarget | FunctionError {
    const text = argText(arg);
    if (text === undefined) return LIST_GROUPS;
    let r = this.listMemo.get(text);
    if (r === undefined) {
      r = this.resolveListTarget(text);
      remember(this.listMemo, text, r);
    }
    return r;
  }

  private resolveListTarget(text: string): ListTarget | FunctionError {
    const key = lookupKey(text);
    // Groups first, so a keyword can never hide a published group name.
    const group = this.groupIndex.get(key);
    if (group) return group.id === null ? { kind: "tiltak" } : { kind: "gruppe", group };
    const keyword = LIST_KEYWORDS[key];
    if (keyword) return { kind: keyword };
    const hint = `NAV.LISTE tar en tiltaksgruppe eller ett av ${quoteList(LIST_KEYWORD_NAMES)}.`;
    const t = this.tiltakIndex.get(key);
    if (t) return new FunctionError("VALUE", `«${t.name}» er et tiltak, ikke en tiltaksgruppe. ${hint}`);
    const names = [...this.dataset.tiltaksgrupper.map((g) => g.name), ...LIST_KEYWORD_NAMES];
    return new FunctionError("VALUE", unknownMessage("tiltaksgruppe", text, names, hint));
  }
}

const MISSING_TILTAK = new FunctionError("VALUE", 'Navnet på tiltaket mangler, f.eks. NAV.TILTAK("Arbeidstrening").');
const MISSING_GROUP = new FunctionError("VALUE", 'Navnet på tiltaksgruppen mangler, f.eks. NAV.TILTAKSGRUPPE("Opplæring") eller "I alt".');
const NO_PERIODS = new FunctionError("NA", "Datasettet har ingen perioder.");
const LIST_GROUPS: ListTarget = Object.freeze({ kind: "tiltaksgrupper" });

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}
