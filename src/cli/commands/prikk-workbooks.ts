// `nav-tiltak prikk <rå.xlsx>… --ut <mappe | fil.xlsx>`: protects raw TILT workbooks (the time-series
// layout with 1–3 still shown). Each workbook is read by the same reader as `import`, protected table
// by table (core/tilt/protect-series.ts: every month, «I alt» and «Gjennomsnitt hittil i år»), and
// written as a copy of itself with «*» and «:» in (xlsx/tilt-protected.ts). Every file is read and
// protected before any is written, so a rejected file leaves nothing half done.
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { formatFinding } from "../../core/findings.js";
import { InputRejectedError } from "../../core/errors.js";
import { formatInteger, shorten } from "../../core/text.js";
import { importWorkbooks } from "../../core/tilt/import-workbooks.js";
import { auditSeries } from "../../core/tilt/series-audit.js";
import type { Dataset, Hovedgruppe } from "../../core/types.js";
import { protectSeriesTable, type SeriesProtection } from "../../core/tilt/protect-series.js";
import { FileProblem } from "../../data/files.js";
import { protectedWorkbook } from "../../xlsx/tilt-protected.js";
import type { CliIO } from "../io.js";
import { refuseExisting, writeOutputFile } from "../output-file.js";

export interface WorkbookSource {
  file: string;
  bytes: Uint8Array;
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Where each protected workbook goes: into the folder under its own name, or (one workbook) the file named. */
function targets(sources: readonly WorkbookSource[], out: string | undefined, usage: string, io: CliIO): string[] | undefined {
  if (out === undefined) {
    io.err(`Oppgi hvor de prikkede arbeidsbøkene skal skrives: --ut <mappe> (eller --ut <fil.xlsx> for én arbeidsbok).\nBruk: ${usage}\n`);
    return undefined;
  }
  if (isDirectory(out)) return sources.map((s) => join(out, basename(s.file)));
  if (sources.length > 1) {
    io.err(`«--ut ${shorten(out)}» må være en mappe som finnes når du prikker flere arbeidsbøker.\nBruk: ${usage}\n`);
    return undefined;
  }
  return [out];
}

/**
 * Each table is protected on its own (as its reader sees it). Read together, TILT100's group rows are
 * the other tables' «I alt» (and TILT180's rows), which that protection does not take into account:
 * the combined series audit names every «*» the set then gives away, so the user is not left to trust
 * files that are safe only one by one.
 */
function warnCombined(done: readonly { protection: SeriesProtection; hovedgrupper: Hovedgruppe[] }[], io: CliIO): void {
  if (done.length < 2) return;
  const ds: Dataset = {
    title: "",
    notes: [],
    hovedgrupper: done[0]!.hovedgrupper,
    crossOrder: [],
    tiltaksgrupper: [],
    tiltak: [],
    periods: [],
    series: done.map((d) => d.protection.table),
  };
  const cells = auditSeries(ds, { mode: "combined" }).flatMap((a) => a.cells.filter((c) => c.narrowed));
  if (cells.length === 0) return;
  io.err(
    `Advarsel: hver arbeidsbok er skjermet for seg. Leses de sammen (TILT100 mot de andre tabellene), kan ${cells.length} «*» snevres inn; skjul flere celler for hånd før dere publiserer dem samlet:\n`,
  );
  for (const c of cells) io.err(`  «${c.file}» ${c.cell} «${c.tiltak}» (${c.hovedgruppe}, ${c.column}): ${c.min}–${c.max}\n`);
}

/** One workbook read and protected; undefined (after saying why) when it is rejected. */
function protectOne(source: WorkbookSource, io: CliIO): { protection: SeriesProtection; hovedgrupper: Hovedgruppe[] } | undefined {
  const read = importWorkbooks([source]);
  const errors = read.findings.filter((f) => f.severity === "error");
  if (errors.length > 0 || read.series.length !== 1) {
    for (const f of errors) io.err(`${formatFinding(f)}\n`);
    io.err(`Avvist: «${source.file}» kunne ikke leses som en TILT-arbeidsbok. Ingenting ble prikket.\n`);
    return undefined;
  }
  try {
    return { protection: protectSeriesTable(read.series[0]!), hovedgrupper: read.hovedgrupper };
  } catch (e) {
    if (!(e instanceof InputRejectedError)) throw e;
    io.err(`${e.message} Ingenting ble prikket.\n`);
    return undefined;
  }
}

function report(file: string, p: SeriesProtection, say: (s: string) => void): void {
  say(`«${file}»: prikket ${p.primary} tall med «*» (1–3), skjulte ${p.secondary.length} med «:» for å beskytte dem.\n`);
  for (const c of p.secondary) say(`  «:» ${c.cell} «${c.row}», ${c.column}: ${formatInteger(c.value)}\n`);
  for (const c of p.inherent)
    say(
      `  Merk: ${c.cell} «${c.tiltak}» (${c.hovedgruppe}, ${c.column}) kan ikke skjules bedre enn ${c.min}–${c.max}: «*»-cellene summerer seg selv.\n`,
    );
}

/** The workbook branch of `prikk`: exit 0 written, 1 a workbook rejected, 2 usage or file problem. */
export async function prikkWorkbooks(
  sources: readonly WorkbookSource[],
  out: string | undefined,
  overwrite: boolean,
  usage: string,
  io: CliIO,
): Promise<number> {
  const paths = targets(sources, out, usage, io);
  if (!paths) return 2;
  const done: { path: string; bytes: Uint8Array; file: string; protection: SeriesProtection; hovedgrupper: Hovedgruppe[] }[] = [];
  for (const [i, source] of sources.entries()) {
    const one = protectOne(source, io);
    if (!one) return 1;
    done.push({ path: paths[i]!, bytes: await protectedWorkbook(source.bytes, one.protection.table), file: source.file, ...one });
  }
  try {
    refuseExisting(
      done.map((d) => d.path),
      overwrite,
    );
    for (const d of done) {
      writeOutputFile(d.path, d.bytes, overwrite);
      report(d.file, d.protection, io.out);
    }
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    io.err(`${e.message}\n`);
    return 2;
  }
  warnCombined(done, io);
  return 0;
}
