// Node-only: reads the publication files bundled with the project (src/data/publications): the
// one-month text publications (*.txt) and NAV's time-series workbooks (*.xlsx, TILT100–TILT180).
// Adding a month means dropping its file in that folder and rebuilding.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { importPublications, type ImportResult, type SourceFile } from "../core/dataset.js";
import { FileProblem, fileProblemMessage, readPublicationFile } from "./files.js";
import { dataDir, PUBLICATIONS_DIR, prebuiltFor } from "./prebuilt.js";

export { dataDir, PUBLICATIONS_DIR, usePrebuiltDataset, type PrebuiltSources } from "./prebuilt.js";

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

/** Parses and audits every publication in the folder; throws PublicationError when any is rejected. */
export function loadProjectDataset(dir: string = dataDir()): ImportResult {
  return prebuiltFor(dir) ?? importPublications(readSources(dir));
}
