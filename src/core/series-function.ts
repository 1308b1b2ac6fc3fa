// =NAV.SERIE(tiltak; målgruppe; fra; til): one figure over months, as a two-column array that
// spills (Periode, Antall) with a header row, ready for a line chart. The figures come through the
// same lookups and the same suppression rule as NAV.TILTAK and NAV.TILTAKSGRUPPE: «*» stays «*»,
// and a month whose publication does not have the tiltak shows «..» (tallgrunnlag mangler).

import { FunctionError, parsePeriodArg, type Arg } from "./lookup.js";
import type { ArrayResult, FunctionResult, NavFunctions } from "./functions.js";
import { NOT_AVAILABLE } from "./types.js";
import { shorten } from "./text.js";

const omitted = (a: Arg) => a === null || a === undefined || String(a).trim() === "";

function bound(arg: Arg, which: "fra" | "til"): string | undefined | FunctionError {
  if (omitted(arg)) return undefined;
  const p = parsePeriodArg(typeof arg === "boolean" ? String(arg) : arg!);
  return (
    p ??
    new FunctionError("VALUE", `«${shorten(String(arg).trim())}» er ikke en periode (${which}). Skriv den som ÅÅÅÅ-MM, f.eks. «2026-01».`)
  );
}

/** NAV.SERIE over one NavFunctions: a tiltak (or a tiltaksgruppe, or «I alt») per month from `fra` to `til`. */
export function serie(fns: NavFunctions, name: Arg, hovedgruppe?: Arg, fra?: Arg, til?: Arg): FunctionResult<ArrayResult> {
  const asTiltak = fns.names.tiltak(name);
  const asGroup = asTiltak instanceof FunctionError ? fns.names.group(name, "TILTAKSGRUPPE") : undefined;
  if (asTiltak instanceof FunctionError && (asGroup === undefined || asGroup instanceof FunctionError)) return { error: asTiltak };
  const hg = fns.names.hovedgruppe(hovedgruppe);
  if (hg instanceof FunctionError) return { error: hg };
  const from = bound(fra, "fra");
  if (from instanceof FunctionError) return { error: from };
  const to = bound(til, "til");
  if (to instanceof FunctionError) return { error: to };
  if (from && to && from > to) return { error: new FunctionError("VALUE", `«fra» (${from}) er etter «til» (${to}).`) };
  const periods = fns.dataset.periods.filter((p) => (!from || p.period >= from) && (!to || p.period <= to));
  if (periods.length === 0) {
    return { error: new FunctionError("NA", `Datasettet har ingen måneder fra ${from ?? "start"} til ${to ?? "slutt"}.`) };
  }
  const label = asTiltak instanceof FunctionError ? (asGroup as { name: string }).name : asTiltak.name;
  const hgName = fns.dataset.hovedgrupper.find((h) => h.id === hg)?.short ?? "I alt";
  const rows: ArrayResult = [["Periode", `${label} (${hgName})`]];
  for (const p of periods) {
    const r = asTiltak instanceof FunctionError ? fns.tiltaksgruppe(name, hovedgruppe, p.period) : fns.tiltak(name, hovedgruppe, p.period);
    // A month without the tiltak (or the målgruppe) has no figure for it: «..», never 0.
    rows.push([p.period, r.error ? NOT_AVAILABLE : r.value!]);
  }
  return { value: rows };
}
