// `nav-tiltak prikk <rå.xlsx>… --ut <mappe | fil.xlsx>`: protects raw TILT workbooks (the time-series
// layout with 1–3 still shown). Each workbook is read by the same reader as `import`; the workbooks of
// one year are protected together (core/tilt/protect-series.ts: every month, «I alt», «Gjennomsnitt
// hittil i år», and TILT100 against the other tables), and each is written as a copy of itself with
// «*» and «:» in (xlsx/tilt-protected.ts). Every file is read and protected before any is written, so
// a rejected file leaves nothing half done.
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { formatFinding } from "../../core/findings.js";
import { InputRejectedError } from "../../core/errors.js";
import { formatInteger, periodLabel, shorten } from "../../core/text.js";
import { importWorkbooks } from "../../core/tilt/import-workbooks.js";
import type { Hovedgruppe, SeriesTable } from "../../core/types.js";
import { protectSeries, type SeriesProtection, type SeriesYearProtection } from "../../core/tilt/protect-series.js";
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

/** Every workbook read; undefined (after saying why) when one is rejected. */
function readAll(sources: readonly WorkbookSource[], io: CliIO): { tables: SeriesTable[]; hovedgrupper: Hovedgruppe[] } | undefined {
  const tables: SeriesTable[] = [];
  let hovedgrupper: Hovedgruppe[] = [];
  for (const source of sources) {
    const read = importWorkbooks([source]);
    const errors = read.findings.filter((f) => f.severity === "error");
    if (errors.length > 0 || read.series.length !== 1) {
      for (const f of errors) io.err(`${formatFinding(f)}\n`);
      io.err(`Avvist: «${source.file}» kunne ikke leses som en TILT-arbeidsbok. Ingenting ble prikket.\n`);
      return undefined;
    }
    tables.push(read.series[0]!);
    hovedgrupper = read.hovedgrupper;
  }
  return { tables, hovedgrupper };
}

function report(p: SeriesProtection, hgName: (id: string) => string, say: (s: string) => void): void {
  const file = p.table.file;
  say(`«${file}»: prikket ${p.primary} tall med «*» (1–3), skjulte ${p.secondary.length} med «:» for å beskytte dem.\n`);
  for (const c of p.secondary)
    say(`  «:» ${c.cell} «${c.row}», ${/^\d{4}-\d{2}$/.test(c.column) ? periodLabel(c.column) : c.column}: ${formatInteger(c.value)}\n`);
  for (const c of p.inherent)
    say(
      `  Merk: ${c.cell} «${c.tiltak}» (${hgName(c.hovedgruppe)}, ${c.column}) kan ikke skjules bedre enn ${c.min}–${c.max}: ${c.reason}.\n`,
    );
}

/** A year's summary line: the cells hidden, and whether that is the proven optimum. */
function yearSummary(y: SeriesYearProtection, say: (s: string) => void): void {
  say(
    y.optimal
      ? `${y.year}: ${y.cost.cells} celler skjult (optimum): ingen trygg prikking av tabellene lest sammen skjuler færre, eller like mange med mindre sum.\n`
      : `${y.year}: ${y.cost.cells} celler skjult, minst ${y.lowerBound.cells} trengs: tidsgrensen stoppet søket før optimum var bevist.\n`,
  );
}

/** The workbook branch of `prikk`: exit 0 written, 1 a workbook rejected, 2 usage or file problem. */
export async function prikkWorkbooks(
  sources: readonly WorkbookSource[],
  out: string | undefined,
  options: { overwrite: boolean; timeLimitMs?: number },
  usage: string,
  io: CliIO,
): Promise<number> {
  const paths = targets(sources, out, usage, io);
  if (!paths) return 2;
  const read = readAll(sources, io);
  if (!read) return 1;
  let years: SeriesYearProtection[];
  try {
    years = await protectSeries(read.tables, options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs });
  } catch (e) {
    if (!(e instanceof InputRejectedError)) throw e;
    io.err(`${e.message} Ingenting ble prikket.\n`);
    return 1;
  }
  const byFile = new Map(years.flatMap((y) => y.tables.map((t) => [t.table.file, t] as const)));
  const done: { path: string; bytes: Uint8Array; protection: SeriesProtection }[] = [];
  for (const [i, source] of sources.entries()) {
    const protection = byFile.get(read.tables[i]!.file)!;
    done.push({ path: paths[i]!, bytes: await protectedWorkbook(source.bytes, protection.table), protection });
  }
  const hgName = (id: string) => read.hovedgrupper.find((h) => h.id === id || h.short === id)?.short ?? id;
  try {
    refuseExisting(
      done.map((d) => d.path),
      options.overwrite,
    );
    for (const d of done) {
      writeOutputFile(d.path, d.bytes, options.overwrite);
      report(d.protection, hgName, io.out);
    }
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    io.err(`${e.message}\n`);
    return 2;
  }
  for (const y of years) yearSummary(y, io.out);
  return 0;
}
