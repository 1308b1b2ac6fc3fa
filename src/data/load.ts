// Node-only: reads the publication files bundled with the project (src/data/publications): the
// one-month text publications (*.txt) and NAV's time-series workbooks (*.xlsx, TILT100–TILT180).
// Adding a month means dropping its file in that folder and rebuilding.

import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importPublications, type ImportResult, type SourceFile } from "../core/dataset.js";
import { FileProblem, fileProblemMessage, readPublicationFile } from "./files.js";

export const PUBLICATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "publications");

export function readSources(dir: string = PUBLICATIONS_DIR): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new FileProblem(`${fileProblemMessage(dir, e, "Datamappen")} Sjekk NAV_TILTAK_DATA.`);
  }
  return (
    names
      // Excel's own lock files («~$…») while a workbook is open are no publications.
      .filter((f) => /\.(txt|xlsx|xlsm|xls)$/i.test(f) && !f.startsWith("~$"))
      .sort()
      .map((f) => readPublicationFile(join(dir, f)))
  );
}

/**
 * The folder the CLI reads: NAV_TILTAK_DATA when set (to try other publication files, e.g. next
 * month's before it is added), else the bundled publications.
 */
export function dataDir(): string {
  return process.env.NAV_TILTAK_DATA || PUBLICATIONS_DIR;
}

/** Parses and audits every publication in the folder; throws PublicationError when any is rejected. */
export function loadProjectDataset(dir: string = dataDir()): ImportResult {
  return importPublications(readSources(dir));
}
