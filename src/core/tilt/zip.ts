// Opening an xlsx (a zip archive) without trusting it: every size the archive declares (entry count,
// each entry's and the total uncompressed size) is checked in its central directory BEFORE anything
// is inflated, and only the entries the reader needs are inflated. An old .xls or a password-
// protected workbook (both OLE compound files, not zips) is told apart from random bytes, so the
// user hears what the file is. Pure (fflate runs in the browser too): the pane can use it later.

import { unzipSync, type UnzipFileInfo } from "fflate";
import { InputRejectedError } from "../errors.js";

/** Limits for an untrusted workbook. NAV's time-series workbooks are tens of kilobytes. */
export const ZIP_LIMITS = {
  /** Entries in the archive (a workbook of a few sheets has about 15). */
  maxEntries: 1000,
  /** One entry, uncompressed. */
  maxEntryBytes: 20 * 1024 * 1024,
  /** All entries together, uncompressed. */
  maxTotalBytes: 50 * 1024 * 1024,
} as const;

/** Why bytes are not a workbook that can be read; the message is Norwegian and names no internals. */
export class WorkbookProblem extends InputRejectedError {
  constructor(
    message: string,
    readonly problem: "not-zip" | "xls" | "encrypted" | "too-big" | "broken",
  ) {
    super("not-workbook", message);
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Does the OLE file hold a stream of this name (names are UTF-16LE in the directory)? */
function hasUtf16(bytes: Uint8Array, name: string): boolean {
  const needle = Array.from(name).flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Says what a file that is not a zip is, in words a user understands. */
function notZip(bytes: Uint8Array): WorkbookProblem {
  if (startsWith(bytes, OLE_MAGIC)) {
    // Office stores a password-protected xlsx as an OLE file with an «EncryptedPackage» stream.
    if (hasUtf16(bytes, "EncryptedPackage")) {
      return new WorkbookProblem(
        "Arbeidsboken er passordbeskyttet (kryptert), så den kan ikke leses. Lagre den uten passord (Fil › Info › Beskytt arbeidsbok) og prøv igjen.",
        "encrypted",
      );
    }
    return new WorkbookProblem(
      "Filen er en gammel Excel-fil (.xls), ikke .xlsx. Åpne den i Excel og lagre den som «Excel-arbeidsbok (.xlsx)».",
      "xls",
    );
  }
  return new WorkbookProblem("Filen er ikke en Excel-arbeidsbok (.xlsx): den er ikke et zip-arkiv.", "not-zip");
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Checks the declared sizes of every entry; throws WorkbookProblem when a limit is passed. */
function checkDirectory(infos: readonly UnzipFileInfo[], limits: typeof ZIP_LIMITS): void {
  if (infos.length > limits.maxEntries) {
    throw new WorkbookProblem(
      `Arbeidsboken har ${infos.length} deler (høyst ${limits.maxEntries} godtas): dette er ikke en av NAVs tabeller.`,
      "too-big",
    );
  }
  let total = 0;
  for (const info of infos) {
    total += info.originalSize;
    if (info.originalSize > limits.maxEntryBytes || total > limits.maxTotalBytes) {
      throw new WorkbookProblem(
        `Arbeidsboken ville blitt ${mb(Math.max(total, info.originalSize))} utpakket (høyst ${mb(limits.maxTotalBytes)} godtas). Den pakkes ikke ut.`,
        "too-big",
      );
    }
  }
}

export interface ZipEntries {
  /** Every entry name in the archive (nothing inflated). */
  names: readonly string[];
  /** Inflates one entry (already checked against the limits); undefined when there is none. */
  read(name: string): Uint8Array | undefined;
}

/**
 * Opens the archive: reads its central directory, checks every declared size, and returns a reader
 * that inflates entries one at a time on demand.
 */
export function openZip(bytes: Uint8Array, limits: typeof ZIP_LIMITS = ZIP_LIMITS): ZipEntries {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw notZip(bytes);
  const infos: UnzipFileInfo[] = [];
  try {
    // A filter that keeps nothing: fflate walks the central directory and inflates no entry.
    unzipSync(bytes, { filter: (info) => (infos.push(info), false) });
  } catch {
    throw new WorkbookProblem("Filen er et ødelagt zip-arkiv og kan ikke leses som en Excel-arbeidsbok.", "broken");
  }
  checkDirectory(infos, limits);
  const sizes = new Map(infos.map((i) => [i.name, i.originalSize]));
  return {
    names: infos.map((i) => i.name),
    read(name) {
      if (!sizes.has(name)) return undefined;
      let out: Uint8Array | undefined;
      try {
        out = unzipSync(bytes, { filter: (info) => info.name === name })[name];
      } catch {
        out = undefined;
      }
      // An entry that inflates to more than it declared is a lie the limits cannot trust.
      if (!out || out.length > sizes.get(name)!) {
        throw new WorkbookProblem(`Delen «${name}» i arbeidsboken er ødelagt og kan ikke pakkes ut.`, "broken");
      }
      return out;
    },
  };
}
