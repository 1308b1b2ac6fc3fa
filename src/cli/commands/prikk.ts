// `nav-tiltak prikk <rå fil> [--ut <fil>]`: protects a file of raw counts (primary "*" for 1–3,
// secondary ":" so that no "*" can be worked out) and writes it in the publication's text format.
// The raw file is the publication's text format or the long CSV (core/long-csv.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { setFlagsFromString } from "node:v8";
import { parseArgs } from "node:util";
import { BUNDLED_DATASET } from "../../core/bundled.js";
import { importPublication } from "../../core/dataset.js";
import { datasetFromLongCsv, isLongCsv } from "../../core/long-csv.js";
import { PublicationError, formatFinding } from "../../core/findings.js";
import { parsePublication } from "../../core/parse.js";
import { nameText } from "../../core/protect/narrowing.js";
import type { ProtectionResult } from "../../core/protect/protect.js";
import { writePublication } from "../../core/publication-text.js";
import { withheldFinding } from "../../core/raw-counts.js";
import { formatInteger } from "../../core/text.js";
import type { Dataset } from "../../core/types.js";
import { argsProblem, type CliIO, type Command } from "../io.js";

const USAGE = "nav-tiltak prikk <rå fil> [--ut <fil>]";

function range(r: { min: number; max: number }): string {
  return r.min === r.max ? formatInteger(r.min) : `${formatInteger(r.min)}–${formatInteger(r.max)}`;
}

/** The report after the publication: what was hidden, how far from the optimum, what cannot be helped. */
function report(result: ProtectionResult, say: (s: string) => void): void {
  const { cost, lowerBound } = result;
  say(`Prikket ${result.primary.length} tall med «*» (1–3, eller en endring der fjorårets antall var 1–3).\n`);
  say(`Skjulte ${cost.cells} tall med «:» for å beskytte dem (sum ${formatInteger(cost.sum)}).\n`);
  say(
    result.optimal
      ? `${cost.cells} celler skjult (optimum): ingen trygg prikking skjuler færre, eller like mange med mindre sum.\n`
      : `${cost.cells} celler skjult, minst ${lowerBound.cells} trengs: tidsgrensen stoppet søket før optimum var bevist.\n`,
  );
  for (const f of result.secondary)
    say(`  «:» ${f.label}: ${f.kind === "change" ? `fjorårets antall ${formatInteger(f.value)}` : formatInteger(f.value)}\n`);
  for (const n of result.inherent) say(`  Merk: ${nameText(n, n.kind)} kan ikke skjules bedre enn ${range(n.got)}: ${n.reason}.\n`);
}

/** A publication text of raw counts; rejected (PublicationError) when it is malformed or already hides figures. */
function rawPublication(text: string, file: string): Dataset {
  const { dataset } = importPublication(text, file, { acceptRawCounts: true });
  const withheld = withheldFinding(parsePublication(text).publication, file);
  if (withheld) throw new PublicationError([withheld]);
  return dataset;
}

export const prikk: Command = {
  summary: "Prikker en fil med rå tall (* og :) så ingen * kan regnes ut",
  usage: USAGE,
  async run(args: string[], io: CliIO) {
    let file: string | undefined;
    let out: string | undefined;
    try {
      const parsed = parseArgs({ args, options: { ut: { type: "string" } }, allowPositionals: true });
      if (parsed.positionals.length !== 1) throw Object.assign(new Error("positionals"), { code: "USAGE" });
      file = parsed.positionals[0];
      out = parsed.values.ut;
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === "USAGE" ? "Oppgi én rå fil." : argsProblem(e, () => "«--ut» trenger et filnavn.");
      io.err(`${why}\nBruk: ${USAGE}\n`);
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(file!, "utf8");
    } catch (e) {
      io.err(`Kan ikke lese «${file}»: ${(e as NodeJS.ErrnoException).code ?? String(e)}\nBruk: ${USAGE}\n`);
      return 2;
    }
    let dataset;
    try {
      // The long CSV (one tiltak and hovedgruppe a line) or the publication's text format, whose raw
      // counts every other command refuses: protecting them is what this command is for.
      dataset = isLongCsv(text) ? datasetFromLongCsv(text, BUNDLED_DATASET, basename(file!)) : rawPublication(text, basename(file!));
    } catch (e) {
      if (!(e instanceof PublicationError)) throw e;
      for (const f of e.findings) (f.severity === "error" ? io.err : io.out)(`${formatFinding(f)}\n`);
      io.err(`Avvist: ${e.findings.filter((f) => f.severity === "error").length} feil. Ingenting ble prikket.\n`);
      return 1;
    }
    // Loaded here, not at start-up: the solver and the audit are only needed once a file is read.
    // HiGHS (WebAssembly) is compiled once per run here, and a run lasts a second or two: V8's
    // baseline compiler alone is faster than tiering the solver up to optimised code, whose compile
    // costs more CPU than it saves (November 2016 from cold: about a third of the time). The flag
    // only concerns WebAssembly compiled after it, so it must precede loading the solver.
    setFlagsFromString("--liftoff-only");
    const { protect } = await import("../../core/protect/protect.js");
    const result = await protect(dataset);
    const published = writePublication(result.dataset, result.period);
    if (out) {
      try {
        writeFileSync(out, published);
      } catch (e) {
        io.err(`Kan ikke skrive «${out}»: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
        return 2;
      }
    } else io.out(published);
    // The report goes to stderr when the publication goes to stdout, so the output stays importable.
    report(result, out ? io.out : io.err);
    return 0;
  },
};
