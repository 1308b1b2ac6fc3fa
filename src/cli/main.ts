// The nav-tiltak command line: a thin adapter over the core (same dataset, rule and layouts as the add-in).
import type { CliIO, Command } from "./io.js";
import { EXIT, EXIT_HELP, runCommand, shorten } from "./contract.js";
import { audit } from "./commands/audit.js";
import { call } from "./commands/call.js";
import { importCommand } from "./commands/import.js";
import { prikk } from "./commands/prikk.js";
import { sheets } from "./commands/sheets.js";
import { xlsx } from "./commands/xlsx.js";

export const COMMANDS: Record<string, Command> = {
  sheets,
  import: importCommand,
  audit,
  call,
  xlsx,
  prikk,
};

function help(io: CliIO): void {
  io.out("nav-tiltak – NAVs statistikk over deltakere i arbeidsrettede tiltak\n\nKommandoer:\n");
  for (const cmd of Object.values(COMMANDS)) io.out(`  ${cmd.usage.padEnd(44)} ${cmd.summary}\n`);
  io.out(`\n«nav-tiltak <kommando> --help» forklarer en kommando.\n${EXIT_HELP}\n`);
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) {
    io.err(`Ukjent kommando «${shorten(name)}». Se «nav-tiltak --help».\n`);
    return EXIT.USAGE;
  }
  return runCommand(cmd, rest, io);
}
