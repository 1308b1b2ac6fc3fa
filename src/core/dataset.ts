// Turns parsed publications into the one normalized Dataset, auditing every figure on the way.
// A file with any error is rejected whole (PublicationError): nothing partial is ever returned.
// Reading one file's tables and checking them is in period/ (build.ts and its readers).

import type { Dataset } from "./types.js";
import { PublicationError, capFindings, type Finding } from "./findings.js";
import { labelFindings, type KnownNames } from "./label-checks.js";
import { parsePublication } from "./parse.js";
import { Audit } from "./period/interval-checks.js";
import { buildPeriod, type PeriodResult } from "./period/period-data.js";
import { rawCountsFinding } from "./raw-counts.js";
import { deriveFigures } from "./tilt/derive.js";
import { SERIES_NOTES, SERIES_TITLE, importWorkbooks, type SeriesImport } from "./tilt/import-workbooks.js";

export {
  FIGURE_HEADERS,
  GROUP_ALIASES,
  TABLE_GRUPPER_OG_HG,
  TABLE_HOVEDGRUPPER,
  TABLE_TILTAK_OG_HG,
  TABLE_TILTAKSGRUPPER,
  TOTAL_LABEL,
  hovedgruppeShort,
} from "./period/names.js";

export interface SourceFile {
  file: string;
  /** The text of a one-month text publication ("" for a workbook). */
  text: string;
  /** The bytes of one of NAV's time-series workbooks (xlsx); when set, `text` is not read. */
  bytes?: Uint8Array;
  /** What reading the file found (see decode.ts): an encoding note, or an error that stops the import. */
  findings?: Finding[];
}

export interface ImportOptions {
  /**
   * Names already known (e.g. the bundled months when a new file is checked): a label none of
   * them nor the other files has is reported, with the nearest known name.
   */
  reference?: KnownNames;
  /**
   * Accept a file of raw counts (1–3 not suppressed) with a warning instead of refusing it
   * (raw-counts.ts). Only for protection (`prikk`), which needs the raw counts to hide them.
   */
  acceptRawCounts?: boolean;
}

export interface ImportResult {
  dataset: Dataset;
  /** Warnings only (e.g. aliases mapped); errors throw. */
  findings: Finding[];
}

// In a module of its own, so code that only needs it (the sheets, the disclosure audit) does not
// bring the whole import along into the pane's bundles.
export { percentChange } from "./percent.js";

/**
 * Union of dimension lists (newest month first): the newest month's published order and names win,
 * so its sheets reproduce it exactly; an item only older months have goes after its neighbour there.
 */
export function mergeById<T extends { id: string }>(newestFirst: T[][]): T[] {
  const byId = new Map<string, T>();
  for (const list of newestFirst) for (const item of list) if (!byId.has(item.id)) byId.set(item.id, item);
  return mergeOrder(newestFirst.map((list) => list.map((item) => item.id))).map((id) => byId.get(id)!);
}

/** What a publication names and orders (everything but its figures). */
export type Dimensions = Pick<Dataset, "title" | "notes" | "hovedgrupper" | "crossOrder" | "tiltaksgrupper" | "tiltak">;

/** The dimensions of several publications, newest first: the newest's title and notes, the lists merged. */
export function mergeDimensions(newestFirst: readonly Dimensions[]): Dimensions {
  const newest = newestFirst[0]!;
  return {
    title: newest.title,
    notes: newest.notes,
    hovedgrupper: mergeById(newestFirst.map((d) => d.hovedgrupper)),
    crossOrder: mergeOrder(newestFirst.map((d) => d.crossOrder)),
    tiltaksgrupper: mergeById(newestFirst.map((d) => d.tiltaksgrupper)),
    tiltak: mergeById(newestFirst.map((d) => d.tiltak)),
  };
}

/**
 * Union of column orders, the first list's order winning; an id only later lists have (a hovedgruppe
 * an older month publishes and the newest does not) goes right after its neighbour there.
 */
export function mergeOrder(orders: string[][]): string[] {
  const merged: string[] = [];
  const seen = new Set<string>();
  for (const order of orders) {
    order.forEach((id, i) => {
      if (seen.has(id)) return;
      seen.add(id);
      // Mostly the neighbour is the id placed last (all of the first list): appended without a search,
      // so a file with thousands of tiltak is merged in linear time.
      const after = i > 0 ? order[i - 1]! : undefined;
      if (after !== undefined && merged[merged.length - 1] === after) merged.push(id);
      else merged.splice(after === undefined ? 0 : merged.indexOf(after) + 1, 0, id);
    });
  }
  return merged;
}

/**
 * Parses and audits publication files into one Dataset (one period per file).
 * Throws PublicationError, listing every problem with its file and line, when any file is
 * malformed or inconsistent.
 */
export function importPublications(sources: SourceFile[], options: ImportOptions = {}): ImportResult {
  let findings: Finding[] = [];
  const results: (PeriodResult & { file: string })[] = [];
  const workbooks = sources.filter((s) => s.bytes !== undefined);
  for (const source of sources) {
    if (source.bytes !== undefined) continue;
    const audit = new Audit(source.file, source.text.replace(/\s+$/, "").split(/\r\n?|\n/).length);
    audit.findings.push(...(source.findings ?? []).map((f) => ({ ...f, file: source.file })));
    // A file that could not be read as text is not parsed: that would only repeat the same problem per line.
    const parsed = audit.failed ? undefined : parsePublication(source.text);
    audit.findings.push(...(parsed?.findings ?? []).map((f) => ({ ...f, file: source.file })));
    const result = audit.failed || !parsed ? undefined : buildPeriod(parsed.publication, audit);
    // A raw file is never shown as is: refused (the refusal replaces the warning) unless it is being protected.
    const raw = result && !options.acceptRawCounts ? rawCountsFinding(parsed!.publication, source.file) : undefined;
    findings.push(...(raw ? [...audit.findings.filter((f) => f.code !== "unsuppressed"), raw] : audit.findings));
    if (result) results.push({ ...result, file: source.file });
  }
  const series = workbooks.length > 0 ? importWorkbooks(workbooks.map((w) => ({ file: w.file, bytes: w.bytes! }))) : undefined;
  if (series) {
    findings.push(...series.findings);
    results.push(...seriesResults(series));
  }
  results.sort((a, b) => a.data.period.localeCompare(b.data.period));
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1]!, results[i]!];
    if (a.data.period === b.data.period) {
      findings.push({
        severity: "error",
        code: "duplicate-period",
        file: b.file,
        ...(b.periodLine > 0 ? { line: b.periodLine } : {}),
        message: `Perioden ${b.data.label} finnes både i «${a.file}» og i «${b.file}». Fjern den ene filen.`,
      });
    }
  }
  if (sources.length === 0) findings.push({ severity: "error", code: "empty-file", message: "Ingen publikasjonsfiler å lese." });
  if (!findings.some((f) => f.severity === "error")) {
    findings.push(
      ...labelFindings(
        results.map((r) => ({ file: r.file, labels: r.labels })),
        options.reference,
      ),
    );
  }
  findings = capFindings(findings);
  if (findings.some((f) => f.severity === "error")) throw new PublicationError(findings);

  const dataset: Dataset = { ...mergeDimensions([...results].reverse()), periods: results.map((r) => r.data) };
  markMovedTiltak(dataset, results);
  deriveFigures(dataset.periods);
  if (series && series.series.length > 0) dataset.series = series.series;
  return { dataset, findings };
}

/** Records, per month, the tiltak whose group that month differs from the merged list's (see tiltakGroup). */
function markMovedTiltak(dataset: Dataset, results: readonly PeriodResult[]): void {
  const merged = new Map(dataset.tiltak.map((t) => [t.id, t.group]));
  for (const r of results) {
    for (const t of r.tiltak) {
      if (merged.get(t.id) !== t.group) (r.data.tiltakGroups ??= {})[t.id] = t.group;
    }
  }
}

/** The time-series months as period results, so the duplicate check and the merge treat them like text files' months. */
function seriesResults(series: SeriesImport): (PeriodResult & { file: string })[] {
  return series.periods.map((data) => ({
    data,
    file: series.series.find((t) => t.periods.includes(data.period))?.file ?? "",
    title: SERIES_TITLE,
    notes: [...SERIES_NOTES],
    hovedgrupper: series.hovedgrupper.filter((h) => data.total[h.id] !== undefined),
    crossOrder: series.hovedgrupper
      .filter((h) => data.total[h.id] !== undefined)
      .map((h) => h.id)
      .sort((a, b) => a.localeCompare(b, "nb")),
    tiltaksgrupper: series.tiltaksgrupper.filter(
      (g) => data.groups[g.id] !== undefined || series.tiltak.some((t) => t.group === g.id && data.tiltak[t.id]),
    ),
    tiltak: series.tiltak.filter((t) => data.tiltak[t.id] !== undefined),
    labels: [],
    periodLine: 0,
  }));
}

/** Convenience for one file. */
export function importPublication(text: string, file = "publikasjon.txt", options: ImportOptions = {}): ImportResult {
  return importPublications([{ file, text }], options);
}
