// Build step: parses and audits the bundled publications and writes the normalized dataset that
// the add-in bundle imports (src/generated/dataset.json, not committed). Run by the webpack
// config and by the test setup, so the bundle can never carry a stale or unaudited dataset.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PublicationError } from "../core/findings.js";
import { PUBLICATIONS_DIR, loadProjectDataset, type PrebuiltSources } from "../data/load.js";
import { folderFingerprint } from "../data/prebuilt.js";
import { generateSuggestion } from "./generate-suggestion.js";

export const GENERATED_DATASET = join(dirname(fileURLToPath(import.meta.url)), "..", "generated", "dataset.json");

/** Writes only on change, so watchers (webpack serve) do not rebuild for nothing. */
function writeIfChanged(file: string, text: string): void {
  let previous: string | undefined;
  try {
    previous = readFileSync(file, "utf8");
  } catch {
    previous = undefined;
  }
  if (previous !== text) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/**
 * Throws PublicationError when a file in the folder is rejected — among others a file of raw counts
 * (core/raw-counts.ts): the pane and the functions only ever see what passes here.
 */
export function generateDataset(out: string = GENERATED_DATASET, dir: string = PUBLICATIONS_DIR): string {
  const { dataset, findings } = loadProjectDataset(dir);
  writeIfChanged(out, JSON.stringify(dataset));
  const sources: PrebuiltSources = { files: folderFingerprint(dir) ?? [], findings };
  // Beside it: the folder it was generated from (data/prebuilt.ts) and the import's warnings, for the compiled CLI.
  writeIfChanged(join(dirname(out), "sources.json"), JSON.stringify(sources));
  return out;
}

/** The dataset, then «Forslag til sikker prikking» computed from it (cached: generate-suggestion.ts). */
export async function generateBuildData(): Promise<{ dataset: string; suggestionComputed: boolean }> {
  const dataset = generateDataset();
  return { dataset, suggestionComputed: await generateSuggestion({ datasetFile: dataset }) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { dataset, suggestionComputed } = await generateBuildData();
    // stderr, so `npm run bench -- --json` prints nothing but its JSON on stdout.
    console.error(`Datasett skrevet: ${dataset}`);
    console.error(suggestionComputed ? "Forslag til sikker prikking regnet ut." : "Forslag til sikker prikking: uendret.");
  } catch (e) {
    if (!(e instanceof PublicationError)) throw e;
    // The Norwegian findings without a stack trace: they name the file, the line and what to do.
    console.error(e.message);
    process.exitCode = 1;
  }
}
