// `nav-tiltak import <file>`: parse and audit a publication file; exit 0 when valid, 1 when rejected.
import { importPublications, type ImportOptions } from "../../core/dataset.js";
import { formatFinding } from "../../core/findings.js";
import { ALL } from "../../core/types.js";
import { formatInteger } from "../../core/text.js";
import { loadProjectDataset } from "../../data/load.js";
import { EXIT, readPublicationFile, UsageError } from "../contract.js";
import type { Command } from "../io.js";

/** The bundled months' names, to report a label the file renames; none when they cannot be read. */
function bundledNames(): ImportOptions["reference"] {
  try {
    return loadProjectDataset().dataset;
  } catch {
    return undefined;
  }
}

export const importCommand: Command = {
  summary: "Leser og kontrollerer en publikasjonsfil og skriver ut funnene",
  usage: "nav-tiltak import <fil>",
  help:
    "Filen er NAVs tekstfil for én måned. UTF-8 er vanlig; Windows-1252 («ANSI») og UTF-16 («Unicode») leses også, med en merknad.\n" +
    "Hver feil og merknad nevner linjen. Navn som ikke finnes i de medfølgende månedene, meldes med nærmeste kjente navn.\n" +
    "En fil med rå tall (1–3 som ikke er prikket) avvises; prikk den først med nav-tiltak prikk.\n" +
    "Avvises filen, blir ingenting importert.",
  run(args, io) {
    const file = args[0];
    if (!file) throw new UsageError("Mangler filnavn.");
    if (args.length > 1) throw new UsageError(`Tar én fil, men fikk ${args.length} argumenter.`);
    const source = readPublicationFile(file);
    // A PublicationError (rejected) is reported by the contract, with exit 1.
    const { dataset, findings } = importPublications([source], { reference: bundledNames() });
    for (const f of findings) io.out(`${formatFinding(f)}\n`);
    const p = dataset.periods[0]!;
    const total = p.total[ALL]!.antall;
    io.out(
      `Godkjent: ${p.label}, ${dataset.hovedgrupper.length} hovedgrupper, ${dataset.tiltaksgrupper.length} tiltaksgrupper, ` +
        `${dataset.tiltak.length} tiltak, ${typeof total === "number" ? formatInteger(total) : total} deltakere i alt.\n`,
    );
    return EXIT.OK;
  },
};
