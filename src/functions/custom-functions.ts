/// <reference path="./custom-functions-runtime.d.ts" />
// Excel custom functions =NAV.TILTAK and friends: a thin adapter over src/core/functions.ts, which
// resolves names, looks figures up and applies the suppression rule (the same code runs
// `nav-tiltak call`). This file only maps core errors to Excel errors and registers the functions.
// The JSDoc below is the source of functions.json (custom-functions-metadata-plugin): descriptions
// are what Excel users see, so they are Norwegian.

import { NavFunctions, type FunctionId, type FunctionResult } from "../core/functions.js";
import { EXCEL_ERROR_TEXT, type FunctionError } from "../core/lookup.js";
import { tablesOf, type TableFunctions } from "../core/table-functions.js";
import { serie as serieOf } from "../core/series-function.js";
import { refreshFunctionsCacheOnNewVersion } from "./cache-refresh.js";
import { activeDataset } from "./dataset-source.js";

// Replaced by webpack's DefinePlugin with the manifest's version; absent in Node (tests, CLI).
declare const __NAV_TILTAK_VERSION__: string | undefined;

// Built on first use, so loading this module in the task pane costs nothing until a formula runs;
// built again when the pane swaps the dataset (the user's own file, dataset-source.ts).
let core: NavFunctions | undefined;
function functions(): NavFunctions {
  const dataset = activeDataset();
  if (core?.dataset !== dataset) core = new NavFunctions(dataset);
  return core;
}

/** NAV.TABELL and NAV.DATA over the same core and the same name caches. */
function tables(): TableFunctions {
  return tablesOf(functions());
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
 * Endring i antall deltakere fra samme måned i fjor, for en tiltaksgruppe eller «I alt». Gir «*» der endringen er prikket fordi den ville avsløre et lite tall, og «..» der den ikke kan regnes ut (NAVs tidsserier publiserer ingen endring; den regnes bare ut der begge månedene er tall).
 * @customfunction ENDRING
 * @param {string} tiltaksgruppe Navnet på tiltaksgruppen, f.eks. «Opplæring», eller «I alt».
 * @param {string} [hovedgruppe] «I alt» (standard), «Arbeidssøkere», «Nedsatt arbeidsevne» eller «Andre».
 * @param {string} [periode] Måneden som ÅÅÅÅ-MM, f.eks. «2016-11». Standard er den nyeste perioden.
 * @returns {number | string} Endringen i antall deltakere, «*» når den er prikket, eller «..» når tallgrunnlag mangler.
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
 * En publisert tabell som en dynamisk matrise som fyller cellene nedover og mot høyre, slik tabellen står på arket tillegget setter inn: overskrifter og tall, «*» der tallet er prikket, tall som tall. Trenger tomme celler til høyre for og under formelen; ellers gir Excel #SPILL!. Excel har 1 048 576 rader og 16 384 kolonner; tabellene er langt mindre.
 * @customfunction TABELL
 * @param {string} tabell Tabellen som i oppgaveruten, f.eks. «Hovedgrupper», «Tiltaksgrupper», «Tiltaksgrupper per hovedgruppe», «Tiltaksgrupper x hovedgrupper» eller «Tiltak og hovedgrupper».
 * @param {string} [periode] Måneden som ÅÅÅÅ-MM, f.eks. «2016-11». Standard er den nyeste perioden.
 * @returns {any[][]} Tabellen, én rad per rad på arket.
 */
// any[][]: the metadata generator maps only any[][] (not a union element type) to a matrix of mixed
// numbers and text; the core's ArrayResult is (number | string)[][].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tabell(tabell: string, periode?: string): any[][] {
  return unwrap(tables().tabell(tabell, periode));
}

/**
 * De pivotklare dataene som en dynamisk matrise med overskriftsrad: Periode, Hovedgruppe, Tiltaksgruppe, Tiltak, Antall og Prikket (Ja/Nei; prikkede tall har tom Antall), klar for FILTER, SUMIFS, GROUPBY og PIVOTBY. Med innhold «endring»: endring fra i fjor per tiltaksgruppe. Trenger tomme celler til høyre for og under formelen; ellers gir Excel #SPILL!.
 * @customfunction DATA
 * @param {string} [hovedgruppe] «Arbeidssøkere», «Nedsatt arbeidsevne» eller «Andre». Utelatt eller «I alt»: alle hovedgruppene.
 * @param {string} [periode] Måneden som ÅÅÅÅ-MM, f.eks. «2016-11». Utelatt: alle periodene i datasettet.
 * @param {string} [innhold] «tiltak» (standard): antall per tiltak. «endring»: antall og endring fra i fjor per tiltaksgruppe.
 * @returns {any[][]} Tabellen med én rad per tall og overskrifter øverst.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function data(hovedgruppe?: string, periode?: string, innhold?: string): any[][] {
  return unwrap(tables().data(hovedgruppe, periode, innhold));
}

/**
 * Ett tall måned for måned som en dynamisk matrise med to kolonner (Periode og tallet) og overskrifter øverst, klar for et linjediagram. Gir «*» der tallet er prikket og «..» for måneder der tallet ikke finnes (tallgrunnlag mangler). Trenger tomme celler under formelen; ellers gir Excel #SPILL!.
 * @customfunction SERIE
 * @param {string} tiltak Navnet på et tiltak, f.eks. «Arbeidstrening», en tiltaksgruppe, eller «I alt».
 * @param {string} [hovedgruppe] «I alt» (standard), «Arbeidssøkere», «Nedsatt arbeidsevne» eller «Andre».
 * @param {string} [fra] Første måned som ÅÅÅÅ-MM, f.eks. «2025-01». Utelatt: den eldste.
 * @param {string} [til] Siste måned som ÅÅÅÅ-MM. Utelatt: den nyeste.
 * @returns {any[][]} Én rad per måned, med overskrifter øverst.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serie(tiltak: string, hovedgruppe?: string, fra?: string, til?: string): any[][] {
  return unwrap(serieOf(functions(), tiltak, hovedgruppe, fra, til));
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
  TABELL: tabell,
  DATA: data,
  SERIE: serie,
  // Not a statistics lookup, so not in the core (nor `nav-tiltak call`): it reports the loaded bundle.
  VERSJON: versjon,
};

// No CustomFunctions.associate here: custom-functions-metadata-plugin appends one associate call
// per @customfunction to this module when webpack bundles it, and a second association of an id
// makes the runtime log DuplicatedName. test/functions/functions-metadata.test.ts counts them in the bundle.

// Shared runtime: ask Office to reload functions.json when this add-in version is new to the
// document, so new or changed functions reach users at once instead of after the metadata cache
// expires (up to a day). See cache-refresh.ts.
if (typeof Office !== "undefined")
  void Office.onReady(() => refreshFunctionsCacheOnNewVersion(Office.context?.document?.settings, versjon()));
