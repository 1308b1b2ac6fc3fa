// `nav-tiltak audit`: which suppressed cells the published totals give away (prikkekontroll).
import { parseArgs } from "node:util";
import { auditPeriod, type AuditMode, type CellBounds, type TableAudit } from "../../core/disclosure-audit.js";
import { importPublications } from "../../core/dataset.js";
import { formatInteger } from "../../core/text.js";
import type { Dataset } from "../../core/types.js";
import { auditSeries, type SeriesCellBounds, type SeriesTableAudit } from "../../core/tilt/series-audit.js";
import { projectDataset } from "../../data/project-dataset.js";
import { EXIT, periodOption, readPublicationFile, requirePeriod, UsageError } from "../contract.js";
import { argsProblem, type CliIO, type Command } from "../io.js";

const USAGE = "nav-tiltak audit [--json] [--samlet] [--periode ÅÅÅÅ-MM] [fil …]";

/** One line of `--json` output. `tiltak` holds the row label, as the issue specifies; `period` the month. */
export interface AuditJsonCell {
  table: string;
  tiltak: string;
  hovedgruppe: string;
  column: string;
  min: number;
  max: number;
  pinned: boolean;
  period: string;
  /** Time-series cells: where the «*» stands in NAV's workbook. */
  file?: string;
  sheet?: string;
  cell?: string;
}

const n = (x: number): string => (Number.isFinite(x) ? formatInteger(x) : x < 0 ? "−∞" : "∞");

function between(min: number, max: number): string {
  return min === max ? n(min) : `mellom ${n(min)} og ${n(max)}`;
}

/** "rad / kolonne", with the hovedgruppe when neither shows it (per-hovedgruppe sub-tables). */
function cellName(c: CellBounds): string {
  const hg = c.hovedgruppe !== "I alt" && c.hovedgruppe !== c.rowLabel && c.hovedgruppe !== c.colLabel ? `${c.hovedgruppe}: ` : "";
  return `${hg}${c.rowLabel} / ${c.colLabel}`;
}

function cellLine(c: CellBounds): string {
  const lastYear =
    c.lastYear && c.kind === "change"
      ? c.lastYear.pinned
        ? ` – fjorårets antall var altså ${n(c.lastYear.min)}`
        : ` – fjorårets antall var ${between(c.lastYear.min, c.lastYear.max)}`
      : "";
  if (c.pinned) return `  AVSLØRT: ${cellName(c)} = ${n(c.min)}${lastYear}`;
  const from = c.narrowed ? `snevret inn fra ${between(c.domain.min, c.domain.max)}` : "ikke snevret inn";
  return `  ${cellName(c)}: ${between(c.min, c.max)} (${from})${lastYear}`;
}

function summary(t: TableAudit): string {
  const total = t.cells.length;
  if (total === 0) return `  Ingen prikkede celler i «${t.table}».`;
  const pinned = t.cells.filter((c) => c.pinned).length;
  const narrowed = t.cells.filter((c) => !c.pinned && c.narrowed).length;
  const extra = narrowed > 0 ? ` ${narrowed} til kan snevres inn.` : "";
  return `  ${pinned} av ${total} prikkede celler i «${t.table}» kan regnes ut eksakt.${extra}`;
}

export const audit: Command = {
  summary: "Prikkekontroll: finner prikkede celler som summene avslører",
  usage: USAGE,
  help:
    "--json     skriv cellene som JSON (min/max er null der ingenting begrenser dem)\n" +
    "--samlet   kontroller alle tabellene samlet, slik en leser kan kombinere dem\n" +
    "--periode  måneden (ÅÅÅÅ-MM); nyeste om den utelates\n" +
    "Med NAVs tidsserier (TILT-arbeidsbøker) kontrolleres hver tabell med alle månedene og «Gjennomsnitt hittil i år»;\n" +
    "hver celle nevner perioden, filen, arket og cellen.\n" +
    "fil …      kontroller disse publikasjonsfilene i stedet for de medfølgende\n" +
    "Exit 1 når tallene ikke går opp eller en fil avvises.",
  async run(args: string[], io: CliIO) {
    let values: { json?: boolean; samlet?: boolean; periode?: string };
    let files: string[];
    try {
      const parsed = parseArgs({
        args,
        options: { json: { type: "boolean" }, samlet: { type: "boolean" }, periode: { type: "string" } },
        allowPositionals: true,
      });
      values = parsed.values;
      files = parsed.positionals;
    } catch (e) {
      throw new UsageError(
        argsProblem(
          e,
          (option) =>
            `Valget ${option ? `«${option.split(" ")[0]}» ` : ""}er brukt feil (--periode trenger en verdi; --json og --samlet tar ingen).`,
        ),
      );
    }
    periodOption(values.periode);

    // The bundled publications, or the given files (to check tables before they are published).
    const sources = files.map(readPublicationFile);
    const dataset = sources.length > 0 ? importPublications(sources).dataset : (await projectDataset()).dataset;
    requirePeriod(dataset, values.periode);
    const mode: AuditMode = values.samlet ? "combined" : "per-table";
    const { textPeriods, series } = auditPlan(dataset, values.periode);
    const results = textPeriods.map((p) => auditPeriod(dataset, p, { mode }));
    const seriesAudit = series ? auditSeries(dataset, { period: values.periode, mode }) : [];

    // In combined mode one contradiction makes every table infeasible: report it once.
    const problems = [
      ...new Set([...results.flatMap((r) => r.tables), ...seriesAudit].flatMap((t) => (t.infeasible ? [t.infeasible.message] : []))),
    ];

    if (values.json) {
      const cells: AuditJsonCell[] = [
        ...results.flatMap((result) =>
          result.tables.flatMap((t) =>
            t.cells.map((c) => ({
              table: c.table,
              tiltak: c.rowLabel,
              hovedgruppe: c.hovedgruppe,
              column: c.colLabel,
              min: c.min,
              max: c.max,
              pinned: c.pinned,
              period: result.period,
            })),
          ),
        ),
        ...seriesAudit.flatMap((t) => t.cells.map(seriesJson)),
      ];
      io.out(`${JSON.stringify(cells, null, 2)}\n`);
      for (const p of problems) io.err(`Feil: ${p}\n`);
      return problems.length > 0 ? EXIT.REJECTED : EXIT.OK;
    }
    for (const result of results) {
      io.out(`Prikkekontroll for ${result.periodLabel}\n`);
      io.out(
        mode === "combined"
          ? "Alle tabellene er kontrollert samlet: samme tall i flere tabeller regnes som ett, slik en leser kan kombinere dem.\n"
          : "Hver tabell er kontrollert for seg, slik en leser ser den. Bruk --samlet for å kombinere tabellene.\n",
      );
      io.out("Hver «*» er 1–3, tomme celler er 0, og alle publiserte summer må gå opp.\n");
      for (const t of result.tables) {
        io.out(`\n${t.table}\n`);
        if (t.infeasible) {
          io.out("  Kan ikke kontrolleres: tallene går ikke opp (se under).\n");
          continue;
        }
        for (const c of t.cells) io.out(`${cellLine(c)}\n`);
        io.out(`${summary(t)}\n`);
      }
      const all = result.tables.flatMap((t) => t.cells);
      const pinned = all.filter((c) => c.pinned).length;
      io.out(`\nI alt: ${pinned} av ${all.length} prikkede celler kan regnes ut eksakt.\n`);
    }
    if (series) printSeries(io, seriesAudit, mode === "combined");
    for (const p of problems) io.err(`Feil: ${p}\n`);
    return problems.length > 0 ? EXIT.REJECTED : EXIT.OK;
  },
};

/**
 * What to audit: a text publication's month by its tables (the newest text month when no period is
 * given and there are no time series, as before), and the time series by their tables (all of them,
 * or those holding the given month).
 */
function auditPlan(ds: Dataset, period: string | undefined): { textPeriods: string[]; series: boolean } {
  const text = ds.periods.filter((p) => p.source === undefined).map((p) => p.period);
  const hasSeries = (ds.series ?? []).length > 0;
  if (period !== undefined) {
    const isText = text.includes(period);
    return { textPeriods: isText ? [period] : [], series: !isText && hasSeries };
  }
  if (!hasSeries) return { textPeriods: text.slice(-1), series: false };
  return { textPeriods: text, series: true };
}

function seriesJson(c: SeriesCellBounds): AuditJsonCell {
  return {
    table: c.table,
    tiltak: c.tiltak,
    hovedgruppe: c.hovedgruppe,
    column: c.column,
    min: c.min,
    max: c.max,
    pinned: c.pinned,
    period: c.period,
    file: c.file,
    sheet: c.sheet,
    cell: c.cell,
  };
}

function printSeries(io: CliIO, tables: SeriesTableAudit[], combined: boolean): void {
  io.out(
    "\nPrikkekontroll for tidsseriene: månedenes «I alt» og «Gjennomsnitt hittil i år» ± 0,5" +
      (combined ? "; hvert års tabeller samlet (TILT100s tiltaksgrupper = de andre tabellenes «I alt»)\n" : "; hver tabell for seg\n"),
  );
  for (const t of tables) {
    io.out(`\n${t.table} (${t.file}, ark «${t.sheet}»)\n`);
    if (t.infeasible) {
      io.out("  Kan ikke kontrolleres: tallene går ikke opp (se under).\n");
      continue;
    }
    const shown = t.cells.filter((c) => c.pinned || c.narrowed);
    for (const c of shown) {
      const what = c.pinned ? `AVSLØRT: = ${n(c.min)}` : `${between(c.min, c.max)} (snevret inn fra 1–3)`;
      io.out(`  ${c.hovedgruppe}: ${c.tiltak} / ${c.column} ${c.period.slice(0, 4)} (celle ${c.cell}): ${what}\n`);
    }
    const pinned = t.cells.filter((c) => c.pinned).length;
    io.out(`  ${pinned} av ${t.cells.length} prikkede celler kan regnes ut eksakt; ${shown.length - pinned} til snevres inn.\n`);
  }
}
