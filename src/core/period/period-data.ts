// One publication file → one period: read each table, check them against each other, and
// assemble the period's figures, names and labels.

import { ALL, type Count, type Figures, type HgKey, type Hovedgruppe, type PeriodData, type Tiltak, type Tiltaksgruppe } from "../types.js";
import type { SeenLabel } from "../label-checks.js";
import { completeNotes } from "../notes.js";
import type { RawPublication } from "../parse.js";
import type { Audit, Located } from "./interval-checks.js";
import { checkPeriod, type PeriodTables } from "./checks.js";
import { readCrossTable, readTiltakTable } from "./read-cross.js";
import { groupResolver, readHovedgrupper, readPeriod, readSubTables, readTiltaksgrupper } from "./read-figures.js";

export interface PeriodResult {
  data: PeriodData;
  title: string;
  notes: string[];
  hovedgrupper: Hovedgruppe[];
  crossOrder: string[];
  tiltaksgrupper: Tiltaksgruppe[];
  tiltak: Tiltak[];
  /** Every name this file defines, with its line, for the checks in label-checks.ts. */
  labels: SeenLabel[];
  periodLine: number;
}

/** Reads every table of the file; undefined when one it cannot do without is missing or broken. */
function readTables(pub: RawPublication, audit: Audit): PeriodTables | undefined {
  const hg = readHovedgrupper(pub, audit);
  if (!hg) return undefined;
  const groups = readTiltaksgrupper(pub, audit);
  if (!groups) return undefined;
  const resolveGroup = groupResolver(audit, groups.items);
  const perHg = readSubTables(pub, audit, hg.items, resolveGroup);
  const cross = readCrossTable(pub, audit, hg.items, resolveGroup);
  const tiltak = readTiltakTable(pub, audit, hg.items, resolveGroup);
  if (audit.failed || !cross.table || !cross.keys || !cross.total || !tiltak.keys || !tiltak.total) return undefined;
  return {
    hg,
    groups,
    perHg,
    cross: { ...cross, table: cross.table, keys: cross.keys, total: cross.total },
    tiltak: { ...tiltak, keys: tiltak.keys, total: tiltak.total },
  };
}

/**
 * A file of raw counts (e.g. an internal extract) is fine: the rule hides 1–3 on every way out.
 * Say so, so nobody takes the file itself for a publishable one.
 */
function warnUnsuppressed(audit: Audit, { hg, groups, perHg, tiltak }: PeriodTables): void {
  const isSmall = (c: Count) => typeof c === "number" && c >= 1 && c <= 3;
  const smallCells: Located<Count>[] = [
    ...tiltak.tiltak.flatMap((t) =>
      Object.values(tiltak.cells.get(t.id)!.value).map((value) => ({ value, line: tiltak.cells.get(t.id)!.line })),
    ),
    ...groups.items.flatMap((g) => [
      { value: groups.figures.get(g.id)!.value.antall, line: groups.figures.get(g.id)!.line },
      ...hg.items.flatMap((h) => {
        const sub = perHg.get(h.id)!.groups.get(g.id);
        return sub ? [{ value: sub.value.antall, line: sub.line }] : [];
      }),
    ]),
  ].filter((c) => isSmall(c.value));
  if (smallCells.length > 0) {
    const lines = [...new Set(smallCells.map((c) => c.line))].sort((a, b) => a - b);
    audit.warn(
      lines[0],
      "unsuppressed",
      `Filen har ${smallCells.length} antall fra 1 til 3 som ikke er prikket (linje ${lines.join(", ")}). NAV tiltak viser dem som «*» overalt, men filen selv må ikke publiseres slik.`,
    );
  }
}

/** The period's figures: the totals, each group per hovedgruppe, and the tiltak cells. */
function periodData(period: string, label: string, { hg, groups, perHg, tiltak }: PeriodTables): PeriodData {
  const none: Figures = { antall: null, endring: null, prosent: null };
  const total: Record<HgKey, Figures> = { [ALL]: hg.total.value };
  for (const h of hg.items) total[h.id] = hg.figures.get(h.id)!.value;
  const groupData: Record<string, Record<HgKey, Figures>> = {};
  for (const g of groups.items) {
    const rec: Record<HgKey, Figures> = { [ALL]: groups.figures.get(g.id)!.value };
    for (const h of hg.items) rec[h.id] = perHg.get(h.id)!.groups.get(g.id)?.value ?? none;
    groupData[g.id] = rec;
  }
  const tiltakData: Record<string, Record<HgKey, Count>> = {};
  for (const t of tiltak.tiltak) tiltakData[t.id] = tiltak.cells.get(t.id)!.value;
  return { period, label, total, groups: groupData, tiltak: tiltakData };
}

/** Audits one parsed publication and normalizes it. Returns undefined when it has errors (see audit.findings). */
export function buildPeriod(pub: RawPublication, audit: Audit): PeriodResult | undefined {
  const period = readPeriod(pub, audit);
  if (!period) return undefined;
  const tables = readTables(pub, audit);
  if (!tables) return undefined;
  checkPeriod(audit, tables);
  if (audit.failed || !period.period) return undefined;

  warnUnsuppressed(audit, tables);
  const { notes, finding: noteFinding } = completeNotes(pub.notes, pub.notesLine);
  if (noteFinding) audit.findings.push({ ...noteFinding, file: audit.file });

  const { hg, groups, cross, tiltak } = tables;
  return {
    data: periodData(period.period, period.label, tables),
    title: pub.title,
    notes,
    hovedgrupper: hg.items,
    crossOrder: cross.keys.filter((k) => k !== ALL),
    tiltaksgrupper: groups.items,
    tiltak: tiltak.tiltak,
    periodLine: period.line,
    labels: [
      { level: "tittel", name: pub.title, line: pub.titleLine ?? 1 },
      ...hg.items.map((h): SeenLabel => ({ level: "hovedgruppe", name: h.name, line: hg.figures.get(h.id)!.line })),
      ...groups.items.map((g): SeenLabel => ({ level: "tiltaksgruppe", name: g.name, line: groups.figures.get(g.id)!.line })),
      ...tiltak.tiltak.map((t): SeenLabel => ({ level: "tiltak", name: t.name, line: tiltak.cells.get(t.id)!.line })),
    ],
  };
}
