// `nav-tiltak call <FUNKSJON> [ARGUMENT...]`: runs a NAV.* custom function outside Excel, through
// the same core code (src/core/functions.ts) as the add-in, so a result can be checked from a shell.
import {
  FUNCTION_IDS,
  FUNCTION_PARAMETERS,
  NAMESPACE,
  NavFunctions,
  functionId,
  EXCEL_ERROR_TEXT,
  type ArrayCell,
} from "../../core/functions.js";
import { callFunction, isArrayFunction } from "../../core/table-functions.js";
import { projectDataset } from "../../data/project-dataset.js";
import { EXIT, shorten } from "../contract.js";
import type { CliIO, Command } from "../io.js";

/** Exit status for an Excel error (#VALUE!, #N/A: the arguments were wrong) and for bad usage. */
export const EXIT_EXCEL_ERROR = EXIT.USAGE;
export const EXIT_USAGE = EXIT.USAGE;

function signatures(): string {
  return FUNCTION_IDS.map((id) => {
    const params = FUNCTION_PARAMETERS[id].map((p) => (p.optional ? `[${p.name}]` : p.name));
    return `  ${NAMESPACE}.${id}(${params.join("; ")})`;
  }).join("\n");
}

function usage(io: CliIO, problem: string): number {
  io.err(`${problem}\nBruk: ${call.usage}\n${call.help}\n`);
  return EXIT_USAGE;
}

export const call: Command = {
  summary: "Kjører en NAV-funksjon (som i Excel): ett tall som JSON, TABELL og DATA som TSV-rader",
  usage: "nav-tiltak call <FUNKSJON> [ARGUMENT...]",
  get help() {
    return (
      `Funksjoner (NAV.-prefikset kan sløyfes, store/små bokstaver spiller ingen rolle):\n${signatures()}\n` +
      `Et tomt argument ("") betyr standardverdien, f.eks. nav-tiltak call TILTAK Arbeidstrening "" 2016-11\n` +
      "Resultatet skrives som én linje JSON; TABELL og DATA skrives som én linje per rad med tabulator mellom cellene.\n" +
      "#VALUE! og #N/A skrives til stderr, med exit-status 2."
    );
  },
  async run(args, io) {
    const [name, ...rest] = args;
    if (name === undefined) return usage(io, "Mangler funksjonsnavn.");
    const id = functionId(name);
    if (!id) return usage(io, `Ukjent funksjon «${shorten(name)}».`);
    const params = FUNCTION_PARAMETERS[id];
    const required = params.filter((p) => !p.optional).length;
    if (rest.length < required) {
      return usage(io, `${NAMESPACE}.${id} trenger argumentet ${params[rest.length]!.name}.`);
    }
    if (rest.length > params.length) {
      return usage(
        io,
        `${NAMESPACE}.${id} tar høyst ${params.length} argument${params.length === 1 ? "" : "er"}, men fikk ${rest.length}.`,
      );
    }

    const result = callFunction(new NavFunctions((await projectDataset()).dataset), id, rest);
    if (result.error) {
      io.err(`${EXCEL_ERROR_TEXT[result.error.kind]} ${result.error.message}\n`);
      return EXIT_EXCEL_ERROR;
    }
    const value = result.value;
    if (isArrayFunction(id)) {
      // TABELL and DATA spill a grid in Excel; here one line per row, cells separated by tabs
      // (numbers unformatted, empty cells empty), ready for `cut`, `sort` or a spreadsheet.
      io.out((value as ArrayCell[][]).map((row) => `${row.map(tsvCell).join("\t")}\n`).join(""));
      return 0;
    }
    // LISTE spills a column in Excel; on the command line a flat array reads better.
    io.out(`${JSON.stringify(Array.isArray(value) ? value.map((row) => row[0]) : value)}\n`);
    return 0;
  },
};

/** A cell as TSV text; names never hold tabs or line breaks, but a cell must never split a row. */
function tsvCell(cell: ArrayCell): string {
  return String(cell).replace(/[\t\r\n]+/g, " ");
}
