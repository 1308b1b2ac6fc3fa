// Output sinks for the CLI, injected so tests can run commands in-process.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  /** One line of Norwegian help text. */
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number> | number;
}
