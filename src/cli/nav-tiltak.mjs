#!/usr/bin/env node
// Entry point for `npx nav-tiltak`: runs the TypeScript CLI through tsx, so the CLI always uses
// the same core code as the add-in, with no separate build step.
import { register } from "tsx/esm/api";

register();
// `nav-tiltak sheets --tsv | head` closes the pipe early; that is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
