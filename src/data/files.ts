// Node-only: reads a publication file (text, or one of NAV's xlsx workbooks) from disk as a SourceFile, turning the operating system's
// error codes (ENOENT, EISDIR …) into Norwegian sentences and the bytes into text (decode.ts).

import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { SourceFile } from "../core/dataset.js";
import { decodePublication } from "../core/decode.js";
import { MAX_FILE_BYTES, tooLargeMessage } from "../core/limits.js";
import { looksLikeWorkbook } from "../core/tilt/tilt-names.js";
import { shorten } from "../core/text.js";

export { MAX_FILE_BYTES };

/** A file or folder that cannot be read: a usage or file problem (CLI exit 2), not a rejected publication. */
export class FileProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileProblem";
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "finnes ikke",
  ENOTDIR: "finnes ikke (en del av stien er ikke en mappe)",
  EISDIR: "er en mappe, ikke en fil",
  EACCES: "kan ikke leses: du har ikke tilgang",
  EPERM: "kan ikke leses: du har ikke tilgang",
  ENAMETOOLONG: "har et for langt navn",
  ELOOP: "er en lenke som peker på seg selv",
  EMFILE: "kan ikke åpnes nå: for mange åpne filer",
  EBUSY: "er i bruk av et annet program",
};

/** «Filen «x» finnes ikke.» – the path shortened, the reason in Norwegian, the code for a search. */
export function fileProblemMessage(path: string, error: unknown, what = "Filen"): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = code && REASONS[code];
  return reason ? `${what} «${shorten(path)}» ${reason}.` : `${what} «${shorten(path)}» kan ikke leses (${code ?? String(error)}).`;
}

/** Reads and decodes one publication file; throws FileProblem when it cannot be read. */
export function readPublicationFile(path: string): SourceFile {
  let bytes: Uint8Array;
  try {
    const stat = statSync(path);
    const size = stat.size;
    if (stat.isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
    if (size > MAX_FILE_BYTES) {
      throw new FileProblem(tooLargeMessage(shorten(path), size));
    }
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(fileProblemMessage(path, e));
  }
  // NAV's time-series workbooks are read as bytes (core/tilt); everything else as text.
  if (looksLikeWorkbook(path, bytes)) return { file: basename(path), text: "", bytes: new Uint8Array(bytes) };
  const decoded = decodePublication(bytes);
  return { file: basename(path), text: decoded.text, findings: decoded.findings };
}
