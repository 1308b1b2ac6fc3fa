// `nav-tiltak xlsx`: the workbook the add-in builds, as an .xlsx file for Excel without the add-in.
// The add-in's own writer fills an in-memory workbook; src/xlsx saves that state.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { periodData } from "../../core/layout.js";
import { projectDataset } from "../../data/project-dataset.js";
import { addinXlsx } from "../../xlsx/addin-workbook.js";
import { periodOption, requirePeriod, shorten, UsageError } from "../contract.js";
import { OVERWRITE_OPTION, writeOutputFile } from "../output-file.js";
import { argsProblem, type Command } from "../io.js";

const USAGE = "nav-tiltak xlsx [--ut <fil.xlsx>] [--overskriv] [--periode ÅÅÅÅ-MM]";

export const xlsx: Command = {
  summary: "Lagrer arbeidsboken tillegget lager som en .xlsx-fil (for Excel uten tillegget)",
  usage: USAGE,
  help:
    "--ut <fil.xlsx>       filen som skrives (standard: nav-tiltak-<periode>.xlsx i mappen du står i)\n" +
    "--overskriv           erstatt filen hvis den finnes (ellers avbrytes det med exit-status 2)\n" +
    "--periode ÅÅÅÅ-MM     måneden tabellene gjelder (standard: nyeste); dekker NAVs tidsserier året,\n" +
    "                      kommer ett ark per TILT-tabell for året med",
  async run(args, io) {
    let values: { ut?: string; periode?: string; overskriv?: boolean };
    try {
      const options = { ut: { type: "string" }, periode: { type: "string" }, [OVERWRITE_OPTION]: { type: "boolean" } } as const;
      values = parseArgs({ args, options }).values;
    } catch (e) {
      throw new UsageError(
        argsProblem(e, (option) => `${option ? `«${option.split(" ")[0]}» ` : ""}trenger en verdi: --ut <fil.xlsx>, --periode ÅÅÅÅ-MM.`),
      );
    }
    periodOption(values.periode);
    if (values.ut !== undefined && !/\.xlsx$/i.test(values.ut)) {
      throw new UsageError(`Filnavnet «${shorten(values.ut)}» må slutte på .xlsx, ellers vil ikke Excel åpne filen.`);
    }

    const { dataset } = await projectDataset();
    requirePeriod(dataset, values.periode);
    const period = periodData(dataset, values.periode);
    const file = resolve(io.cwd ?? process.cwd(), values.ut ?? `nav-tiltak-${period.period}.xlsx`);

    const { bytes, built, exported } = await addinXlsx(dataset, values.periode);
    writeOutputFile(file, bytes, values.overskriv === true);
    const sheets = exported.workbook.worksheets.map((ws) => ws.name);
    io.out(`Skrev ${file}: ${sheets.length} ark for ${period.label} (${sheets.join(", ")}).\n`);
    for (const m of built.messages) io.out(`${m}\n`);
    if (built.fake.state.pivotTables().length > 0) {
      io.out("Pivottabellen er lagret som tall med en merknad; lag en ekte pivottabell i Excel med Sett inn → Pivottabell.\n");
    }
    return 0;
  },
};
