// Build step: «Forslag til sikker prikking» for the newest bundled period (core/protect/suggestion.ts),
// written next to the dataset as src/generated/suggestion.json (not committed). The task pane reads
// only this JSON, so the solver never enters its bundle.
//
// Computing it takes seconds (recovery, then the integer programs of protection), so it is cached:
// the file carries a key, a hash of the generated dataset and of the code that computes it (every
// core source file, this file, the solver's version), and is left alone while the key is unchanged.
// A fresh clone has no file and computes it.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadHighs } from "../core/protect/milp.js";
import { suggestSafeSuppression, type SafeSuppressionSuggestion } from "../core/protect/suggestion.js";
import type { Dataset } from "../core/types.js";

const here = dirname(fileURLToPath(import.meta.url));
export const GENERATED_SUGGESTION = join(here, "..", "generated", "suggestion.json");
const CORE_DIR = join(here, "..", "core");

/** The generated file: the suggestion and the key it was computed for. */
export type SuggestionFile = SafeSuppressionSuggestion & { cacheKey: string };

/** Hash of the dataset text and of everything that computes the suggestion from it. */
export function suggestionKey(datasetJson: string, codeDir: string = CORE_DIR): string {
  const hash = createHash("sha256").update(datasetJson);
  const files = (readdirSync(codeDir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();
  for (const f of files) hash.update(`\0${f}\0`).update(readFileSync(join(codeDir, f)));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.update(`\0highs ${highsVersion()}`).digest("hex");
}

/** The installed solver's version (its package.json is not in its exports: found from its entry). */
function highsVersion(): string {
  for (let dir = dirname(createRequire(import.meta.url).resolve("highs")); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "highs") return pkg.version ?? "";
    } catch {
      // Not the package's folder yet.
    }
  }
  return "";
}

export interface SuggestionOptions {
  datasetFile: string;
  out?: string;
  /** The computation (tests pass a stand-in to check the cache). */
  compute?: (ds: Dataset) => Promise<SafeSuppressionSuggestion>;
  codeDir?: string;
}

/** Writes the suggestion unless the file already has it for this key. Returns whether it computed. */
export async function generateSuggestion(options: SuggestionOptions): Promise<boolean> {
  const out = options.out ?? GENERATED_SUGGESTION;
  const datasetJson = readFileSync(options.datasetFile, "utf8");
  const key = suggestionKey(datasetJson, options.codeDir);
  try {
    if ((JSON.parse(readFileSync(out, "utf8")) as Partial<SuggestionFile>).cacheKey === key) return false;
  } catch {
    // No file yet (a fresh clone) or a broken one: compute it.
  }
  const compute = options.compute ?? (async (ds: Dataset) => suggestSafeSuppression(ds, await loadHighs()));
  const suggestion = await compute(JSON.parse(datasetJson) as Dataset);
  const file: SuggestionFile = { ...suggestion, cacheKey: key };
  mkdirSync(dirname(out), { recursive: true });
  // Written whole, then renamed: a build reading it meanwhile never sees half a file.
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(file));
  renameSync(partial, out);
  return true;
}
