// NAV's time-series workbooks (TILT100–TILT180, .xlsx) among the user's own files. Their reader
// comes with the time-series support; until it is in, a workbook is answered with one clear
// finding per file, so a user who picks one learns what to pick instead and nothing changes.
//
// PLUG-IN POINT for the xlsx reader: replace the body of importWorkbooks with a call to it. It gets
// the files' bytes (already bounded by MAX_FILE_BYTES in read.ts) and must return the dataset of
// their months with its warnings, or throw PublicationError with every finding (file, sheet, cell);
// read.ts merges the result with the text files' months and reports both files' findings alike.

import { PublicationError } from "../findings.js";
import type { ImportOptions, ImportResult } from "../dataset.js";
import type { UserFile } from "./read.js";

/** A zip archive (an .xlsx is one) starts with «PK\x03\x04». */
export function isWorkbook(file: UserFile): boolean {
  const b = file.bytes;
  return /\.xls[xm]$/i.test(file.name) || (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04);
}

/** The months of NAV's time-series workbooks; throws PublicationError when any of them is rejected. */
export function importWorkbooks(files: readonly UserFile[], _options: ImportOptions = {}): ImportResult {
  throw new PublicationError(
    files.map((f) => ({
      severity: "error",
      code: "unsupported-layout",
      file: f.name,
      message:
        "Filen er et regneark. NAVs tidsserie-regneark (TILT100–TILT180) kan denne utgaven av tillegget ikke lese ennå; " +
        "velg NAVs tekstfil for måneden (.txt) i stedet.",
    })),
  );
}
