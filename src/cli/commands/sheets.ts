// `nav-tiltak sheets --tsv`: every sheet the add-in inserts, as the text Excel will display.
import { parseArgs } from "node:util";
import { buildLayouts, layoutText } from "../../core/layout.js";
import { seriesLayouts, seriesLayoutText } from "../../core/series-layout.js";
import { projectDataset } from "../../data/project-dataset.js";
import { EXIT, periodOption, requirePeriod, UsageError } from "../contract.js";
import { argsProblem, type Command } from "../io.js";

export const sheets: Command = {
  summary: "Skriver ut hvert ark tillegget setter inn, som tabulatorseparert tekst",
  usage: "nav-tiltak sheets --tsv [--periode ÅÅÅÅ-MM] [--tidsserier]",
  help:
    "--tsv         skriv arkene som tabulatorseparert tekst (eneste format foreløpig)\n" +
    "--periode     måneden som skal skrives (ÅÅÅÅ-MM); nyeste om den utelates\n" +
    "--tidsserier  skriv i stedet NAVs tidsserietabeller slik NAV setter dem opp (månedene som kolonner,\n" +
    "              «Gjennomsnitt hittil i år»), én per TILT-tabell og år; med --periode bare det året",
  async run(args, io) {
    let values: { tsv?: boolean; periode?: string; tidsserier?: boolean };
    try {
      values = parseArgs({
        args,
        options: { tsv: { type: "boolean" }, periode: { type: "string" }, tidsserier: { type: "boolean" } },
      }).values;
    } catch (e) {
      throw new UsageError(argsProblem(e, () => "--periode trenger en verdi (ÅÅÅÅ-MM); --tsv og --tidsserier tar ingen."));
    }
    if (!values.tsv) throw new UsageError("Bare --tsv støttes foreløpig: nav-tiltak sheets --tsv");
    const period = periodOption(values.periode);
    const { dataset } = await projectDataset();
    requirePeriod(dataset, period);
    if (values.tidsserier) {
      const layouts = seriesLayouts(dataset, period ? Number(period.slice(0, 4)) : undefined);
      if (layouts.length === 0) throw new UsageError("Datasettet har ingen av NAVs tidsserier (TILT-arbeidsbøker).");
      for (const layout of layouts) {
        io.out(`## ${layout.name}\n`);
        for (const row of seriesLayoutText(layout)) io.out(`${row.join("\t")}\n`);
      }
      return EXIT.OK;
    }
    for (const layout of buildLayouts(dataset, period)) {
      io.out(`## ${layout.name}\n`);
      for (const row of layoutText(layout)) io.out(`${row.join("\t")}\n`);
    }
    return EXIT.OK;
  },
};
