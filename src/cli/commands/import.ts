// `nav-tiltak import <file>`: parse and audit a publication file; exit 0 when valid, 1 when rejected.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { importPublication } from "../../core/dataset.js";
import { PublicationError, formatFinding } from "../../core/findings.js";
import { ALL } from "../../core/types.js";
import { formatInteger } from "../../core/text.js";
import type { Command } from "../io.js";

export const importCommand: Command = {
  summary: "Leser og kontrollerer en publikasjonsfil og skriver ut funnene",
  usage: "nav-tiltak import <fil>",
  run(args, io) {
    const file = args[0];
    if (!file || args.length > 1) {
      io.err(`Bruk: ${this.usage}\n`);
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      io.err(`Kan ikke lese «${file}»: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
    try {
      const { dataset, findings } = importPublication(text, basename(file));
      for (const f of findings) io.out(`${formatFinding(f)}\n`);
      const p = dataset.periods[0]!;
      const total = p.total[ALL]!.antall;
      io.out(
        `Godkjent: ${p.label}, ${dataset.hovedgrupper.length} hovedgrupper, ${dataset.tiltaksgrupper.length} tiltaksgrupper, ` +
          `${dataset.tiltak.length} tiltak, ${typeof total === "number" ? formatInteger(total) : total} deltakere i alt.\n`,
      );
      return 0;
    } catch (e) {
      if (!(e instanceof PublicationError)) throw e;
      for (const f of e.findings) (f.severity === "error" ? io.err : io.out)(`${formatFinding(f)}\n`);
      io.err(`Avvist: ${e.findings.filter((f) => f.severity === "error").length} feil. Ingenting ble importert.\n`);
      return 1;
    }
  },
};
