// «Bruk egen fil»: the files an analyst picks in the task pane, read and audited by the same core
// import as `nav-tiltak import` (decode.ts, dataset.ts), under the same limits (limits.ts). Pure and
// synchronous over bytes, so the pane (browser), tests and the benchmark (Node) run the same code.
// A file with any error rejects the whole choice: the result then has findings and no dataset.

import { importPublications, type ImportOptions, type ImportResult, type SourceFile } from "../dataset.js";
import { decodePublication } from "../decode.js";
import { PublicationError, capFindings, type Finding } from "../findings.js";
import { MAX_FILE_BYTES, MAX_USER_FILES, tooLargeMessage } from "../limits.js";
import { shorten } from "../text.js";
import type { Dataset } from "../types.js";
import { mergeDatasets } from "./merge-over-bundle.js";
import { looksLikeWorkbook } from "../tilt/tilt-names.js";

/** One picked file: its name (no folder) and its bytes, as the browser's File gives them. */
export interface UserFile {
  name: string;
  bytes: Uint8Array;
  /** The file's size when its bytes were not read because it is too big (the pane checks File.size first). */
  size?: number;
}

export type UserFilesResult = { accepted: true; dataset: Dataset; findings: Finding[] } | { accepted: false; findings: Finding[] };

const error = (code: Finding["code"], message: string, file?: string): Finding => ({ severity: "error", code, file, message });

/** Runs an import, turning a rejection into its findings. */
function attempt(run: () => ImportResult, findings: Finding[]): ImportResult | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof PublicationError)) throw e;
    findings.push(...e.findings);
    return undefined;
  }
}

/** The file among `sources` whose period line is this month's label (for the «replaces» note). */
function fileWithPeriod(sources: readonly SourceFile[], label: string): string | undefined {
  const line = new RegExp(`^\\s*(?:###\\s*)?${label}\\s*$`, "m");
  return sources.find((s) => line.test(s.text))?.file;
}

/**
 * Reads and audits the user's files. `options.reference` (the bundled dataset) makes a name none of
 * the known months has a warning with the nearest known name, as `nav-tiltak import` does.
 */
export function readUserFiles(files: readonly UserFile[], options: Pick<ImportOptions, "reference"> = {}): UserFilesResult {
  return readFiles(files, options).result;
}

function readFiles(
  files: readonly UserFile[],
  options: Pick<ImportOptions, "reference">,
): { result: UserFilesResult; texts: SourceFile[] } {
  const texts: SourceFile[] = [];
  return { result: importAll(files, options, texts), texts };
}

function importAll(files: readonly UserFile[], options: Pick<ImportOptions, "reference">, texts: SourceFile[]): UserFilesResult {
  const findings: Finding[] = [];
  if (files.length === 0) findings.push(error("empty-file", "Ingen fil er valgt."));
  if (files.length > MAX_USER_FILES)
    findings.push(error("too-large", `Velg høyst ${MAX_USER_FILES} filer om gangen (du valgte ${files.length}).`));
  for (const f of files.slice(0, MAX_USER_FILES)) {
    const name = shorten(f.name);
    // Bounded before anything is decoded or unpacked.
    const size = Math.max(f.size ?? 0, f.bytes.length);
    if (size > MAX_FILE_BYTES) findings.push(error("too-large", tooLargeMessage(name, size), name));
    // NAV's time-series workbooks go to the same import as bytes (core/tilt), as in `nav-tiltak import`.
    else if (looksLikeWorkbook(f.name, f.bytes)) texts.push({ file: name, text: "", bytes: f.bytes });
    else {
      const decoded = decodePublication(f.bytes);
      texts.push({ file: name, text: decoded.text, findings: decoded.findings });
    }
  }
  // One import over text files and workbooks together, so a month in both is caught as in the CLI.
  // Raw counts are refused here as in the CLI (importPublications' default), with the `prikk` advice.
  const imported = texts.length > 0 ? attempt(() => importPublications(texts, options), findings) : undefined;
  if (imported) findings.push(...imported.findings);
  if (findings.some((f) => f.severity === "error") || !imported) return { accepted: false, findings: capFindings(findings) };
  return { accepted: true, dataset: imported.dataset, findings: capFindings(findings) };
}

/**
 * The user's months joined with the bundled ones (the file wins where both have a month, with a
 * note naming the file): what «Oppdater», the sheets and the custom functions use.
 */
export function withUserFiles(bundled: Dataset, files: readonly UserFile[]): UserFilesResult {
  const { result: read, texts } = readFiles(files, { reference: bundled });
  if (!read.accepted) return read;
  const merged = mergeDatasets(bundled, read.dataset, (period) => {
    const label = read.dataset.periods.find((p) => p.period === period)?.label ?? "";
    return fileWithPeriod(texts, label);
  });
  return { accepted: true, dataset: merged.dataset, findings: [...read.findings, ...merged.findings] };
}
