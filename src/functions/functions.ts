/// <reference path="./custom-functions-runtime.d.ts" />
// Excel custom functions =NAV.TILTAK and friends: a thin adapter over src/core/functions.ts, which
// resolves names, looks figures up and applies the suppression rule (the same code runs
// `nav-tiltak call`). This file only maps core errors to Excel errors and registers the functions.
// The JSDoc below is the source of functions.json (custom-functions-metadata-plugin): descriptions
// are what Excel users see, so they are Norwegian.

import { BUNDLED_DATASET } from "../core/bundled.js";
import { NavFunctions, type FunctionId, type FunctionResult } from "../core/functions.js";
import { EXCEL_ERROR_TEXT, type FunctionError } from "../core/lookup.js";

// Replaced by webpack's DefinePlugin with the manifest's version; absent in Node (tests, CLI).
declare const __NAV_TILTAK_VERSION__: string | undefined;

// Built on first use, so loading this module in the task pane costs nothing until a formula runs.
let core: NavFunctions | undefined;
function functions(): NavFunctions {
  return (core ??= new NavFunctions(BUNDLED_DATASET));
}

/** A core error as the Excel error it stands for (#VALUE! or #N/A, with the Norwegian message). */
export function toExcelError(error: FunctionError): CustomFunctions.Error | Error {
  if (typeof CustomFunctions === "undefined") {
    // Outside Excel's runtime there is no CustomFunctions.Error; keep the Excel error text.
    return new Error(`${EXCEL_ERROR_TEXT[error.kind]} ${error.message}`);
  }
  const code = error.kind === "NA" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, error.message);
}

function unwrap<T>(result: FunctionResult<T>): T {
  if (result.error) throw toExcelError(result.error);
  return result.value as T;
}

/**
 * Antall deltakere i ett tiltak i en måned, som i tabellen «Tiltak og hovedgrupper». Gir «*» der tallet er prikket (1–3 deltakere) og 0 der NAV ikke har publisert noe tall.
 * @customfunction TILTAK
 * @param {string} tiltak Navnet på tiltaket, f.eks. «Arbeidstrening». NAV.LISTE("tiltak") viser alle.
 * @param {string} [hovedgruppe] «I alt» (standard), «Arbeidssøkere», «Nedsatt arbeidsevne» eller «Andre».
 * @param {string} [periode] Måneden som ÅÅÅÅ-MM, f.eks. «2016-11». Standard er den nyeste perioden.
 * @returns {number | string} Antall deltakere, eller «*» når tallet er prikket.
 */
export function tiltak(tiltak: string, hovedgruppe?: string, periode?: string): number | string {
  return unwrap(functions().tiltak(tiltak, hovedgruppe, periode));
}

/**
 * Antall deltakere i en tiltaksgruppe i en måned, eller i alle tiltak med «I alt». Gir «*» der tallet er prikket (1–3 deltakere) og 0 der NAV ikke har publisert noe tall.
 * @customfunction TILTAKSGRUPPE
 * @param {string} tiltaksgruppe Navnet på tiltaksgruppen, f.eks. «Opplæring», eller «I alt». NAV.LISTE() viser alle.
 * @param {string} [hovedgruppe] «I alt» (standard), «Arbeidssøkere», «Nedsatt arbeidsevne» eller «Andre».
 * @param {string} [periode] Måneden som ÅÅÅÅ-MM, f.eks. «2016-11». Standard er den nyeste perioden.
 * @returns {number | string} Antall deltakere, eller «*» når tallet er prikket.
 */
export function tiltaksgruppe(tiltaksgruppe: string, hovedgruppe?: string, periode?: string): number | string {
  return unwrap(functions().tiltaksgruppe(tiltaksgruppe, hovedgruppe, periode));
}

/**
 * Endring i antall deltakere fra samme måned i fjor, for en tiltaksgruppe eller «I alt». Gir «*» der endringen er prikket fordi den ville avsløre et lite tall.
 * @customfunction ENDRING
 * @param {string} tiltaksgruppe Navnet på tiltaksgruppen, f.eks. «Opplæring», eller «I alt».
 * @param {string} [hovedgruppe] «I alt» (standard), «Arbeidssøkere», «Nedsatt arbeidsevne» eller «Andre».
 * @param {string} [periode] Måneden som ÅÅÅÅ-MM, f.eks. «2016-11». Standard er den nyeste perioden.
 * @returns {number | string} Endringen i antall deltakere, eller «*» når den er prikket.
 */
export function endring(tiltaksgruppe: string, hovedgruppe?: string, periode?: string): number | string {
  return unwrap(functions().endring(tiltaksgruppe, hovedgruppe, periode));
}

/**
 * Endring fra samme måned i fjor som andel av fjorårets antall deltakere, for en tiltaksgruppe eller «I alt». Et desimaltall: formater cellen som prosent. Gir «*» der endringen er prikket.
 * @customfunction ENDRINGPROSENT
 * @param {string} tiltaksgruppe Navnet på tiltaksgruppen, f.eks. «Opplæring», eller «I alt».
 * @param {string} [hovedgruppe] «I alt» (standard), «Arbeidssøkere», «Nedsatt arbeidsevne» eller «Andre».
 * @param {string} [periode] Måneden som ÅÅÅÅ-MM, f.eks. «2016-11». Standard er den nyeste perioden.
 * @returns {number | string} Endringen som andel (0,05 er 5 %), eller «*» når den er prikket.
 */
export function endringProsent(tiltaksgruppe: string, hovedgruppe?: string, periode?: string): number | string {
  return unwrap(functions().endringProsent(tiltaksgruppe, hovedgruppe, periode));
}

/**
 * Lister navn nedover i en kolonne, så du finner riktig navn til de andre NAV-funksjonene. Uten argument: tiltaksgruppene. Med en tiltaksgruppe: tiltakene i gruppen. Med «tiltak»: alle tiltak. Med «hovedgrupper»: hovedgruppene. Med «perioder»: periodene som finnes (ÅÅÅÅ-MM).
 * @customfunction LISTE
 * @param {string} [tiltaksgruppe] En tiltaksgruppe, eller «tiltak», «tiltaksgrupper», «hovedgrupper» eller «perioder».
 * @returns {string[][]} Navnene, ett per rad.
 */
export function liste(tiltaksgruppe?: string): string[][] {
  return unwrap(functions().liste(tiltaksgruppe));
}

/**
 * Versjonen av NAV tiltak-tillegget som er lastet, som i manifestet.
 * @customfunction VERSJON
 * @returns {string} Versjonsnummeret, f.eks. «1.0.0.0».
 */
export function versjon(): string {
  return typeof __NAV_TILTAK_VERSION__ === "string" ? __NAV_TILTAK_VERSION__ : "utvikling";
}

/** Every custom function by the id its @customfunction tag declares. */
export const IMPLEMENTATIONS: Readonly<Record<FunctionId | "VERSJON", (...args: never[]) => unknown>> = {
  TILTAK: tiltak,
  TILTAKSGRUPPE: tiltaksgruppe,
  ENDRING: endring,
  ENDRINGPROSENT: endringProsent,
  LISTE: liste,
  // Not a statistics lookup, so not in the core (nor `nav-tiltak call`): it reports the loaded bundle.
  VERSJON: versjon,
};

/** Registers every function with the runtime. */
export function registerFunctions(runtime: { associate(id: string, fn: (...args: never[]) => unknown): void }): void {
  for (const [id, fn] of Object.entries(IMPLEMENTATIONS)) runtime.associate(id, fn);
}

// The global exists only inside Excel's custom functions runtime (also in the shared runtime);
// in Node and in a task pane opened without it, loading this module must still work.
if (typeof CustomFunctions !== "undefined") registerFunctions(CustomFunctions);
