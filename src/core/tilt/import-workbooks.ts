// NAV's time-series workbooks (TILT100–TILT180) → periods for the one Dataset. Each file is opened
// with every size bounded (zip.ts, xlsx.ts), read by its labels (read.ts) and audited on its own
// (checks.ts); then the files are merged month by month, the newer file winning, and checked
// against each other (merge.ts). A file with any error is reported, and the caller imports nothing.

import type { Finding } from "../findings.js";
import { STATISTICS_NOTE } from "../notes.js";
import type { Hovedgruppe, PeriodData, SeriesTable, Tiltak, Tiltaksgruppe } from "../types.js";
import { checkFile } from "./block-checks.js";
import { mergeFiles } from "./merge-months.js";
import { FileFindings, readTiltWorkbook, type TiltFile } from "./read-blocks.js";
import { openWorkbook } from "./xlsx-reader.js";
import { WorkbookProblem } from "./zip.js";

export { looksLikeWorkbook } from "./tilt-names.js";

export const SERIES_TITLE = "Deltakere i arbeidsrettede tiltak. Tidsserie måned";
export const SERIES_NOTES: readonly string[] = [
  "Tallene er fra NAVs tidsserier «Tiltaksdeltakere» (TILT100–TILT180), én arbeidsbok per tabell og år. «I alt» over målgrupper og endring fra samme måned i fjor publiseres ikke; NAV tiltak regner dem ut bare der alle deler er tall, ellers vises «..».",
  ...STATISTICS_NOTE,
];

export interface WorkbookSource {
  file: string;
  bytes: Uint8Array;
}

export interface SeriesImport {
  periods: PeriodData[];
  hovedgrupper: Hovedgruppe[];
  tiltaksgrupper: Tiltaksgruppe[];
  tiltak: Tiltak[];
  series: SeriesTable[];
  findings: Finding[];
}

/** Reads and audits one workbook; undefined when it has errors (in `out`). */
export function readWorkbookFile(source: WorkbookSource, out: FileFindings): TiltFile | undefined {
  try {
    const file = readTiltWorkbook(source.file, openWorkbook(source.bytes), out);
    if (!file) return undefined;
    const scope = checkFile(file, out);
    if (scope) file.totalScope = scope;
    return out.failed ? undefined : file;
  } catch (e) {
    if (!(e instanceof WorkbookProblem)) throw e;
    out.error("not-workbook", e.message);
    return undefined;
  }
}

/** Every workbook read and audited, then merged; findings for all of them (the caller rejects on any error). */
export function importWorkbooks(sources: readonly WorkbookSource[]): SeriesImport {
  const findings: Finding[] = [];
  const files: TiltFile[] = [];
  for (const source of sources) {
    const out = new FileFindings(source.file);
    const file = readWorkbookFile(source, out);
    findings.push(...out.findings);
    if (file) files.push(file);
  }
  const merged = mergeFiles(files, findings);
  return { ...merged, findings };
}
