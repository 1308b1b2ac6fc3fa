// The nav-tiltak command line: a thin adapter over the core (same dataset, rule and layouts as the add-in).
import type { CliIO, Command } from "./io.js";
import { audit } from "./commands/audit.js";
import { call } from "./commands/call.js";
import { importCommand } from "./commands/import.js";
import { prikk } from "./commands/prikk.js";
import { sheets } from "./commands/sheets.js";

export const COMMANDS: Record<string, Command> = {
  sheets,
  import: importCommand,
  audit,
  call,
  prikk,
};

function help(io: CliIO): void {
  io.out("nav-tiltak – NAVs statistikk over deltakere i arbeidsrettede tiltak\n\nKommandoer:\n");
  for (const [name, cmd] of Object.entries(COMMANDS)) io.out(`  ${cmd.usage.padEnd(44)} ${cmd.summary}\n`);
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`Ukjent kommando «${name}». Se «nav-tiltak --help».\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    // Users get the Norwegian message; the stack is for developers.
    io.err(`Feil: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.NAV_TILTAK_DEBUG) io.err(`${(e as Error).stack ?? ""}\n`);
    return 1;
  }
}
