// `nav-tiltak import <fil> …`: parse and audit publication files (the one-month text publication
// and NAV's time-series workbooks, TILT100–TILT180) together; exit 0 when all are valid, 1 when
// any is rejected (then nothing is imported).
import { importPublications, type ImportOptions } from "../../core/dataset.js";
import { formatFinding } from "../../core/findings.js";
import { ALL, type Dataset } from "../../core/types.js";
import { formatInteger, periodLabel } from "../../core/text.js";
import { projectDataset } from "../../data/project-dataset.js";
import { EXIT, readPublicationFile, UsageError } from "../contract.js";
import type { Command } from "../io.js";

/** The bundled months' names, to report a label the file renames; none when they cannot be read. */
async function bundledNames(): Promise<ImportOptions["reference"]> {
  try {
    return (await projectDataset()).dataset;
  } catch {
    return undefined;
  }
}

/** «Januar 2024 – Mars 2026, November 2016»: runs of consecutive months as ranges. */
export function periodRanges(periods: readonly string[]): string {
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  const runs: string[][] = [];
  for (const p of periods) {
    const run = runs[runs.length - 1];
    if (run && index(p) === index(run[run.length - 1]!) + 1) run.push(p);
    else runs.push([p]);
  }
  return runs.map((r) => (r.length === 1 ? periodLabel(r[0]!) : `${periodLabel(r[0]!)} – ${periodLabel(r[r.length - 1]!)}`)).join(", ");
}

function summary(dataset: Dataset, files: number): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const dims = [
    count(dataset.hovedgrupper.length, "hovedgruppe", "hovedgrupper"),
    count(dataset.tiltaksgrupper.length, "tiltaksgruppe", "tiltaksgrupper"),
    count(dataset.tiltak.length, "tiltak", "tiltak"),
  ].join(", ");
  if (dataset.periods.length === 1 && files === 1) {
    const p = dataset.periods[0]!;
    const total = p.total[ALL]!.antall;
    return `Godkjent: ${p.label}, ${dims}, ${typeof total === "number" ? formatInteger(total) : total} deltakere i alt.\n`;
  }
  const months = dataset.periods.length;
  return `Godkjent: ${files} ${files === 1 ? "fil" : "filer"}, ${months} måned${months === 1 ? "" : "er"} (${periodRanges(dataset.periods.map((p) => p.period))}), ${dims}.\n`;
}

export const importCommand: Command = {
  summary: "Leser og kontrollerer publikasjonsfiler og skriver ut funnene",
  usage: "nav-tiltak import <fil> …",
  help:
    "Filene er NAVs tekstfil for én måned og/eller NAVs tidsserier som Excel-arbeidsbøker (TILT100–TILT180, «…_TILT130_…xlsx»).\n" +
    "Tekstfiler: UTF-8 er vanlig; Windows-1252 («ANSI») og UTF-16 («Unicode») leses også, med en merknad.\n" +
    "Hver feil og merknad nevner linjen, eller arket og cellen. Navn som ikke finnes i de medfølgende månedene, meldes med nærmeste kjente navn.\n" +
    "Finnes en måned i to arbeidsbøker, brukes den nyeste (med en merknad). Alle filene kontrolleres mot hverandre.\n" +
    "En fil med rå tall (1–3 som ikke er prikket) avvises; prikk den først med nav-tiltak prikk.\n" +
    "Avvises en fil, blir ingenting importert.",
  async run(args, io) {
    if (args.length === 0) throw new UsageError("Mangler filnavn.");
    const sources = args.map(readPublicationFile);
    // A PublicationError (rejected) is reported by the contract, with exit 1.
    const { dataset, findings } = importPublications(sources, { reference: await bundledNames() });
    for (const f of findings) io.out(`${formatFinding(f)}\n`);
    io.out(summary(dataset, sources.length));
    return EXIT.OK;
  },
};
