// Runs the nav-tiltak CLI in process and collects what it prints.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

// Commands that write files (xlsx) write here, never into the project folder.
const scratch = mkdtempSync(join(tmpdir(), "nav-tiltak-cli-"));

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `nav-tiltak <argv…>`; with `dataDir`, reads publications from that folder (NAV_TILTAK_DATA). */
export async function cli(argv: string[], dataDir?: string): Promise<CliRun> {
  const before = process.env.NAV_TILTAK_DATA;
  if (dataDir !== undefined) process.env.NAV_TILTAK_DATA = dataDir;
  let out = "";
  let err = "";
  try {
    const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), cwd: scratch });
    return { code, out, err };
  } finally {
    if (before === undefined) delete process.env.NAV_TILTAK_DATA;
    else process.env.NAV_TILTAK_DATA = before;
  }
}
