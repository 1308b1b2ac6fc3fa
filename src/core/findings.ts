// Findings of the parser and the audit. Messages are Norwegian (shown to users); codes are for programs.

import { InputRejectedError } from "./errors.js";

export type Severity = "error" | "warning";

export type FindingCode =
  | "empty-file"
  | "structure"
  | "missing-table"
  | "unknown-table"
  | "bad-header"
  | "missing-cell"
  | "extra-cell"
  | "bad-number"
  | "bad-period"
  | "unknown-hovedgruppe"
  | "unknown-group"
  | "duplicate-row"
  | "missing-row"
  | "sum-mismatch"
  | "cross-mismatch"
  | "percent-mismatch"
  | "bad-change"
  | "alias"
  | "unsuppressed"
  | "raw-counts"
  | "already-suppressed"
  | "duplicate-period"
  | "encoding"
  | "not-text"
  | "not-publication"
  | "missing-note"
  | "typo"
  | "new-label"
  | "formula-text"
  | "too-large"
  | "unsupported-layout"
  | "replaces-bundled"
  | "not-recalculated"
  | "not-workbook"
  | "external-link"
  | "average-mismatch"
  | "newer-file"
  | "total-scope";

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** 1-based line in the source file, when the finding is about one line. */
  line?: number;
  file?: string;
  /** A workbook's sheet, when the finding is about one (xlsx input). */
  sheet?: string;
  /** A1 reference of the cell on that sheet, e.g. "E7". */
  cell?: string;
  message: string;
}

export function formatFinding(f: Finding): string {
  const where = [
    f.file,
    f.sheet !== undefined ? `ark «${f.sheet}»` : undefined,
    f.cell !== undefined ? `celle ${f.cell}` : undefined,
    f.line !== undefined ? `linje ${f.line}` : undefined,
  ]
    .filter(Boolean)
    .join(", ");
  const prefix = f.severity === "error" ? "Feil" : "Merk";
  return where ? `${prefix} (${where}): ${f.message}` : `${prefix}: ${f.message}`;
}

/** How many findings of one kind (file, severity, code) are listed before the rest are summed up. */
export const FINDINGS_PER_KIND = 20;

/**
 * Keeps the first `max` findings of each kind and replaces the rest with one «… og N til av samme
 * slag», naming their lines, so a wrong file gives a readable answer instead of thousands of lines.
 */
export function capFindings(findings: readonly Finding[], max = FINDINGS_PER_KIND): Finding[] {
  const kindOf = (f: Finding) => `${f.file ?? ""}\u0000${f.severity}\u0000${f.code}`;
  const seen = new Map<string, number>();
  const dropped = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = kindOf(f);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n <= max) out.push(f);
    else if (dropped.has(k)) dropped.get(k)!.push(f);
    else dropped.set(k, [f]);
  }
  for (const rest of dropped.values()) {
    const first = rest[0]!;
    const lines = rest.flatMap((f) => (f.line !== undefined ? [f.line] : []));
    const where = lines.length > 0 ? ` (linje ${lines.reduce((a, b) => Math.min(a, b))}–${lines.reduce((a, b) => Math.max(a, b))})` : "";
    // Placed right after the last one listed, so it reads as the end of that run.
    let last = out.length - 1;
    while (last >= 0 && kindOf(out[last]!) !== kindOf(first)) last--;
    out.splice(last + 1, 0, {
      severity: first.severity,
      code: first.code,
      file: first.file,
      line: lines[0],
      message: `… og ${rest.length} til av samme slag${where}.`,
    });
  }
  return out;
}

/** Thrown when a publication is rejected. Carries every finding, so nothing partial is ever returned. */
export class PublicationError extends InputRejectedError {
  readonly findings: Finding[];
  constructor(findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === "error");
    super("publication-rejected", `Publikasjonen ble avvist (${errors.length} feil):\n` + errors.map(formatFinding).join("\n"));
    this.findings = findings;
  }
}
