// Readers for the tables of one period that carry figures per row (Antall, Endring, Prosent): the
// period line, Hovedgrupper, Tiltaksgrupper and the per-hovedgruppe sub-tables. Each reader
// reports what is wrong with its table and returns what it could read.

import type { Figures, Hovedgruppe, Tiltaksgruppe } from "../types.js";
import { knownTypo } from "../known-typos.js";
import type { RawPublication, RawRow, RawTable } from "../parse.js";
import { normalizeName, parsePeriodLabel, shorten, slug } from "../text.js";
import type { Audit, Located } from "./interval-checks.js";
import {
  FIGURE_HEADERS,
  GROUP_ALIASES,
  TABLE_GRUPPER_OG_HG,
  TABLE_HOVEDGRUPPER,
  TABLE_TILTAK_OG_HG,
  TABLE_TILTAKSGRUPPER,
  TOTAL_LABEL,
  hovedgruppeShort,
  isTotalLabel,
  sameHeaders,
} from "./names.js";

/** A table of figures: its rows by id, in published order, and its «I alt» row. */
export interface FigureTable<T> {
  items: T[];
  figures: Map<string, Located<Figures>>;
  total: Located<Figures>;
}

/** One per-hovedgruppe sub-table: its «I alt <hovedgruppe>» row and its groups' figures by group id. */
export interface SubTable {
  total: Located<Figures>;
  groups: Map<string, Located<Figures>>;
}

/** The per-hovedgruppe sub-tables by hovedgruppe id. */
export type PerHovedgruppe = Map<string, SubTable>;

/** Resolves a group label, mapping known aliases (and reporting them); never invents a group. */
export type GroupResolver = (text: string, line: number, where: string) => Tiltaksgruppe | undefined;

export function figuresOf(row: RawRow): Figures {
  return { antall: row.cells[0] ?? null, endring: row.cells[1] ?? null, prosent: row.cells[2] ?? null };
}

export const tablesNamed = (pub: RawPublication, name: string): RawTable[] => pub.tables.filter((t) => t.name === name);

/** The one table of that name; a missing or repeated one is reported. */
export function oneTable(pub: RawPublication, audit: Audit, name: string): RawTable | undefined {
  const found = tablesNamed(pub, name);
  if (found.length === 0) audit.error(undefined, "missing-table", `Tabellen «${name}» mangler.`);
  if (found.length > 1) audit.error(found[1]!.headerLine, "structure", `Tabellen «${name}» finnes mer enn én gang.`);
  return found[0];
}

export function checkFigureHeaders(audit: Audit, t: RawTable): boolean {
  if (!sameHeaders(t.headers, FIGURE_HEADERS)) {
    audit.error(
      t.headerLine,
      "bad-header",
      `Tabellen «${t.name}» har kolonnene «${t.headers.join(" | ")}», ventet «${FIGURE_HEADERS.join(" | ")}».`,
    );
    return false;
  }
  return true;
}

/**
 * Reports unknown tables, and reads the period every table must carry (the same one, also in
 * «Om tabellene»). Returns undefined when the file has no tables at all.
 */
export function readPeriod(pub: RawPublication, audit: Audit): { label: string; period: string | null; line: number } | undefined {
  const known = new Set([TABLE_HOVEDGRUPPER, TABLE_TILTAKSGRUPPER, TABLE_GRUPPER_OG_HG, TABLE_TILTAK_OG_HG]);
  for (const t of pub.tables) {
    if (!known.has(t.name)) audit.error(t.headerLine, "unknown-table", `Ukjent tabell «${t.name}».`);
  }
  const periodLabels = new Set(pub.tables.map((t) => t.periodLabel));
  const firstTable = pub.tables[0];
  if (!firstTable) {
    audit.error(undefined, "missing-table", "Fant ingen tabeller i filen.");
    return undefined;
  }
  const label = firstTable.periodLabel;
  const period = parsePeriodLabel(label);
  if (!period) audit.error(firstTable.periodLine, "bad-period", `«${label}» er ikke en periode (f.eks. «November 2016»).`);
  if (period && pub.notesPeriodLabel !== undefined && parsePeriodLabel(pub.notesPeriodLabel) !== period) {
    audit.error(pub.notesPeriodLine, "bad-period", `«Om tabellene» gjelder «${pub.notesPeriodLabel}», men tabellene gjelder «${label}».`);
  }
  if (periodLabels.size > 1) {
    for (const t of pub.tables) {
      if (t.periodLabel !== label) {
        audit.error(t.periodLine, "bad-period", `Tabellen «${t.name}» gjelder «${t.periodLabel}», men filen gjelder «${label}».`);
      }
    }
  }
  return { label, period, line: firstTable.periodLine };
}

/**
 * Reads a table of figures with one «I alt» row: `item` turns a row into the thing it defines
 * (undefined to skip it), and a repeated id is reported with `what(row)`.
 */
function readFigureTable<T extends { id: string }>(
  audit: Audit,
  table: RawTable,
  item: (row: RawRow) => T,
  repeated: (row: RawRow) => string,
): FigureTable<T> | undefined {
  const items: T[] = [];
  const figures = new Map<string, Located<Figures>>();
  let total: Located<Figures> | undefined;
  for (const row of table.rows) {
    if (isTotalLabel(row.label)) {
      if (total) audit.error(row.line, "duplicate-row", `Raden «${row.label}» står to ganger i «${table.name}».`);
      total = { value: figuresOf(row), line: row.line };
      continue;
    }
    const it = item(row);
    if (figures.has(it.id)) {
      audit.error(row.line, "duplicate-row", `${repeated(row)} står to ganger i «${table.name}».`);
      continue;
    }
    items.push(it);
    figures.set(it.id, { value: figuresOf(row), line: row.line });
  }
  if (!total) {
    audit.error(table.headerLine, "missing-row", `Tabellen «${table.name}» mangler raden «${TOTAL_LABEL}».`);
    return undefined;
  }
  return { items, figures, total };
}

/** Hovedgrupper: defines the hovedgrupper and the grand total. */
export function readHovedgrupper(pub: RawPublication, audit: Audit): FigureTable<Hovedgruppe> | undefined {
  const table = oneTable(pub, audit, TABLE_HOVEDGRUPPER);
  if (!table || !checkFigureHeaders(audit, table)) return undefined;
  return readFigureTable(
    audit,
    table,
    (row) => ({ id: slug(hovedgruppeShort(row.label)), name: row.label, short: hovedgruppeShort(row.label) }),
    (row) => `Hovedgruppen «${row.label}»`,
  );
}

/** Tiltaksgrupper: defines the groups (a known misspelling is read as the official name, with a warning). */
export function readTiltaksgrupper(pub: RawPublication, audit: Audit): FigureTable<Tiltaksgruppe> | undefined {
  const table = oneTable(pub, audit, TABLE_TILTAKSGRUPPER);
  if (!table || !checkFigureHeaders(audit, table)) return undefined;
  return readFigureTable(
    audit,
    table,
    (row) => {
      const typo = knownTypo(row.label, "tiltaksgruppe");
      if (typo)
        audit.warn(row.line, "alias", `«${row.label}» er en kjent skrivefeil for tiltaksgruppen «${typo.official}», og er lest som den.`);
      const name = typo?.official ?? row.label;
      return { id: slug(name), name };
    },
    (row) => `Tiltaksgruppen «${shorten(row.label)}»`,
  );
}

export function groupResolver(audit: Audit, tiltaksgrupper: Tiltaksgruppe[]): GroupResolver {
  // Indexed once, not searched per row: a file with thousands of groups is read in linear time.
  const byName = new Map<string, Tiltaksgruppe>();
  for (const g of tiltaksgrupper) if (!byName.has(normalizeName(g.name))) byName.set(normalizeName(g.name), g);
  return (text, line, where) => {
    const norm = normalizeName(text);
    const exact = byName.get(norm);
    if (exact) return exact;
    const aliasOf = GROUP_ALIASES[norm];
    const viaAlias = aliasOf ? byName.get(normalizeName(aliasOf)) : undefined;
    if (viaAlias) {
      audit.warn(line, "alias", `«${text}» i ${where} er en kjent skrivefeil for tiltaksgruppen «${viaAlias.name}», og er lest som den.`);
      return viaAlias;
    }
    audit.error(
      line,
      "unknown-group",
      `Ukjent tiltaksgruppe «${shorten(text)}» i ${where}. Tiltaksgruppene er de i tabellen «${TABLE_TILTAKSGRUPPER}».`,
    );
    return undefined;
  };
}

export const findHovedgruppe = (hovedgrupper: Hovedgruppe[], name: string): Hovedgruppe | undefined =>
  hovedgrupper.find((h) => normalizeName(h.name) === normalizeName(name));

/** One sub-table of «Tiltaksgrupper og hovedgrupper»: its «I alt <hovedgruppe>» row and its groups. */
function readSubTable(audit: Audit, t: RawTable, hg: Hovedgruppe, resolveGroup: GroupResolver): SubTable | undefined {
  const where = `«${t.name}» (${hg.name})`;
  let total: Located<Figures> | undefined;
  const groups = new Map<string, Located<Figures>>();
  for (const row of t.rows) {
    if (normalizeName(row.label) === normalizeName(`${TOTAL_LABEL} ${hg.name}`)) {
      if (total) audit.error(row.line, "duplicate-row", `Raden «${row.label}» står to ganger i ${where}.`);
      total = { value: figuresOf(row), line: row.line };
      continue;
    }
    const g = resolveGroup(row.label, row.line, where);
    if (!g) continue;
    if (groups.has(g.id)) {
      audit.error(row.line, "duplicate-row", `Tiltaksgruppen «${g.name}» står to ganger i ${where}.`);
      continue;
    }
    groups.set(g.id, { value: figuresOf(row), line: row.line });
  }
  if (!total) {
    audit.error(t.headerLine, "missing-row", `${where} mangler raden «${TOTAL_LABEL} ${hg.name.toLocaleLowerCase("nb-NO")}».`);
    return undefined;
  }
  return { total, groups };
}

/** Tiltaksgrupper og hovedgrupper, one sub-table per hovedgruppe (the tables with a subtitle). */
export function readSubTables(pub: RawPublication, audit: Audit, hovedgrupper: Hovedgruppe[], resolveGroup: GroupResolver): PerHovedgruppe {
  const subTables = tablesNamed(pub, TABLE_GRUPPER_OG_HG).filter((t) => t.subtitle !== undefined);
  const perHg: PerHovedgruppe = new Map();
  for (const t of subTables) {
    const hg = findHovedgruppe(hovedgrupper, t.subtitle!);
    if (!hg) {
      audit.error(t.subtitleLine ?? t.headerLine, "unknown-hovedgruppe", `Ukjent hovedgruppe «${t.subtitle}» i «${t.name}».`);
      continue;
    }
    if (perHg.has(hg.id)) {
      audit.error(t.headerLine, "duplicate-row", `Hovedgruppen «${hg.name}» har to deltabeller i «${t.name}».`);
      continue;
    }
    if (!checkFigureHeaders(audit, t)) continue;
    const sub = readSubTable(audit, t, hg, resolveGroup);
    if (sub) perHg.set(hg.id, sub);
  }
  for (const hg of hovedgrupper) {
    if (!perHg.has(hg.id) && subTables.length > 0) {
      audit.error(undefined, "missing-table", `Tabellen «${TABLE_GRUPPER_OG_HG}» mangler deltabellen for «${hg.name}».`);
    }
  }
  if (subTables.length === 0) audit.error(undefined, "missing-table", `Tabellen «${TABLE_GRUPPER_OG_HG}» per hovedgruppe mangler.`);
  return perHg;
}
