// Readers for the tables whose columns are «I alt» and one per hovedgruppe: the cross table
// (tiltaksgrupper × hovedgrupper) and «Tiltak og hovedgrupper» (split over pages, with an
// «I alt <gruppe>» subtotal after each group's tiltak).

import { ALL, type Count, type HgKey, type Hovedgruppe, type Tiltak } from "../types.js";
import { knownTypo } from "../known-typos.js";
import type { RawPublication, RawRow, RawTable } from "../parse.js";
import { shorten } from "../text.js";
import type { Audit, Located } from "./interval-checks.js";
import { findHovedgruppe, tablesNamed, type GroupResolver } from "./read-figures.js";
import { TABLE_GRUPPER_OG_HG, TABLE_TILTAK_OG_HG, TOTAL_LABEL, findHgById, isTotalLabel, sameHeaders, tiltakId } from "./names.js";

/** One row of a cross table: a count per column (ALL or a hovedgruppe id). */
export type CrossCells = Record<HgKey, Count>;

export interface CrossTable {
  table: RawTable | undefined;
  keys: HgKey[] | undefined;
  rows: Map<string, Located<CrossCells>>;
  total: Located<CrossCells> | undefined;
}

export interface TiltakTable {
  pages: RawTable[];
  keys: HgKey[] | undefined;
  tiltak: Tiltak[];
  cells: Map<string, Located<CrossCells>>;
  /** Each group's «I alt <gruppe>» row, by group id. */
  subtotals: Map<string, Located<CrossCells>>;
  total: Located<CrossCells> | undefined;
}

/** The columns of a cross table: «I alt» first, then each hovedgruppe once. */
function columnKeys(audit: Audit, hovedgrupper: Hovedgruppe[], t: RawTable): HgKey[] | undefined {
  const keys: HgKey[] = [];
  for (const h of t.headers) {
    if (isTotalLabel(h)) {
      keys.push(ALL);
      continue;
    }
    const hg = findHovedgruppe(hovedgrupper, h);
    if (!hg) {
      audit.error(t.headerLine, "unknown-hovedgruppe", `Ukjent hovedgruppe «${h}» i kolonneoverskriften til «${t.name}».`);
      return undefined;
    }
    keys.push(hg.id);
  }
  if (keys[0] !== ALL || new Set(keys).size !== hovedgrupper.length + 1 || keys.length !== hovedgrupper.length + 1) {
    audit.error(t.headerLine, "bad-header", `«${t.name}» skal ha kolonnene «${TOTAL_LABEL}» og én per hovedgruppe.`);
    return undefined;
  }
  return keys;
}

const rowCells = (keys: HgKey[], row: RawRow): CrossCells => Object.fromEntries(keys.map((k, i) => [k, row.cells[i] ?? null]));

/** The cross table: «Tiltaksgrupper og hovedgrupper» without a subtitle. */
export function readCrossTable(pub: RawPublication, audit: Audit, hovedgrupper: Hovedgruppe[], resolveGroup: GroupResolver): CrossTable {
  const crossTables = tablesNamed(pub, TABLE_GRUPPER_OG_HG).filter((t) => t.subtitle === undefined);
  const cross = crossTables[0];
  if (!cross) audit.error(undefined, "missing-table", `Krysstabellen «${TABLE_GRUPPER_OG_HG}» (tiltaksgrupper × hovedgrupper) mangler.`);
  if (crossTables.length > 1)
    audit.error(crossTables[1]!.headerLine, "structure", `Krysstabellen «${TABLE_GRUPPER_OG_HG}» finnes mer enn én gang.`);
  const keys = cross ? columnKeys(audit, hovedgrupper, cross) : undefined;
  const rows = new Map<string, Located<CrossCells>>();
  let total: Located<CrossCells> | undefined;
  if (cross && keys) {
    const where = `krysstabellen «${cross.name}»`;
    for (const row of cross.rows) {
      if (isTotalLabel(row.label)) {
        if (total) audit.error(row.line, "duplicate-row", `Raden «${row.label}» står to ganger i ${where}.`);
        total = { value: rowCells(keys, row), line: row.line };
        continue;
      }
      const g = resolveGroup(row.label, row.line, where);
      if (!g) continue;
      if (rows.has(g.id)) {
        audit.error(row.line, "duplicate-row", `Tiltaksgruppen «${g.name}» står to ganger i ${where}.`);
        continue;
      }
      rows.set(g.id, { value: rowCells(keys, row), line: row.line });
    }
    if (!total) audit.error(cross.headerLine, "missing-row", `${where} mangler raden «${TOTAL_LABEL}».`);
  }
  return { table: cross, keys, rows, total };
}

type Pending = { name: string; row: RawRow }[];

/** Rows left over at the end: most often a file cut short, so say that once rather than per row. */
function reportLeftOver(audit: Audit, pending: Pending): void {
  if (pending.length === 0) return;
  const first = pending[0]!.row.line;
  const last = pending[pending.length - 1]!.row.line;
  const names =
    pending
      .slice(0, 3)
      .map((p) => `«${shorten(p.name)}»`)
      .join(", ") + (pending.length > 3 ? " …" : "");
  audit.error(
    first,
    "missing-row",
    `${pending.length === 1 ? "Tiltaket" : `Tiltakene på linje ${first}–${last}`} (${names}) står ikke over noen «${TOTAL_LABEL} <tiltaksgruppe>»-rad, så gruppen er ukjent. Slutter filen for tidlig (avkortet)?`,
  );
}

/**
 * Reads the pages of «Tiltak og hovedgrupper» as one table. A tiltak's group is the «I alt <gruppe>»
 * subtotal below it, so tiltak wait in `pending` until their subtotal comes.
 */
export function readTiltakTable(pub: RawPublication, audit: Audit, hovedgrupper: Hovedgruppe[], resolveGroup: GroupResolver): TiltakTable {
  const pages = tablesNamed(pub, TABLE_TILTAK_OG_HG);
  if (pages.length === 0) audit.error(undefined, "missing-table", `Tabellen «${TABLE_TILTAK_OG_HG}» mangler.`);
  const keys = pages[0] ? columnKeys(audit, hovedgrupper, pages[0]) : undefined;
  const out: TiltakTable = { pages, keys, tiltak: [], cells: new Map(), subtotals: new Map(), total: undefined };
  if (!keys) return out;
  let pending: Pending = [];
  for (const page of pages) {
    if (page !== pages[0] && !sameHeaders(page.headers, pages[0]!.headers)) {
      audit.error(page.headerLine, "bad-header", `Kolonnene i «${page.name}» skifter fra side til side.`);
      continue;
    }
    for (const row of page.rows) {
      if (isTotalLabel(row.label)) {
        readTotalRow(audit, hovedgrupper, out, keys, row);
        continue;
      }
      const subtotal = /^i alt\s+(.+)$/i.exec(row.label.trim());
      if (subtotal) {
        readSubtotal(audit, out, keys, page, row, resolveGroup(subtotal[1]!, row.line, `«${page.name}»`), pending);
        pending = [];
        continue;
      }
      const id = tiltakId(row.label);
      if (out.cells.has(id) || pending.some((p) => tiltakId(p.name) === id)) {
        audit.error(row.line, "duplicate-row", `Tiltaket «${shorten(row.label)}» står to ganger i «${page.name}».`);
        continue;
      }
      pending.push({ name: row.label, row });
    }
  }
  reportLeftOver(audit, pending);
  if (!out.total && pages[0]) audit.error(pages[0].headerLine, "missing-row", `«${TABLE_TILTAK_OG_HG}» mangler raden «${TOTAL_LABEL}».`);
  return out;
}

/** The «I alt» row: each page repeats it, and must repeat it unchanged. */
function readTotalRow(audit: Audit, hovedgrupper: Hovedgruppe[], out: TiltakTable, keys: HgKey[], row: RawRow): void {
  const cells = rowCells(keys, row);
  if (!out.total) {
    out.total = { value: cells, line: row.line };
    return;
  }
  for (const k of keys) {
    audit.same(
      row.line,
      `«${TOTAL_LABEL}» (${k === ALL ? TOTAL_LABEL : findHgById(hovedgrupper, k)})`,
      cells[k]!,
      out.total.value[k]!,
      `på linje ${out.total.line}`,
    );
  }
}

/**
 * A subtotal «I alt <gruppe>» closes its group: the pending tiltak belong to it. It is known by its
 * label; the bold is presentation, so a missing <b> is only noted.
 */
function readSubtotal(
  audit: Audit,
  out: TiltakTable,
  keys: HgKey[],
  page: RawTable,
  row: RawRow,
  g: ReturnType<GroupResolver>,
  pending: Pending,
): void {
  if (!g) return;
  if (!row.bold) {
    audit.warn(
      row.line,
      "structure",
      `Delsummen «${row.label}» er ikke uthevet (<b>) slik NAV gjør; den er lest som delsum for «${g.name}».`,
    );
  }
  if (out.subtotals.has(g.id)) {
    audit.error(row.line, "duplicate-row", `Delsummen for «${g.name}» står to ganger i «${page.name}».`);
  }
  out.subtotals.set(g.id, { value: rowCells(keys, row), line: row.line });
  for (const p of pending) {
    const id = tiltakId(p.name);
    const typo = knownTypo(p.name, "tiltak");
    // The sheets keep NAV's spelling, cell for cell; the lookup accepts both.
    if (typo)
      audit.warn(
        p.row.line,
        "alias",
        `«${p.name}» er en kjent skrivefeil for tiltaket «${typo.official}». Navnet står som publisert; funksjonene godtar begge skrivemåtene.`,
      );
    out.tiltak.push({ id, name: p.name, group: g.id });
    out.cells.set(id, { value: rowCells(keys, p.row), line: p.row.line });
  }
}
