// Node-only: lets the CLI answer from the dataset generated at build time instead of parsing the
// data folder at every start, without ever answering from a stale one. The build records a
// fingerprint of the folder it read (every file's name and a hash of its bytes); the CLI compares it
// with the folder as it is now and parses the folder only when they differ (a month dropped in and
// not yet rebuilt). Hashing a few small files takes about a millisecond; parsing them, tens.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../core/findings.js";
import type { Dataset } from "../core/types.js";
import { packageRoot } from "./package-root.js";

/** The publications bundled with the project (text and workbooks). */
export const PUBLICATIONS_DIR = join(packageRoot(), "src", "data", "publications");

/**
 * The folder the CLI reads: NAV_TILTAK_DATA when set (to try other publication files, e.g. next
 * month's before it is added), else the bundled publications.
 */
export function dataDir(): string {
  return process.env.NAV_TILTAK_DATA || PUBLICATIONS_DIR;
}

/** One file of the data folder as the build saw it. */
export interface SourceFingerprint {
  name: string;
  sha256: string;
}

/**
 * Every regular, non-hidden file of the folder, sorted by name, with its hash. Files the readers
 * skip are included too: a fingerprint that covers too much only costs a parse, one that covers
 * too little would serve stale figures. Undefined when the folder cannot be read (the caller then
 * parses it and reports the problem in Norwegian).
 */
export function folderFingerprint(dir: string): SourceFingerprint[] | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith("."));
  } catch {
    return undefined;
  }
  const files: SourceFingerprint[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) continue;
      files.push({ name, sha256: createHash("sha256").update(readFileSync(path)).digest("hex") });
    } catch {
      return undefined;
    }
  }
  return files;
}

/** True when the folder holds exactly the files, byte for byte, that the build read. */
export function sameFingerprint(a: readonly SourceFingerprint[] | undefined, b: readonly SourceFingerprint[] | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((f, i) => f.name === b[i]!.name && f.sha256 === b[i]!.sha256);
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

/** The generated dataset when `dir` is the bundled folder and unchanged since the build; else undefined. */
export function prebuiltFor(dir: string): { dataset: Dataset; findings: Finding[] } | undefined {
  if (!prebuilt || dir !== PUBLICATIONS_DIR || !sameFingerprint(prebuilt.sources.files, folderFingerprint(dir))) return undefined;
  return { dataset: prebuilt.dataset, findings: prebuilt.sources.findings };
}
