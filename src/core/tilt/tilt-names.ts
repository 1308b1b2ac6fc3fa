// What NAV's time-series workbooks are called and what they hold: the TILT codes, the file-name
// pattern, the data sheet's name, the block labels and the month headers. One place, so the reader,
// the checks and the README agree. (Facts from a public parser of NAV's real files; see DESIGN.md.)

import { normalizeName, slug } from "../text.js";
import type { Hovedgruppe } from "../types.js";

/** TILT110–TILT180: the tiltaksgruppe whose tiltak the file lists. TILT100 lists the groups. */
export const GROUP_OF_CODE: Readonly<Record<number, string>> = {
  110: "Lønnstilskudd",
  120: "Arbeidspraksis",
  130: "Opplæring",
  140: "Oppfølging",
  150: "Avklaringstiltak",
  160: "Arbeidsrettet rehabilitering",
  170: "Tilrettelagt arbeid",
  180: "Jobbskaping og egenetablering",
};
export const GROUPS_CODE = 100;

/** A table of one year, as sheets, audits and messages name it: «TILT130 2026» (≤ 31 characters). */
export const seriesTableName = (code: number, year: number): string => `TILT${code} ${year}`;
export const TILRETTELEGGING = "Tilrettelegging";
/** Tilrettelegging's tiltak, which NAV lists in TILT180 (normalized names). */
export const TILRETTELEGGING_TILTAK: readonly string[] = ["funksjonsassistanse", "inkluderingstilskudd", "tilskudd til ekspertbistand"];

export const isTilretteleggingTiltak = (name: string): boolean => TILRETTELEGGING_TILTAK.includes(normalizeName(name));

/** The data sheet: its name contains this (TILT100's reads «…og tiltaks», cut at 31 characters). */
export const DATA_SHEET = "Arbeidsmarkedsstatus og tiltak";
export const AVERAGE_HEADER = "Gjennomsnitt hittil i år";

export const MONTH_NAMES = [
  "januar",
  "februar",
  "mars",
  "april",
  "mai",
  "juni",
  "juli",
  "august",
  "september",
  "oktober",
  "november",
  "desember",
];

/** «Gjennomsnitt hittil i år» (also «… i året», or just «Gjennomsnitt»). */
export const isAverageHeader = (text: string): boolean => /^gjennomsnitt\b/.test(normalizeName(text));

/**
 * A month header → 1–12: «Mars», «mars 2026», «Mar», «mar.», or a date (an Excel serial number, as
 * a header cell formatted as a month would hold); undefined for anything else («NA», «Gjennomsnitt …»).
 */
export function monthNumber(header: string | number): number | undefined {
  if (typeof header === "number") {
    // 1990-01-01 … 2099-12-31 as Excel date serials (days since 1899-12-30).
    if (!Number.isInteger(header) || header < 32874 || header > 73051) return undefined;
    return new Date(Date.UTC(1899, 11, 30) + header * 86_400_000).getUTCMonth() + 1;
  }
  const word = normalizeName(header)
    .replace(/\s+\d{4}$/, "")
    .replace(/\.$/, "");
  const i = MONTH_NAMES.findIndex((m) => m === word || (word.length >= 3 && m.startsWith(word) && word.length <= 4));
  return i < 0 ? undefined : i + 1;
}

/** «I alt Arbeidssøkere på tiltak», «I alt Nedsatt arbeidsevne, på tiltak.» → the målgruppe; else undefined. */
export function blockMalgruppe(label: string): string | undefined {
  const m = /^i alt,? (.+?),? på tiltak\.?$/.exec(normalizeName(label));
  return m
    ? label
        .trim()
        .replace(/^i alt,?\s+/i, "")
        .replace(/,?\s+på tiltak\.?$/i, "")
        .trim()
    : undefined;
}

/** The three målgrupper, with the names the 2016 publication gives them (so both sources share them). */
const KNOWN_HG: readonly Hovedgruppe[] = [
  { id: "arbeidssokere", name: "Arbeidssøkere på tiltak", short: "Arbeidssøkere" },
  { id: "nedsatt-arbeidsevne", name: "Nedsatt arbeidsevne, på tiltak", short: "Nedsatt arbeidsevne" },
  { id: "andre", name: "Andre på tiltak", short: "Andre" },
];

export function hovedgruppeOf(short: string): Hovedgruppe {
  const id = slug(short);
  return KNOWN_HG.find((h) => h.id === id) ?? { id, name: `${short} på tiltak`, short };
}

/** What a file name says: `<ÅÅÅÅMM>_TILT<kode>_…` or `<ÅÅÅÅ>.<MM>_TILT<kode>_…`. */
export interface FileNameFacts {
  code?: number;
  year?: number;
  month?: number;
}

export function fileNameFacts(name: string): FileNameFacts {
  const base = name.replace(/^.*[\\/]/, "");
  const facts: FileNameFacts = {};
  const code = /TILT[\s_-]?(\d{3})/i.exec(base);
  if (code) facts.code = Number(code[1]);
  const when = /^(\d{4})\.?(\d{2})(?=[_\s-])/.exec(base);
  if (when && Number(when[2]) >= 1 && Number(when[2]) <= 12) {
    facts.year = Number(when[1]);
    facts.month = Number(when[2]);
  }
  return facts;
}

/** Does a file name or the first bytes say this is an xlsx (or another Excel file) rather than text? */
export function looksLikeWorkbook(name: string, bytes: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|xls)$/i.test(name)) return true;
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}
