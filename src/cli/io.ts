import { shorten } from "../core/text.js";

// Output sinks for the CLI, injected so tests can run commands in-process.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  /** One line of Norwegian help text. */
  summary: string;
  usage: string;
  /** More Norwegian help for `--help`: options, examples. */
  help?: string;
  /**
   * Runs the command. Problems are thrown (see contract.ts: UsageError, FileProblem,
   * PublicationError) or returned as an exit code from EXIT.
   */
  run(args: string[], io: CliIO): Promise<number> | number;
}

/**
 * node:util parseArgs's errors are English; this says what is wrong in Norwegian.
 * `valueHint` explains which options take a value and which take none (given the offending one).
 */
export function argsProblem(e: unknown, valueHint: (option: string | undefined) => string): string {
  const found = /'([^']+)'/.exec((e as Error).message)?.[1];
  const option = found === undefined ? undefined : shorten(found);
  switch ((e as NodeJS.ErrnoException).code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Ukjent valg «${option}».`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Uventet argument «${option}».`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return valueHint(option);
    default:
      return "Ugyldige argumenter.";
  }
}
