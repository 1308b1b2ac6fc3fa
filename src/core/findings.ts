// Findings of the parser and the audit. Messages are Norwegian (shown to users); codes are for programs.

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
  | "duplicate-period";

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** 1-based line in the source file, when the finding is about one line. */
  line?: number;
  file?: string;
  message: string;
}

export function formatFinding(f: Finding): string {
  const where = [f.file, f.line !== undefined ? `linje ${f.line}` : undefined].filter(Boolean).join(", ");
  const prefix = f.severity === "error" ? "Feil" : "Merk";
  return where ? `${prefix} (${where}): ${f.message}` : `${prefix}: ${f.message}`;
}

/** Thrown when a publication is rejected. Carries every finding, so nothing partial is ever returned. */
export class PublicationError extends Error {
  readonly findings: Finding[];
  constructor(findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === "error");
    super(
      `Publikasjonen ble avvist (${errors.length} ${errors.length === 1 ? "feil" : "feil"}):\n` +
        errors.map(formatFinding).join("\n"),
    );
    this.name = "PublicationError";
    this.findings = findings;
  }
}
