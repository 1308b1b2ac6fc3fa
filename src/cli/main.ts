// The nav-tiltak command line: a thin adapter over the core (same dataset, rule and layouts as the add-in).
import type { CliIO, Command } from "./io.js";
import { EXIT, EXIT_HELP, runCommand, shorten } from "./contract.js";

/**
 * Each command is loaded only when it runs, so `call` starts without the solver (prikk, audit), the
 * xlsx library and Microsoft's Excel client (xlsx): the compiled CLI keeps each in a chunk of its own.
 */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  sheets: async () => (await import("./commands/sheets.js")).sheets,
  import: async () => (await import("./commands/import.js")).importCommand,
  audit: async () => (await import("./commands/audit.js")).audit,
  call: async () => (await import("./commands/call.js")).call,
  xlsx: async () => (await import("./commands/xlsx.js")).xlsx,
  prikk: async () => (await import("./commands/prikk.js")).prikk,
};

async function help(io: CliIO): Promise<void> {
  io.out("nav-tiltak – NAVs statistikk over deltakere i arbeidsrettede tiltak\n\nKommandoer:\n");
  for (const load of Object.values(COMMANDS)) {
    const cmd = await load();
    io.out(`  ${cmd.usage.padEnd(44)} ${cmd.summary}\n`);
  }
  io.out(`\n«nav-tiltak <kommando> --help» forklarer en kommando.\n${EXIT_HELP}\n`);
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    await help(io);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`Ukjent kommando «${shorten(name)}». Se «nav-tiltak --help».\n`);
    return EXIT.USAGE;
  }
  return runCommand(await load(), rest, io);
}
