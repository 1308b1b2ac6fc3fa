// Writing a file the user named (or the default name of `xlsx`), so that nothing the user owns is
// lost: an existing file is replaced only with --overskriv, and the bytes go to a temporary file
// beside the target that is renamed into place, so an interrupted run leaves the old file whole and
// never a half-written one under the user's name.
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { shorten } from "../core/text.js";
import { FileProblem } from "../data/files.js";

/** The option that allows replacing an existing file, the same in every command. */
export const OVERWRITE_OPTION = "overskriv";

/** Why a file could not be written, in Norwegian. */
function writeProblem(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT" || code === "ENOTDIR"
      ? "mappen finnes ikke"
      : code === "EACCES" || code === "EPERM" || code === "EROFS"
        ? "ingen skrivetilgang"
        : code === "EISDIR"
          ? "det er en mappe"
          : code === "EBUSY"
            ? "filen er i bruk (er den åpen i Excel?)"
            : code === "ENOSPC" || code === "EDQUOT"
              ? "disken er full"
              : code === "EFBIG"
                ? "filen blir for stor for filsystemet"
                : (code ?? "ukjent grunn");
  return `Kan ikke skrive «${shorten(file)}»: ${why}.`;
}

function exists(file: string): FileProblem {
  return new FileProblem(
    `Filen «${shorten(file)}» finnes allerede, og nav-tiltak skriver ikke over den. Velg et annet navn med --ut, eller legg til --${OVERWRITE_OPTION} for å erstatte den.`,
  );
}

/** Our own temporary file, when a write failed; already gone is fine (nothing of the user's was touched). */
function removeQuietly(temp: string): void {
  try {
    unlinkSync(temp);
  } catch {
    // Nothing to remove.
  }
}

/** Writes the whole file under a temporary name in the target's folder; returns that name. */
function writeTemporary(file: string, bytes: string | Uint8Array): string {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, "wx");
  try {
    const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    for (let at = 0; at < data.length;) at += writeSync(fd, data, at, data.length - at);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    removeQuietly(temp);
    throw e;
  }
  closeSync(fd);
  return temp;
}

/** Hard links where the file system has them (FAT and some network shares don't): then a check and a rename. */
function linkOrRename(temp: string, file: string): void {
  try {
    linkSync(temp, file);
  } catch (e) {
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes((e as NodeJS.ErrnoException).code ?? "")) throw e;
    if (existsSync(file)) throw Object.assign(new Error("exists"), { code: "EEXIST" });
    renameSync(temp, file);
    return;
  }
  unlinkSync(temp);
}

/**
 * Before writing several files: throws FileProblem (as writeOutputFile would) if one of them exists
 * and may not be replaced, so that none is written when one would be refused. writeOutputFile still
 * checks each in one step when it writes.
 */
export function refuseExisting(files: readonly string[], overwrite: boolean): void {
  if (overwrite) return;
  const taken = files.find((f) => existsSync(f));
  if (taken !== undefined) throw exists(taken);
}

/**
 * Writes `bytes` to `file`. Without `overwrite`, an existing file (or folder) of that name is left as
 * it is and FileProblem is thrown (CLI exit 2). Other problems are FileProblem too, in Norwegian.
 */
export function writeOutputFile(file: string, bytes: string | Uint8Array, overwrite: boolean): void {
  let temp: string;
  try {
    temp = writeTemporary(file, bytes);
  } catch (e) {
    throw new FileProblem(writeProblem(file, e));
  }
  try {
    if (overwrite) renameSync(temp, file);
    else {
      // A hard link fails with EEXIST when the name is taken, in one step: no window in which a file
      // created meanwhile could be replaced.
      linkOrRename(temp, file);
    }
  } catch (e) {
    removeQuietly(temp);
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw exists(file);
    throw new FileProblem(writeProblem(file, e));
  }
}
