// `nav-tiltak sheets --tsv`: every sheet the add-in inserts, as the text Excel will display.
import { parseArgs } from "node:util";
import { buildLayouts, layoutText } from "../../core/layout.js";
import { loadProjectDataset } from "../../data/load.js";
import { argsProblem, type Command } from "../io.js";

export const sheets: Command = {
  summary: "Skriver ut hvert ark tillegget setter inn, som tabulatorseparert tekst",
  usage: "nav-tiltak sheets --tsv [--periode ÅÅÅÅ-MM]",
  run(args, io) {
    let values: { tsv?: boolean; periode?: string };
    try {
      values = parseArgs({ args, options: { tsv: { type: "boolean" }, periode: { type: "string" } } }).values;
    } catch (e) {
      const what = argsProblem(e, () => "--periode trenger en verdi (ÅÅÅÅ-MM); --tsv tar ingen.");
      io.err(`${what}\nBruk: ${this.usage}\n`);
      return 2;
    }
    if (!values.tsv) {
      io.err("Bare --tsv støttes foreløpig: nav-tiltak sheets --tsv\n");
      return 2;
    }
    const { dataset } = loadProjectDataset();
    for (const layout of buildLayouts(dataset, values.periode)) {
      io.out(`## ${layout.name}\n`);
      for (const row of layoutText(layout)) io.out(`${row.join("\t")}\n`);
    }
    return 0;
  },
};
