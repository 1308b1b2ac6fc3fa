// The sums NAV's TILT tables publish, read once: which rows a block's «I alt» counts, and which
// figures of the other tables TILT100's group rows equal. The series audit and the protection's fact
// system both build their equations from here (each its own, so the audit still checks the
// protection's result independently of the protection's choices).
//
// A block's «I alt» counts every row under it; TILT180's counts Tilrettelegging's three tiltak in some
// years and not in others (its totalScope, from the file's sums; "either" when they cannot tell).
//
// TILT110–TILT170: the group row = the table's «I alt» of the same målgruppe and month. TILT180:
// «Jobbskaping og egenetablering» = its tiltak other than Tilrettelegging's three, and
// «Tilrettelegging» = those three (its «I alt» counts them in some years and not in others).
// A målgruppe the table has no block for sums to nothing: the group row is 0.

import { slug } from "../text.js";
import type { SeriesBlock, SeriesTable } from "../types.js";
import { GROUPS_CODE, GROUP_OF_CODE, TILRETTELEGGING, isTilretteleggingTiltak } from "./tilt-names.js";

/** The rows (indices, «I alt» is 0) a block's «I alt» counts; null when the file does not tell (TILT180 «either»). */
export function countedRows(table: SeriesTable, block: SeriesBlock): number[] | null {
  if (table.code === 180 && table.totalScope === "either") return null;
  return block.rows.flatMap((row, r) =>
    r > 0 && (table.code !== 180 || table.totalScope !== "without" || !isTilretteleggingTiltak(row.label)) ? [r] : [],
  );
}

/** One group row of TILT100 (one block) equal, month by month, to the sum of some rows of another table. */
export interface GroupLink {
  /** Index of TILT100 and of the other table in the tables given. */
  groupsTable: number;
  table: number;
  /** TILT100's block and group row. */
  groupsBlock: number;
  groupsRow: number;
  group: string;
  /** The other table's block (-1 when it has none for the målgruppe) and the rows summed. */
  block: number;
  rows: number[];
  /** The months both tables publish: TILT100's month index beside the other table's. */
  months: { groupsMonth: number; month: number; period: string }[];
}

function parts(table: SeriesTable, block: number): { group: string; rows: number[] }[] {
  const rows = table.blocks[block]?.rows ?? [];
  const tiltak = (tilrettelegging: boolean) =>
    rows.flatMap((r, k) => (k > 0 && isTilretteleggingTiltak(r.label) === tilrettelegging ? [k] : []));
  if (table.code === 180)
    return [
      { group: GROUP_OF_CODE[180]!, rows: tiltak(false) },
      { group: TILRETTELEGGING, rows: tiltak(true) },
    ];
  return [{ group: GROUP_OF_CODE[table.code]!, rows: block >= 0 ? [0] : [] }];
}

/** Every link between TILT100 and the other tables of one year (none without TILT100). */
export function groupLinks(tables: readonly SeriesTable[]): GroupLink[] {
  const groupsTable = tables.findIndex((t) => t.code === GROUPS_CODE);
  if (groupsTable < 0) return [];
  const groups = tables[groupsTable]!;
  const links: GroupLink[] = [];
  tables.forEach((table, t) => {
    if (t === groupsTable || GROUP_OF_CODE[table.code] === undefined) return;
    groups.blocks.forEach((block100, groupsBlock) => {
      const block = table.blocks.findIndex((x) => x.hovedgruppe === block100.hovedgruppe);
      for (const part of parts(table, block)) {
        const groupsRow = block100.rows.findIndex((r) => r.id === slug(part.group));
        if (groupsRow < 0) continue;
        const months = groups.periods.flatMap((period, groupsMonth) => {
          const month = table.periods.indexOf(period);
          return month < 0 ? [] : [{ groupsMonth, month, period }];
        });
        links.push({ groupsTable, table: t, groupsBlock, groupsRow, group: part.group, block, rows: part.rows, months });
      }
    });
  });
  return links;
}
