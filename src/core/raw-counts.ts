// The rule that keeps raw counts out of every view. A publication file that still shows a count of
// 1–3, or a change whose last year's count (antall − endring) was 1–3, is a file of raw counts.
// Marking those cells «*» on the way out is not enough: the file's totals beside them give them back
// (NAV's own November 2016 totals reveal all 16 «*»). So such a file is refused as input, with the
// command that protects it; only protection (`prikk`) reads raw counts, because it needs them.
// importPublications applies this rule to every file unless its caller protects the result.

import type { Finding } from "./findings.js";
import type { RawPublication, RawTable } from "./parse.js";
import { isSmall, isWithheld } from "./suppression.js";
import { normalizeName } from "./text.js";

export type RawCellKind = "count" | "change";

/** A cell the file shows as is although the suppression rule would hide it. */
export interface RawCell {
  kind: RawCellKind;
  line: number;
  /** The count, or for a change last year's count it gives away. */
  value: number;
}

/**
 * How the advice calls the CLI: `npx` finds `nav-tiltak` inside the project folder, where the build,
 * the data folder and `import` are used (README «Kommandolinjen» shows the other ways).
 */
const CLI = "npx nav-tiltak";

/** Lines listed in the message before the rest are summed up, so a large raw extract stays readable. */
const MAX_LINES = 20;

/** Protection weighs every raw count, so a file that already hides some cannot be protected as it is. */
const MIXED_ADVICE = "Prikkingen trenger alle de rå tallene: ta et nytt uttrekk uten prikking, og prikk det.";

const isChangeHeader = (h: string) => normalizeName(h).startsWith("endring");

/** Column indexes of a table: its counts, and (in the tables with changes) the antall/endring pair. */
function columns(t: RawTable): { counts: number[]; antall?: number; endring?: number } {
  const counts = t.headers.map((_, i) => i).filter((i) => !isChangeHeader(t.headers[i]!));
  const endring = t.headers.findIndex(isChangeHeader);
  // The change column «Endring fra i fjor Antall» is the first change column; «Prosent» follows it.
  const antall = t.headers.findIndex((h) => normalizeName(h) === "antall");
  return endring >= 0 && antall >= 0 ? { counts, antall, endring } : { counts };
}

/** Every cell of the file that shows a raw count: 1–3 this year, or a change whose last year's count was 1–3. */
export function rawCells(pub: RawPublication): RawCell[] {
  const found: RawCell[] = [];
  for (const t of pub.tables) {
    const { counts, antall, endring } = columns(t);
    for (const row of t.rows) {
      for (const i of counts) {
        const c = row.cells[i];
        if (typeof c === "number" && isSmall(c)) found.push({ kind: "count", line: row.line, value: c });
      }
      if (antall === undefined || endring === undefined) continue;
      const [now, change] = [row.cells[antall] ?? null, row.cells[endring]];
      // An empty count is 0; a «*» or «:» count leaves last year's count unknown.
      if (typeof change !== "number" || (now !== null && typeof now !== "number")) continue;
      const lastYear = (now ?? 0) - change;
      if (isSmall(lastYear)) found.push({ kind: "change", line: row.line, value: lastYear });
    }
  }
  return found;
}

function lineList(cellsOrLines: RawCell[] | number[]): string {
  const lines = [...new Set(cellsOrLines.map((c) => (typeof c === "number" ? c : c.line)))].sort((a, b) => a - b);
  const shown = lines.slice(0, MAX_LINES).join(", ");
  return lines.length > MAX_LINES ? `linje ${shown} og ${lines.length - MAX_LINES} linjer til` : `linje ${shown}`;
}

/** «raw.txt» → «raw-prikket.txt»: where the protected file goes in the advice. */
export function protectedFileName(file: string): string {
  const m = /^(.*?)(\.[^./\\]*)?$/.exec(file)!;
  return `${m[1]}-prikket${m[2] ?? ".txt"}`;
}

/** The command that protects the file, as the refusal advises it. */
export function protectAdvice(file: string): string {
  const quote = (f: string) => (/[\s"'«»]/.test(f) ? `"${f}"` : f);
  return `Prikk filen først, og bruk den prikkede filen i stedet: ${CLI} prikk ${quote(file)} --ut ${quote(protectedFileName(file))}`;
}

/** Lines of the file that already show «*» or «:» (a figure protection cannot know). */
export function withheldLines(pub: RawPublication): number[] {
  const lines = pub.tables.flatMap((t) => t.rows.filter((r) => r.cells.some(isWithheld)).map((r) => r.line));
  return [...new Set(lines)].sort((a, b) => a - b);
}

/**
 * For protection: a file that already hides figures («*» or «:») cannot be protected, since
 * protection weighs every raw count; undefined when the file has every figure.
 */
export function withheldFinding(pub: RawPublication, file: string): Finding | undefined {
  const lines = withheldLines(pub);
  if (lines.length === 0) return undefined;
  return {
    severity: "error",
    code: "already-suppressed",
    file,
    line: lines[0],
    message: `Filen har allerede prikkede tall («*» eller «:», ${lineList(lines)}). ${MIXED_ADVICE}`,
  };
}

/**
 * The refusal of a file of raw counts (an error naming the lines and the command that protects it),
 * or undefined when the file shows no raw count.
 */
export function rawCountsFinding(pub: RawPublication, file: string): Finding | undefined {
  const cells = rawCells(pub);
  if (cells.length === 0) return undefined;
  const counts = cells.filter((c) => c.kind === "count");
  const changes = cells.filter((c) => c.kind === "change");
  const parts = [
    ...(counts.length > 0 ? [`${counts.length} antall fra 1 til 3 (${lineList(counts)})`] : []),
    ...(changes.length > 0
      ? [`${changes.length} ${changes.length === 1 ? "endring" : "endringer"} der fjorårets antall var 1–3 (${lineList(changes)})`]
      : []),
  ];
  return {
    severity: "error",
    code: "raw-counts",
    file,
    line: Math.min(...cells.map((c) => c.line)),
    message:
      `Filen har rå tall som ikke er prikket: ${parts.join(" og ")}. NAV tiltak viser ikke en fil med rå tall, ` +
      `for summene ved siden av gir de prikkede tallene tilbake. ` +
      // A file with both raw and hidden figures cannot be protected as it is (withheldFinding).
      (withheldLines(pub).length > 0 ? `Filen har også prikkede tall. ${MIXED_ADVICE}` : protectAdvice(file)),
  };
}
