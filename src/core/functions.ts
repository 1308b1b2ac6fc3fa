// The logic behind =NAV.TILTAK and friends, shared by the Excel custom functions (src/functions)
// and `nav-tiltak call`: resolve names, look the figure up, apply the one suppression rule, and
// return a value or a typed error. Pure: no Office.js, so the same code runs in Node.
//
// Suppression is applied here, at lookup time, through suppressCount / suppressFigures: a dataset
// of raw counts run through these functions never yields a 1, 2 or 3.

import {
  type Count,
  type Dataset,
  type Figures,
  type HgKey,
  type Hidden,
  type NotAvailable,
  type PeriodData,
  type Suppressed,
} from "./types.js";
import { isSymbol, suppressCount, suppressFigures } from "./suppression.js";
import { FunctionError, NameResolver, type Arg, type GroupRef } from "./lookup.js";

export { EXCEL_ERROR_TEXT, FunctionError, type Arg, type ExcelErrorKind } from "./lookup.js";

/** One cell of a spilled result (NAV.TABELL, NAV.DATA): a number, or text («*», «:», a name, "" for empty). */
export type ArrayCell = number | string;
export type ArrayResult = ArrayCell[][];

/**
 * A figure as a function returns it: a number, "*" when suppressed, ":" when hidden to protect
 * others, ".." when NAV did not publish it and it cannot be derived.
 */
export type CellResult = number | Suppressed | Hidden | NotAvailable;

/** A function's outcome: a value, or the Excel error it becomes. */
export type FunctionResult<T> = { value: T; error?: undefined } | { error: FunctionError; value?: undefined };

/** The custom function ids, as declared with @customfunction in src/functions/custom-functions.ts. */
export const FUNCTION_IDS = ["TILTAK", "TILTAKSGRUPPE", "ENDRING", "ENDRINGPROSENT", "LISTE", "TABELL", "DATA", "SERIE"] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];
/** The functions whose result is a 2-D array that spills (LISTE spills one column of names). */
export const ARRAY_FUNCTIONS = ["TABELL", "DATA", "SERIE"] as const satisfies readonly FunctionId[];
export type ArrayFunctionId = (typeof ARRAY_FUNCTIONS)[number];
export type ScalarFunctionId = Exclude<FunctionId, ArrayFunctionId>;

/** Excel's namespace for the functions (manifest: Functions.Namespace). */
export const NAMESPACE = "NAV";

function fail(error: FunctionError): { error: FunctionError } {
  return { error };
}

/** Resolved group-level figures, or the error. */
type FiguresLookup = { figures: Figures; group: GroupRef; hg: HgKey; data: PeriodData } | FunctionError;

/** All functions over one dataset. Build once (indexes are built in the constructor); calls are O(1). */
export class NavFunctions {
  readonly names: NameResolver;
  private readonly dataErrors = new Map<string, FunctionError>();

  constructor(readonly dataset: Dataset) {
    this.names = new NameResolver(dataset);
  }

  /** NAV.TILTAK: participants in one tiltak; 0 where none is published, "*" where suppressed. */
  tiltak(tiltak: Arg, hovedgruppe?: Arg, periode?: Arg): FunctionResult<CellResult> {
    const t = this.names.tiltak(tiltak);
    if (t instanceof FunctionError) return fail(t);
    const hg = this.names.hovedgruppe(hovedgruppe);
    if (hg instanceof FunctionError) return fail(hg);
    const data = this.names.period(periode);
    if (data instanceof FunctionError) return fail(data);
    const absent = this.hovedgruppeAbsent(hg, data);
    if (absent) return fail(absent);
    const cells = data.tiltak[t.id];
    if (cells === undefined) {
      return fail(new FunctionError("NA", `Tiltaket «${t.name}» er ikke med i publikasjonen for ${data.label}.`));
    }
    return { value: shownCount(cells[hg] ?? null) };
  }

  /** NAV.TILTAKSGRUPPE: participants in one tiltaksgruppe, or all ("I alt"). */
  tiltaksgruppe(tiltaksgruppe: Arg, hovedgruppe?: Arg, periode?: Arg): FunctionResult<CellResult> {
    const r = this.figures(tiltaksgruppe, hovedgruppe, periode, "TILTAKSGRUPPE");
    if (r instanceof FunctionError) return fail(r);
    return { value: shownCount(r.figures.antall) };
  }

  /** NAV.ENDRING: change in participants from the same month last year; #N/A when not published. */
  endring(tiltaksgruppe: Arg, hovedgruppe?: Arg, periode?: Arg): FunctionResult<CellResult> {
    const r = this.figures(tiltaksgruppe, hovedgruppe, periode, "ENDRING");
    if (r instanceof FunctionError) return fail(r);
    const shown = suppressFigures(r.figures);
    if (shown.endring === null) return fail(this.notPublished(r));
    return { value: shown.endring };
  }

  /**
   * NAV.ENDRINGPROSENT: the change as a fraction of last year's count, endring / (antall − endring).
   * Full precision; NAV publishes it rounded, as a whole percent.
   */
  endringProsent(tiltaksgruppe: Arg, hovedgruppe?: Arg, periode?: Arg): FunctionResult<CellResult> {
    const r = this.figures(tiltaksgruppe, hovedgruppe, periode, "ENDRINGPROSENT");
    if (r instanceof FunctionError) return fail(r);
    const shown = suppressFigures(r.figures);
    if (shown.endring === null) return fail(this.notPublished(r));
    if (isSymbol(shown.endring)) return { value: shown.endring };
    // suppressFigures leaves a numeric change only beside a numeric (or empty) count.
    const antall = typeof shown.antall === "number" ? shown.antall : 0;
    const lastYear = antall - shown.endring;
    if (lastYear <= 0) {
      return fail(
        this.dataError("prosent", r, () => `${this.describe(r)} hadde ingen deltakere samme måned i fjor, så endringen har ingen prosent.`),
      );
    }
    return { value: shown.endring / lastYear };
  }

  /**
   * NAV.LISTE: names as one column. Omitted: the tiltaksgrupper; a tiltaksgruppe: its tiltak;
   * "tiltak": every tiltak; "hovedgrupper": the hovedgrupper; "perioder": the periods (YYYY-MM).
   */
  liste(tiltaksgruppe?: Arg): FunctionResult<string[][]> {
    const target = this.names.listTarget(tiltaksgruppe);
    if (target instanceof FunctionError) return fail(target);
    const ds = this.dataset;
    let names: string[];
    switch (target.kind) {
      case "tiltaksgrupper":
        names = ds.tiltaksgrupper.map((g) => g.name);
        break;
      case "tiltak":
        names = ds.tiltak.map((t) => t.name);
        break;
      case "hovedgrupper":
        names = ds.hovedgrupper.map((h) => h.name);
        break;
      case "perioder":
        names = ds.periods.map((p) => p.period);
        break;
      case "gruppe":
        names = ds.tiltak.filter((t) => t.group === target.group.id).map((t) => t.name);
        break;
    }
    return { value: names.map((n) => [n]) };
  }

  /**
   * Runs a one-figure function or LISTE by id with positional arguments. The array functions
   * (TABELL, DATA) live in table-functions.ts, whose callFunction runs every id (the CLI's entry point).
   */
  call(id: ScalarFunctionId, args: readonly Arg[]): FunctionResult<CellResult | string[][]> {
    switch (id) {
      case "TILTAK":
        return this.tiltak(args[0], args[1], args[2]);
      case "TILTAKSGRUPPE":
        return this.tiltaksgruppe(args[0], args[1], args[2]);
      case "ENDRING":
        return this.endring(args[0], args[1], args[2]);
      case "ENDRINGPROSENT":
        return this.endringProsent(args[0], args[1], args[2]);
      case "LISTE":
        return this.liste(args[0]);
    }
  }

  private figures(group: Arg, hovedgruppe: Arg, periode: Arg, fn: "TILTAKSGRUPPE" | "ENDRING" | "ENDRINGPROSENT"): FiguresLookup {
    const g = this.names.group(group, fn);
    if (g instanceof FunctionError) return g;
    const hg = this.names.hovedgruppe(hovedgruppe);
    if (hg instanceof FunctionError) return hg;
    const data = this.names.period(periode);
    if (data instanceof FunctionError) return data;
    const absent = this.hovedgruppeAbsent(hg, data);
    if (absent) return absent;
    const byHg = g.id === null ? data.total : data.groups[g.id];
    if (byHg === undefined) {
      return new FunctionError("NA", `Tiltaksgruppen «${g.name}» er ikke med i publikasjonen for ${data.label}.`);
    }
    return { figures: byHg[hg] ?? NO_FIGURES, group: g, hg, data };
  }

  /** #N/A when the period's publication has no such hovedgruppe (the dataset has it from another month). */
  hovedgruppeAbsent(hg: HgKey, data: PeriodData): FunctionError | undefined {
    if (data.total[hg] !== undefined) return undefined;
    const name = this.dataset.hovedgrupper.find((h) => h.id === hg)?.name ?? hg;
    return new FunctionError("NA", `Hovedgruppen «${name}» er ikke med i publikasjonen for ${data.label}.`);
  }

  private describe(r: Exclude<FiguresLookup, FunctionError>): string {
    const hgName = this.dataset.hovedgrupper.find((h) => h.id === r.hg)?.name;
    return `«${r.group.name}»${hgName ? ` (${hgName})` : ""}`;
  }

  private notPublished(r: Exclude<FiguresLookup, FunctionError>): FunctionError {
    return this.dataError("endring", r, () => `Endring fra i fjor er ikke publisert for ${this.describe(r)} i ${r.data.label}.`);
  }

  /** #N/A for a figure that is not there; memoized, since a sheet may ask for the same gap many times. */
  private dataError(what: string, r: Exclude<FiguresLookup, FunctionError>, message: () => string): FunctionError {
    const key = `${what}\u0000${r.data.period}\u0000${r.group.id ?? ""}\u0000${r.hg}`;
    let e = this.dataErrors.get(key);
    if (e === undefined) {
      e = new FunctionError("NA", message());
      if (this.dataErrors.size >= 4096) this.dataErrors.clear();
      this.dataErrors.set(key, e);
    }
    return e;
  }
}

const NO_FIGURES: Figures = Object.freeze({ antall: null, endring: null, prosent: null });

/** A count as the functions return it: the rule's "*" stays, none becomes 0. */
function shownCount(c: Count): CellResult {
  const shown = suppressCount(c);
  return shown === null ? 0 : shown;
}

/**
 * The function id for a name as a user writes it: case-insensitive, with or without "NAV.";
 * undefined when there is no such function.
 */
export function functionId(name: string): FunctionId | undefined {
  let upper = name.trim().toUpperCase();
  if (upper.startsWith(`${NAMESPACE}.`)) upper = upper.slice(NAMESPACE.length + 1);
  return (FUNCTION_IDS as readonly string[]).includes(upper) ? (upper as FunctionId) : undefined;
}

/** Parameters per function, in order, as the JSDoc in src/functions/custom-functions.ts declares them. */
export const FUNCTION_PARAMETERS: Readonly<Record<FunctionId, readonly { name: string; optional: boolean }[]>> = {
  TILTAK: [
    { name: "tiltak", optional: false },
    { name: "hovedgruppe", optional: true },
    { name: "periode", optional: true },
  ],
  TILTAKSGRUPPE: [
    { name: "tiltaksgruppe", optional: false },
    { name: "hovedgruppe", optional: true },
    { name: "periode", optional: true },
  ],
  ENDRING: [
    { name: "tiltaksgruppe", optional: false },
    { name: "hovedgruppe", optional: true },
    { name: "periode", optional: true },
  ],
  ENDRINGPROSENT: [
    { name: "tiltaksgruppe", optional: false },
    { name: "hovedgruppe", optional: true },
    { name: "periode", optional: true },
  ],
  LISTE: [{ name: "tiltaksgruppe", optional: true }],
  TABELL: [
    { name: "tabell", optional: false },
    { name: "periode", optional: true },
  ],
  DATA: [
    { name: "hovedgruppe", optional: true },
    { name: "periode", optional: true },
    { name: "innhold", optional: true },
  ],
  SERIE: [
    { name: "tiltak", optional: false },
    { name: "hovedgruppe", optional: true },
    { name: "fra", optional: true },
    { name: "til", optional: true },
  ],
};
