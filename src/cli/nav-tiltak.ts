#!/usr/bin/env node
// Entry point of the compiled CLI (lib/nav-tiltak.mjs, built by src/build/build-cli.mjs): hands the
// generated dataset to the data loader, runs one command under the contract, and makes sure nothing
// escapes it — an error thrown outside a command, or a rejected promise nobody awaited, still ends
// in one Norwegian line and exit 70, with the stack only when NAV_TILTAK_DEBUG=1.
import { readFileSync } from "node:fs";
import type { Dataset } from "../core/types.js";
import { usePrebuiltDataset, type PrebuiltSources } from "../data/prebuilt.js";
import { EXIT, unexpectedErrorText } from "./contract.js";
import { main } from "./main.js";

function fail(e: unknown): void {
  process.stderr.write(unexpectedErrorText(e));
  process.exit(EXIT.INTERNAL);
}

/** The generated dataset the build copied beside this file; absent when run from the sources. */
function usePrebuilt(): void {
  let dataset: Dataset;
  let sources: PrebuiltSources;
  try {
    dataset = JSON.parse(readFileSync(new URL("./data/dataset.json", import.meta.url), "utf8")) as Dataset;
    sources = JSON.parse(readFileSync(new URL("./data/sources.json", import.meta.url), "utf8")) as PrebuiltSources;
  } catch {
    return; // the folder is parsed instead: slower, never wrong
  }
  usePrebuiltDataset(dataset, sources);
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
// `nav-tiltak sheets --tsv | head` closes the pipe early; that is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" ? process.exit(EXIT.OK) : fail(e)));

usePrebuilt();
process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
