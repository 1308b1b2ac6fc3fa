// The consistency checks of one period, once every table is read: each total agrees with its
// parts («*» read as 1..3, empty as 0) and with the same figure in every other table.

import { ALL, type Figures, type HgKey, type Hovedgruppe, type Tiltaksgruppe } from "../types.js";
import type { RawTable } from "../parse.js";
import type { Audit, Located } from "./interval-checks.js";
import type { CrossCells, CrossTable, TiltakTable } from "./read-cross.js";
import type { FigureTable, PerHovedgruppe } from "./read-figures.js";
import { TABLE_GRUPPER_OG_HG, TABLE_HOVEDGRUPPER, TABLE_TILTAK_OG_HG, TABLE_TILTAKSGRUPPER, TOTAL_LABEL, findHgById } from "./names.js";

/** Every table of one period, read; the cross and tiltak tables with their columns and totals found. */
export interface PeriodTables {
  hg: FigureTable<Hovedgruppe>;
  groups: FigureTable<Tiltaksgruppe>;
  perHg: PerHovedgruppe;
  cross: CrossTable & { table: RawTable; keys: HgKey[]; total: Located<CrossCells> };
  tiltak: TiltakTable & { keys: HgKey[]; total: Located<CrossCells> };
}

const FIELDS = ["antall", "endring", "prosent"] as const;
const NONE: Figures = { antall: null, endring: null, prosent: null };
const crossName = `krysstabellen «${TABLE_GRUPPER_OG_HG}»`;

/** Hovedgrupper: the total is the sum of the hovedgrupper. */
function checkHovedgrupper(audit: Audit, { hg }: PeriodTables): void {
  const gt = hg.total;
  const parts = hg.items.map((h) => hg.figures.get(h.id)!.value);
  const what = `«${TABLE_HOVEDGRUPPER}», ${TOTAL_LABEL}`;
  audit.sum(
    gt.line,
    what,
    gt.value.antall,
    parts.map((f) => f.antall),
  );
  audit.changeSum(gt.line, what, gt.value, parts);
  audit.percent(gt.line, what, gt.value);
  for (const h of hg.items) {
    const f = hg.figures.get(h.id)!;
    audit.percent(f.line, `«${TABLE_HOVEDGRUPPER}», ${h.name}`, f.value);
  }
}

/** Tiltaksgrupper: same total as Hovedgrupper, and the sum of the groups. */
function checkTiltaksgrupper(audit: Audit, { hg, groups }: PeriodTables): void {
  const gt = hg.total;
  const gtot = groups.total;
  for (const field of FIELDS) {
    audit.same(gtot.line, `${TOTAL_LABEL} (${field})`, gtot.value[field], gt.value[field], `i «${TABLE_HOVEDGRUPPER}» (linje ${gt.line})`);
  }
  const parts = groups.items.map((g) => groups.figures.get(g.id)!.value);
  const what = `«${TABLE_TILTAKSGRUPPER}», ${TOTAL_LABEL}`;
  audit.sum(
    gtot.line,
    what,
    gtot.value.antall,
    parts.map((f) => f.antall),
  );
  audit.changeSum(gtot.line, what, gtot.value, parts);
  for (const g of groups.items) {
    const f = groups.figures.get(g.id)!;
    audit.percent(f.line, `«${TABLE_TILTAKSGRUPPER}», ${g.name}`, f.value);
  }
}

/** Per-hovedgruppe sub-tables: total agrees with Hovedgrupper, groups sum to it. */
function checkSubTables(audit: Audit, { hg, groups, perHg }: PeriodTables): void {
  // Looked up by id, not searched per row: linear in the number of groups.
  const groupName = new Map(groups.items.map((g) => [g.id, g.name]));
  for (const h of hg.items) {
    const sub = perHg.get(h.id)!;
    const top = hg.figures.get(h.id)!;
    const where = `«${TABLE_GRUPPER_OG_HG}» (${h.name})`;
    for (const field of FIELDS) {
      audit.same(
        sub.total.line,
        `${TOTAL_LABEL} ${h.short} (${field})`,
        sub.total.value[field],
        top.value[field],
        `i «${TABLE_HOVEDGRUPPER}» (linje ${top.line})`,
      );
    }
    const parts = [...sub.groups.values()].map((l) => l.value);
    audit.sum(
      sub.total.line,
      `${where}, ${TOTAL_LABEL}`,
      sub.total.value.antall,
      parts.map((f) => f.antall),
    );
    audit.changeSum(sub.total.line, `${where}, ${TOTAL_LABEL}`, sub.total.value, parts);
    audit.percent(sub.total.line, `${where}, ${TOTAL_LABEL}`, sub.total.value);
    for (const [gid, f] of sub.groups) {
      audit.percent(f.line, `${where}, ${groupName.get(gid)!}`, f.value);
    }
  }
  // A group's change over all hovedgrupper is the sum of its changes per hovedgruppe.
  for (const g of groups.items) {
    const top = groups.figures.get(g.id)!;
    const parts = hg.items.map((h) => perHg.get(h.id)!.groups.get(g.id)?.value ?? NONE);
    audit.changeSum(top.line, `«${TABLE_TILTAKSGRUPPER}», ${g.name} per hovedgruppe`, top.value, parts);
  }
}

/** Cross table: agrees with the per-group and per-hovedgruppe tables, and adds up both ways. */
function checkCross(audit: Audit, { hg, groups, perHg, cross }: PeriodTables): void {
  const hovedgrupper = hg.items;
  for (const g of groups.items) {
    const row = cross.rows.get(g.id);
    if (!row) {
      audit.error(cross.table.headerLine, "missing-row", `${crossName} mangler tiltaksgruppen «${g.name}».`);
      continue;
    }
    audit.same(
      row.line,
      `${g.name}, ${TOTAL_LABEL}`,
      row.value[ALL]!,
      groups.figures.get(g.id)!.value.antall,
      `i «${TABLE_TILTAKSGRUPPER}»`,
    );
    for (const h of hovedgrupper) {
      const sub = perHg.get(h.id)!.groups.get(g.id);
      audit.same(row.line, `${g.name}, ${h.name}`, row.value[h.id]!, sub ? sub.value.antall : null, `i deltabellen for ${h.name}`);
    }
    audit.sum(
      row.line,
      `${crossName}, ${g.name}`,
      row.value[ALL]!,
      hovedgrupper.map((h) => row.value[h.id]!),
    );
  }
  const total = cross.total;
  for (const k of columns(hovedgrupper)) {
    const expected = k === ALL ? hg.total.value.antall : hg.figures.get(k)!.value.antall;
    const what = `${crossName}, ${TOTAL_LABEL} (${hgName(hovedgrupper, k)})`;
    audit.same(total.line, what, total.value[k]!, expected, `i «${TABLE_HOVEDGRUPPER}»`);
    audit.sum(
      total.line,
      what,
      total.value[k]!,
      groups.items.map((g) => cross.rows.get(g.id)?.value[k] ?? null),
    );
  }
}

/**
 * Tiltak table: rows add up across, each group's tiltak add up to its subtotal, subtotals agree
 * with the cross table, and the total is the sum of the subtotals.
 */
function checkTiltak(audit: Audit, { hg, groups, cross, tiltak }: PeriodTables): void {
  const hovedgrupper = hg.items;
  const keys = columns(hovedgrupper);
  for (const t of tiltak.tiltak) {
    const row = tiltak.cells.get(t.id)!;
    audit.sum(
      row.line,
      `«${TABLE_TILTAK_OG_HG}», ${t.name}`,
      row.value[ALL]!,
      hovedgrupper.map((h) => row.value[h.id]!),
    );
  }
  const membersOf = new Map<string, typeof tiltak.tiltak>();
  for (const t of tiltak.tiltak) {
    if (!membersOf.has(t.group)) membersOf.set(t.group, []);
    membersOf.get(t.group)!.push(t);
  }
  for (const g of groups.items) {
    const sub = tiltak.subtotals.get(g.id);
    const lower = g.name.toLocaleLowerCase("nb-NO");
    if (!sub) {
      audit.error(
        tiltak.pages[0]!.headerLine,
        "missing-row",
        `«${TABLE_TILTAK_OG_HG}» mangler tiltakene i gruppen «${g.name}» (ingen «${TOTAL_LABEL} ${lower}»).`,
      );
      continue;
    }
    const members = membersOf.get(g.id) ?? [];
    for (const k of keys) {
      audit.sum(
        sub.line,
        `«${TABLE_TILTAK_OG_HG}», ${TOTAL_LABEL} ${lower} (${hgName(hovedgrupper, k)})`,
        sub.value[k]!,
        members.map((t) => tiltak.cells.get(t.id)!.value[k]!),
      );
      const crossRow = cross.rows.get(g.id);
      if (crossRow)
        audit.same(
          sub.line,
          `${TOTAL_LABEL} ${lower} (${hgName(hovedgrupper, k)})`,
          sub.value[k]!,
          crossRow.value[k]!,
          `i ${crossName} (linje ${crossRow.line})`,
        );
    }
  }
  for (const k of keys) {
    const what = `«${TABLE_TILTAK_OG_HG}», ${TOTAL_LABEL} (${hgName(hovedgrupper, k)})`;
    audit.same(tiltak.total.line, what, tiltak.total.value[k]!, cross.total.value[k]!, `i ${crossName}`);
    audit.sum(
      tiltak.total.line,
      what,
      tiltak.total.value[k]!,
      groups.items.map((g) => tiltak.subtotals.get(g.id)?.value[k] ?? null),
    );
  }
}

const columns = (hovedgrupper: Hovedgruppe[]): HgKey[] => [ALL, ...hovedgrupper.map((h) => h.id)];
const hgName = (hovedgrupper: Hovedgruppe[], k: HgKey) => (k === ALL ? TOTAL_LABEL : findHgById(hovedgrupper, k));

/** Runs every consistency check, in the order the tables stand in the publication. */
export function checkPeriod(audit: Audit, tables: PeriodTables): void {
  checkHovedgrupper(audit, tables);
  checkTiltaksgrupper(audit, tables);
  checkSubTables(audit, tables);
  checkCross(audit, tables);
  checkTiltak(audit, tables);
}
