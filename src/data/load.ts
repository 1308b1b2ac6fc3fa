// Node-only: reads the publication files bundled with the project (src/data/publications): the
// one-month text publications (*.txt) and NAV's time-series workbooks (*.xlsx, TILT100–TILT180).
// Adding a month means dropping its file in that folder and rebuilding.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { importPublications, type ImportResult, type SourceFile } from "../core/dataset.js";
import type { Finding } from "../core/findings.js";
import type { Dataset } from "../core/types.js";
import { FileProblem, fileProblemMessage, readPublicationFile } from "./files.js";
import { packageRoot } from "./package-root.js";
import { folderFingerprint, sameFingerprint, type SourceFingerprint } from "./prebuilt.js";

export const PUBLICATIONS_DIR = join(packageRoot(), "src", "data", "publications");

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

/** What the build wrote beside the dataset (src/build/generate-dataset.ts): the folder it read, and its warnings. */
export interface PrebuiltSources {
  files: SourceFingerprint[];
  findings: Finding[];
}

let prebuilt: { dataset: Dataset; sources: PrebuiltSources } | undefined;

/**
 * The compiled CLI hands over the dataset the build generated, so a command answers without
 * parsing the folder. It is used only while the bundled folder still holds exactly the files it was
 * built from; otherwise the folder is parsed as before.
 */
export function usePrebuiltDataset(dataset: Dataset | undefined, sources?: PrebuiltSources): void {
  prebuilt = dataset && sources ? { dataset, sources } : undefined;
}

/** Parses and audits every publication in the folder; throws PublicationError when any is rejected. */
export function loadProjectDataset(dir: string = dataDir()): ImportResult {
  if (prebuilt && dir === PUBLICATIONS_DIR && sameFingerprint(prebuilt.sources.files, folderFingerprint(dir))) {
    return { dataset: prebuilt.dataset, findings: prebuilt.sources.findings };
  }
  return importPublications(readSources(dir));
}
