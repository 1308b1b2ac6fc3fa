// Node-only: reads the publication files bundled with the project (src/data/publications/*.txt).
// Adding a month means dropping its file in that folder and rebuilding.

import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importPublications, type ImportResult, type SourceFile } from "../core/dataset.js";

export const PUBLICATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "publications");

export function readSources(dir: string = PUBLICATIONS_DIR): SourceFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ file: basename(f), text: readFileSync(join(dir, f), "utf8") }));
}

/** Parses and audits every bundled publication; throws PublicationError when any is rejected. */
export function loadProjectDataset(dir: string = PUBLICATIONS_DIR): ImportResult {
  return importPublications(readSources(dir));
}
