// Node-only: lets the CLI answer from the dataset generated at build time instead of parsing the
// data folder at every start, without ever answering from a stale one. The build records a
// fingerprint of the folder it read (every file's name and a hash of its bytes); the CLI compares it
// with the folder as it is now and parses the folder only when they differ (a month dropped in and
// not yet rebuilt). Hashing a few small files takes about a millisecond; parsing them, tens.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

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
