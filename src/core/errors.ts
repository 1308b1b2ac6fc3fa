// The errors a user can meet, in one module: each has a Norwegian message (shown as it is, with
// no stack trace, by the CLI and the task pane) and a code for programs. What kind an error is
// decides how the CLI ends (src/cli/contract.ts): rejected input exits 1, something asked for that
// does not exist exits 2 like a usage error, and a failure of nav-tiltak itself exits 70.
//
// Also user-facing, kept beside what they describe: PublicationError (findings.ts, a rejected
// file with every finding), UsageError (cli/contract.ts) and FileProblem (data/files.ts).

export type ErrorKind = "rejected" | "not-found" | "internal";

export type ErrorCode =
  /** Protection needs raw counts, and the file already has "*" or ":". */
  | "not-raw"
  /** A layout cell is neither a number, "*", ":" nor empty. */
  | "bad-cell"
  /** The published figures cannot all hold (the disclosure audit found no solution). */
  | "contradictory-figures"
  /** Two time-series tables of the same TILT code and year given to be protected together. */
  | "duplicate-table"
  | "unknown-period"
  | "no-periods"
  /** No free sheet name is left for a new sheet. */
  | "no-sheet-name"
  /** A table or column every layout has is missing: a bug. */
  | "missing-table"
  /** Protection or the audit could not finish (a solver status, a check that failed): a bug. */
  | "protection-failed"
  | "audit-failed"
  /** The exact bounds search gave up at its budget, or the integer-programming solver did not finish. */
  | "solver-limit"
  /** The «*» of a period cannot be worked back from its sums (it has cells hidden with ":"). */
  | "cannot-recover"
  /** A file given as a workbook is not a readable xlsx (not a zip, .xls, encrypted, too big, broken). */
  | "not-workbook"
  /** A publication file was rejected (PublicationError, with its findings). */
  | "publication-rejected"
  /** The user's own file cannot be kept in, or read back from, the workbook (host too old, too big, damaged). */
  | "workbook-storage"
  /** The installed program is incomplete (its package.json or data folder cannot be found): a bug. */
  | "broken-installation";

/** Base of every typed error: a Norwegian message, a code, and its kind. */
export abstract class NavTiltakError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input cannot be used as it is (CLI exit 1). */
export class InputRejectedError extends NavTiltakError {
  readonly kind = "rejected";
}

/** Something the user asked for (a period, a sheet name) does not exist (CLI exit 2). */
export class NotFoundError extends NavTiltakError {
  readonly kind = "not-found";
}

/** nav-tiltak could not finish what it should always finish: a bug to report (CLI exit 70). */
export class InternalError extends NavTiltakError {
  readonly kind = "internal";
}

/** The published figures contradict each other; `equations` names the ones that cannot all hold. */
export class InfeasibleAuditError extends InputRejectedError {
  constructor(
    message: string,
    readonly equations: string[],
  ) {
    super("contradictory-figures", message);
  }
}

/** The exact bounds search reached its budget: bounds found after it would not be proven exact. */
export class DisclosureSearchLimitError extends InternalError {
  constructor(readonly limit: number) {
    super("solver-limit", `Prikkekontrollen ga opp etter ${limit} søkesteg: grensene ville ikke vært eksakte.`);
  }
}

/** The integer-programming solver (HiGHS) did not report an optimum: its bounds would not be exact. */
export class MilpError extends InternalError {
  constructor(readonly status: string) {
    super("solver-limit", `Prikkekontrollen: heltallsløseren svarte «${status}», så grensene ville ikke vært eksakte.`);
  }
}
