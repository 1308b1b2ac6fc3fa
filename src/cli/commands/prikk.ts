// `nav-tiltak prikk <rå fil> [--ut <fil>]`: protects a file of raw counts (primary "*" for 1–3,
// secondary ":" so that no "*" can be worked out) and writes it in the publication's text format.
// The raw file is the publication's text format or the long CSV (core/long-csv.ts). Raw TILT
// workbooks (one or more) go to prikk-workbooks.ts and come back as workbooks in the same layout.
import { setFlagsFromString } from "node:v8";
import { parseArgs } from "node:util";
import { BUNDLED_DATASET } from "../../core/bundled.js";
import { importPublications, type SourceFile } from "../../core/dataset.js";
import { datasetFromLongCsv, isLongCsv } from "../../core/long-csv.js";
import { PublicationError, formatFinding } from "../../core/findings.js";
import { parsePublication } from "../../core/parse.js";
import { nameText } from "../../core/protect/narrowing.js";
import type { ProtectionResult } from "../../core/protect/protect.js";
import { writePublication } from "../../core/publication-text.js";
import { withheldFinding } from "../../core/raw-counts.js";
import { formatInteger } from "../../core/text.js";
import type { Dataset } from "../../core/types.js";
import { FileProblem, readPublicationFile } from "../../data/files.js";
import { argsProblem, type CliIO, type Command } from "../io.js";
import { prikkWorkbooks } from "./prikk-workbooks.js";
import { OVERWRITE_OPTION, writeOutputFile } from "../output-file.js";

const USAGE =
  "nav-tiltak prikk <rå fil> [--ut <fil>] [--overskriv] [--tidsgrense <sekunder>]  |  nav-tiltak prikk <rå.xlsx>… --ut <mappe | fil.xlsx> [--overskriv] [--tidsgrense <sekunder>]";

/** «--tidsgrense» in seconds as milliseconds; undefined when not given; null when it is not a positive number. */
function timeLimit(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const s = Number(text.replace(",", "."));
  return Number.isFinite(s) && s > 0 && s <= 86_400 ? Math.round(s * 1000) : null;
}

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
function rawPublication(source: SourceFile): Dataset {
  const { dataset } = importPublications([source], { acceptRawCounts: true });
  const withheld = withheldFinding(parsePublication(source.text).publication, source.file);
  if (withheld) throw new PublicationError([withheld]);
  return dataset;
}

export const prikk: Command = {
  summary: "Prikker en fil med rå tall (* og :) så ingen * kan regnes ut",
  usage: USAGE,
  help:
    "--ut <fil>     skriv den prikkede filen hit (ellers til standard ut, og rapporten til standard feil)\n" +
    "               arbeidsbøker (TILT100–TILT180 med rå tall): --ut er en mappe (filene får sine egne navn)\n" +
    "               eller, for én arbeidsbok, et filnavn\n" +
    "--overskriv    erstatt --ut-filen hvis den finnes (ellers avbrytes det med exit-status 2)\n" +
    "--tidsgrense <sekunder>\n" +
    "               hvor lenge det eksakte søket får bruke (standard 10); stopper det før optimum er bevist,\n" +
    "               brukes den beste trygge prikkingen, og rapporten sier hvor mange celler som minst trengs.\n" +
    "               Flere arbeidsbøker fra samme år prikkes sammen, slik de leses sammen (TILT100 mot de andre).",
  async run(args: string[], io: CliIO) {
    let files: string[] = [];
    let out: string | undefined;
    let overwrite = false;
    let limit: number | undefined | null;
    try {
      const options = { ut: { type: "string" }, [OVERWRITE_OPTION]: { type: "boolean" }, tidsgrense: { type: "string" } } as const;
      const parsed = parseArgs({ args, options, allowPositionals: true });
      if (parsed.positionals.length === 0) throw Object.assign(new Error("positionals"), { code: "USAGE" });
      files = parsed.positionals;
      out = parsed.values.ut;
      overwrite = parsed.values[OVERWRITE_OPTION] === true;
      limit = timeLimit(parsed.values.tidsgrense);
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code === "USAGE"
          ? "Oppgi en rå fil."
          : argsProblem(e, (o) =>
              o?.includes("tidsgrense") ? "«--tidsgrense» trenger et antall sekunder." : "«--ut» trenger et filnavn.",
            );
      io.err(`${why}\nBruk: ${USAGE}\n`);
      return 2;
    }
    if (limit === null) {
      io.err(`«--tidsgrense» må være et antall sekunder større enn 0 (høyst ett døgn).\nBruk: ${USAGE}\n`);
      return 2;
    }
    const limitOption = limit === undefined ? {} : { timeLimitMs: limit };
    let sources: SourceFile[];
    try {
      sources = files.map((f) => readPublicationFile(f));
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      io.err(`${e.message}\nBruk: ${USAGE}\n`);
      return 2;
    }
    const workbooks = sources.flatMap((s) => (s.bytes ? [{ file: s.file, bytes: s.bytes }] : []));
    if (workbooks.length === sources.length) return prikkWorkbooks(workbooks, out, { overwrite, ...limitOption }, USAGE, io);
    if (sources.length !== 1) {
      io.err(`Flere filer går bare for Excel-arbeidsbøker (TILT); en tekstfil prikkes alene.\nBruk: ${USAGE}\n`);
      return 2;
    }
    const source = sources[0]!;
    const text = source.text;
    let dataset;
    try {
      // The long CSV (one tiltak and hovedgruppe a line) or the publication's text format, whose raw
      // counts every other command refuses: protecting them is what this command is for.
      dataset = isLongCsv(text) ? datasetFromLongCsv(text, BUNDLED_DATASET, source.file) : rawPublication(source);
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
    const result = await protect(dataset, undefined, undefined, limitOption);
    const published = writePublication(result.dataset, result.period);
    if (out) {
      try {
        writeOutputFile(out, published, overwrite);
      } catch (e) {
        if (!(e instanceof FileProblem)) throw e;
        io.err(`${e.message}\n`);
        return 2;
      }
    } else io.out(published);
    // The report goes to stderr when the publication goes to stdout, so the output stays importable.
    report(result, out ? io.out : io.err);
    return 0;
  },
};
