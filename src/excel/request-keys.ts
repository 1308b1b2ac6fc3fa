// The short form of sheet keys in the request record (ownership.ts, REQUEST_NAME), whose comment
// holds at most 255 characters while one operation may write every sheet of every year:
//  - each fixed key is one letter, and the letters stand together ("abcdef" = the six tables);
//  - the series sheets of a year are "<year>:<digits>", one digit per TILT table (TILT100 = 0 …
//    TILT190 = 9), and consecutive years with the same tables share one entry ("2024-2026:012345678");
//  - any other key is written whole after "=".
// Entries are separated by ",". The letters are append only: a letter never changes meaning, or a
// record an earlier version left would name another sheet.

import { parseSeriesKey, seriesKey } from "./series-key.js";
import type { TargetKey } from "./sheet-specs.js";

const LETTERS: Readonly<Record<string, TargetKey>> = {
  a: "om-tabellene",
  b: "hovedgrupper",
  c: "tiltaksgrupper",
  d: "tiltaksgrupper-per-hovedgruppe",
  e: "tiltaksgrupper-x-hovedgrupper",
  f: "tiltak-og-hovedgrupper",
  g: "pivotdata-tiltak",
  h: "pivotdata-endring",
  i: "pivottabell",
  j: "diagram-hovedgrupper",
  k: "diagram-endring",
  l: "diagram-maaneder",
};
const LETTER_OF = new Map(Object.entries(LETTERS).map(([letter, key]) => [key as string, letter]));

/** A range of years this long in a record is not the add-in's (a damaged comment): it is not expanded. */
const MAX_YEARS = 200;

/** TILT100 … TILT190 as one digit; other codes have none (their keys are written whole). */
function digitOf(code: number): string | null {
  return code >= 100 && code <= 190 && code % 10 === 0 ? String((code - 100) / 10) : null;
}

/** Years with the same tables, consecutive ones as one entry. */
function seriesEntries(byYear: Map<number, Set<string>>): string[] {
  const entries: string[] = [];
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const digits = (y: number) => [...byYear.get(y)!].sort().join("");
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1 && digits(years[j + 1]!) === digits(years[i]!)) j++;
    entries.push(`${years[i]}${j > i ? `-${years[j]}` : ""}:${digits(years[i]!)}`);
    i = j + 1;
  }
  return entries;
}

/**
 * The keys in short form. `coarse`: the series sheets as one entry, every year from the first to
 * the last with every table any of them has (a superset, for a record that would not fit).
 */
export function shortKeys(keys: readonly TargetKey[], coarse: boolean): string {
  const letters = new Set<string>();
  const byYear = new Map<number, Set<string>>();
  const whole: string[] = [];
  for (const key of new Set(keys)) {
    const letter = LETTER_OF.get(key);
    const series = parseSeriesKey(key);
    const digit = series ? digitOf(series.code) : null;
    if (letter) letters.add(letter);
    else if (series && digit !== null) byYear.set(series.year, (byYear.get(series.year) ?? new Set()).add(digit));
    else whole.push(`=${key}`);
  }
  if (coarse && byYear.size > 1) {
    const years = [...byYear.keys()];
    const all = new Set([...byYear.values()].flatMap((d) => [...d]));
    byYear.clear();
    for (let y = Math.min(...years); y <= Math.max(...years); y++) byYear.set(y, all);
  }
  const entries = [[...letters].sort().join(""), ...seriesEntries(byYear), ...whole.sort()];
  return entries.filter((e) => e.length > 0).join(",");
}

/** The keys a short form names; an entry it cannot read (a later version's) names none. */
export function readShortKeys(list: string): TargetKey[] {
  const keys: TargetKey[] = [];
  for (const entry of list.split(",")) {
    const series = /^(\d{4})(?:-(\d{4}))?:(\d+)$/.exec(entry);
    if (entry.startsWith("=")) {
      if (entry.length > 1) keys.push(entry.slice(1) as TargetKey);
    } else if (series) {
      const from = Number(series[1]);
      const to = series[2] ? Number(series[2]) : from;
      if (to < from || to - from >= MAX_YEARS) continue;
      for (let y = from; y <= to; y++) for (const d of new Set(series[3])) keys.push(seriesKey(100 + 10 * Number(d), y));
    } else if (/^[a-z]+$/.test(entry)) {
      for (const letter of entry) if (LETTERS[letter]) keys.push(LETTERS[letter]);
    }
  }
  return keys;
}
