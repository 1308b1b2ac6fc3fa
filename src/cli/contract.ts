// The contract every nav-tiltak command keeps, in one place so a new command gets it for free:
//   exit 0 = done / accepted, 1 = the input was rejected, 2 = usage or file problem;
//   --help (or -h) on every command; file errors in Norwegian; long arguments shortened.
// A command reports a problem by throwing UsageError or FileProblem (or PublicationError for a
// rejected publication, or another typed error from core/errors.ts); runCommand turns each into its
// message and exit code.

import { NavTiltakError } from "../core/errors.js";
import { PublicationError, formatFinding } from "../core/findings.js";
import { periodData } from "../core/layout.js";
import { shorten } from "../core/text.js";
import type { Dataset } from "../core/types.js";
import { FileProblem, readPublicationFile } from "../data/files.js";
import type { CliIO, Command } from "./io.js";

export { FileProblem, readPublicationFile, shorten };

export const EXIT = {
  /** Done; for import: the file was accepted. */
  OK: 0,
  /** The input (a publication file or the data folder's files) was rejected. */
  REJECTED: 1,
  /** Wrong arguments, an unknown period or function, or a file or folder that cannot be read. */
  USAGE: 2,
  /** A bug in nav-tiltak itself (never expected; outside the contract). */
  INTERNAL: 70,
} as const;

/** Wrong use of a command: printed with the command's «Bruk:» line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `--help` or `-h` anywhere among a command's arguments. */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

/** The contract in one line, for every help text. */
export const EXIT_HELP =
  "Exit-status: 0 = ferdig/godkjent, 1 = inndata avvist, 2 = feil bruk eller fil som ikke kan leses, 70 = feil i nav-tiltak selv (meld den).";

/** Set to 1 to see the technical detail (message and stack) of an unexpected error. */
export const DEBUG_VARIABLE = "NAV_TILTAK_DEBUG";

/**
 * What the user sees when nav-tiltak itself fails: one Norwegian line that says what happened and
 * how to report it. The error's own message is usually English and technical, so it is shown,
 * with the stack, only when NAV_TILTAK_DEBUG=1.
 */
export function unexpectedErrorText(e: unknown): string {
  // A typed internal error (a solver limit, a broken installation) says in Norwegian what failed.
  const what = e instanceof NavTiltakError ? `${e.message} ` : "";
  const lines = [
    `Uventet feil i nav-tiltak: ${what}kommandoen ble avbrutt (exit-status ${EXIT.INTERNAL}). Kjør den på nytt med ${DEBUG_VARIABLE}=1 for tekniske detaljer, og meld feilen med kommandoen og det den skrev ut.`,
  ];
  if (process.env[DEBUG_VARIABLE] === "1") lines.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return `${lines.join("\n")}\n`;
}

export function commandHelp(cmd: Command): string {
  const more = cmd.help ? `\n${cmd.help.trimEnd()}\n` : "";
  return `Bruk: ${cmd.usage}\n\n${cmd.summary}.\n${more}\n${EXIT_HELP}\nAlle kommandoer: nav-tiltak --help\n`;
}

/** A `--periode` value: ÅÅÅÅ-MM, or a UsageError. Undefined stays undefined (the newest period). */
export function periodOption(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    throw new UsageError(`Ugyldig periode «${shorten(value)}»: skriv den som ÅÅÅÅ-MM, f.eks. 2016-11.`);
  }
  return value;
}

/** A period the dataset must have: UsageError naming the periods it does have. */
export function requirePeriod(dataset: Dataset, period: string | undefined): void {
  if (period === undefined) return;
  try {
    periodData(dataset, period);
  } catch {
    const known = dataset.periods.map((p) => p.period).join(", ");
    throw new UsageError(`Perioden «${period}» finnes ikke i datasettet (har: ${known}).`);
  }
}

/**
 * Runs one command under the contract: help, then the command, then each kind of failure as its
 * Norwegian message and exit code. The stack trace is shown only with NAV_TILTAK_DEBUG=1.
 */
export async function runCommand(cmd: Command, args: string[], io: CliIO): Promise<number> {
  if (wantsHelp(args)) {
    io.out(commandHelp(cmd));
    return EXIT.OK;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nBruk: ${cmd.usage}\n`);
      return EXIT.USAGE;
    }
    if (e instanceof FileProblem) {
      io.err(`${e.message}\n`);
      return EXIT.USAGE;
    }
    if (e instanceof PublicationError) {
      for (const f of e.findings) (f.severity === "error" ? io.err : io.out)(`${formatFinding(f)}\n`);
      io.err(`Avvist: ${e.findings.filter((f) => f.severity === "error").length} feil. Ingenting ble importert.\n`);
      return EXIT.REJECTED;
    }
    // A typed error's message is written for the user: shown as it is. An internal one is a bug (below).
    if (e instanceof NavTiltakError && e.kind !== "internal") {
      io.err(`${e.message}\n`);
      return e.kind === "rejected" ? EXIT.REJECTED : EXIT.USAGE;
    }
    io.err(unexpectedErrorText(e));
    return EXIT.INTERNAL;
  }
}
