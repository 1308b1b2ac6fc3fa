// Misspellings NAV has published, with the official names. One list, used by the import (which
// reports each one on its line) and by the name lookup (so functions accept both spellings).

import { normalizeName } from "./text.js";

export type NameLevel = "tiltaksgruppe" | "tiltak";

export interface KnownTypo {
  /** As NAV printed it. */
  typo: string;
  /** The official name of the group or tiltak. */
  official: string;
  level: NameLevel;
}

// Where each was seen stays in a comment: this list ships in the add-in, whose size is budgeted.
export const KNOWN_TYPOS: readonly KnownTypo[] = [
  // 2016-11, «Tiltaksgrupper og hovedgrupper», sub-table Andre på tiltak.
  { typo: "Lønnskudd", official: "Lønnstilskudd", level: "tiltaksgruppe" },
  // 2016-11, «Tiltak og hovedgrupper», group Tilrettelegging.
  { typo: "Inkluderingsstilskudd", official: "Inkluderingstilskudd", level: "tiltak" },
];

/** The known typo `name` is, at this level (compared after normalizeName), if any. */
export function knownTypo(name: string, level: NameLevel): KnownTypo | undefined {
  const key = normalizeName(name);
  return KNOWN_TYPOS.find((t) => t.level === level && normalizeName(t.typo) === key);
}

/** The name itself, or its official spelling when it is a known typo: the identity of a name. */
export function officialName(name: string, level: NameLevel): string {
  return knownTypo(name, level)?.official ?? name;
}

/** Every spelling of a name at a level: itself, its official form and its known typos. */
export function spellings(name: string, level: NameLevel): string[] {
  const official = normalizeName(officialName(name, level));
  const all = new Set([name]);
  for (const t of KNOWN_TYPOS) {
    if (t.level === level && normalizeName(t.official) === official) {
      all.add(t.official);
      all.add(t.typo);
    }
  }
  return [...all];
}
