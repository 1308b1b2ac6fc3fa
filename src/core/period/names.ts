// The names a publication file is read by: its tables, the total row, the figure columns, and the
// ids the rows get. One place, so the reader, the layouts and the lookup agree on them.

import type { Hovedgruppe } from "../types.js";
import { KNOWN_TYPOS, officialName } from "../known-typos.js";
import { normalizeName, slug } from "../text.js";

export const TABLE_HOVEDGRUPPER = "Hovedgrupper";
export const TABLE_TILTAKSGRUPPER = "Tiltaksgrupper";
export const TABLE_GRUPPER_OG_HG = "Tiltaksgrupper og hovedgrupper";
export const TABLE_TILTAK_OG_HG = "Tiltak og hovedgrupper";
export const TOTAL_LABEL = "I alt";
export const FIGURE_HEADERS = ["Antall", "Endring fra i fjor Antall", "Endring fra i fjor Prosent"] as const;

/**
 * Known misspellings of group names (from the one list in known-typos.ts), mapped to the official
 * name. Keys are normalized (see normalizeName).
 */
export const GROUP_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  KNOWN_TYPOS.filter((t) => t.level === "tiltaksgruppe").map((t) => [normalizeName(t.typo), t.official]),
);

export const isTotalLabel = (label: string): boolean => normalizeName(label) === normalizeName(TOTAL_LABEL);

export function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => normalizeName(h) === normalizeName(b[i]!));
}

/** Short form of a hovedgruppe: "Nedsatt arbeidsevne, på tiltak" → "Nedsatt arbeidsevne". */
export function hovedgruppeShort(name: string): string {
  return name.replace(/,?\s+på tiltak\s*$/i, "").trim();
}

/** A tiltak's id comes from its official name, so a month that fixes a known typo keeps the same tiltak. */
export function tiltakId(name: string): string {
  return slug(officialName(name, "tiltak"));
}

export function findHgById(hovedgrupper: Hovedgruppe[], id: string): string {
  return hovedgrupper.find((h) => h.id === id)?.name ?? id;
}
