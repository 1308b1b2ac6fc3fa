// `nav-tiltak xlsx`: the workbook the add-in builds, as an .xlsx file for Excel without the add-in.
// The add-in's own writer fills an in-memory workbook; src/xlsx saves that state.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { periodData } from "../../core/layout.js";
import { loadProjectDataset } from "../../data/load.js";
import { addinXlsx } from "../../xlsx/build.js";
import { FileProblem, periodOption, requirePeriod, shorten, UsageError } from "../contract.js";
import { argsProblem, type Command } from "../io.js";

const USAGE = "nav-tiltak xlsx [--ut <fil.xlsx>] [--periode ÅÅÅÅ-MM]";

/** Why a file could not be written, in Norwegian. */
function writeProblem(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "ENOENT"
      ? "mappen finnes ikke"
      : code === "EACCES" || code === "EPERM"
        ? "ingen skrivetilgang"
        : code === "EISDIR"
          ? "det er en mappe"
          : code === "EBUSY"
            ? "filen er i bruk (er den åpen i Excel?)"
            : (code ?? String(e));
  return `Kan ikke skrive «${file}»: ${why}.`;
}

export const xlsx: Command = {
  summary: "Lagrer arbeidsboken tillegget lager som en .xlsx-fil (for Excel uten tillegget)",
  usage: USAGE,
  help:
    "--ut <fil.xlsx>       filen som skrives (standard: nav-tiltak-<periode>.xlsx i mappen du står i)\n" +
    "--periode ÅÅÅÅ-MM     måneden tabellene gjelder (standard: nyeste)",
  async run(args, io) {
    let values: { ut?: string; periode?: string };
    try {
      values = parseArgs({ args, options: { ut: { type: "string" }, periode: { type: "string" } } }).values;
    } catch (e) {
      throw new UsageError(
        argsProblem(e, (option) => `${option ? `«${option.split(" ")[0]}» ` : ""}trenger en verdi: --ut <fil.xlsx>, --periode ÅÅÅÅ-MM.`),
      );
    }
    periodOption(values.periode);
    if (values.ut !== undefined && !/\.xlsx$/i.test(values.ut)) {
      throw new UsageError(`Filnavnet «${shorten(values.ut)}» må slutte på .xlsx, ellers vil ikke Excel åpne filen.`);
    }

    const { dataset } = loadProjectDataset();
    requirePeriod(dataset, values.periode);
    const period = periodData(dataset, values.periode);
    const file = resolve(io.cwd ?? process.cwd(), values.ut ?? `nav-tiltak-${period.period}.xlsx`);

    const { bytes, built, exported } = await addinXlsx(dataset, values.periode);
    try {
      writeFileSync(file, bytes);
    } catch (e) {
      throw new FileProblem(writeProblem(shorten(file), e));
    }
    const sheets = exported.workbook.worksheets.map((ws) => ws.name);
    io.out(`Skrev ${file}: ${sheets.length} ark for ${period.label} (${sheets.join(", ")}).\n`);
    for (const m of built.messages) io.out(`${m}\n`);
    if (built.fake.state.pivotTables().length > 0) {
      io.out("Pivottabellen er lagret som tall med en merknad; lag en ekte pivottabell i Excel med Sett inn → Pivottabell.\n");
    }
    return 0;
  },
};
