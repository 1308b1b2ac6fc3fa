// Reads a per-hovedgruppe name the way Excel would evaluate it, for the fake, which keeps name
// formulas as text: `=FILTER(T,T[Column]="value")` → the rows of table T (as it is now: its
// current name, range and row order) whose Column holds value. Any other shape fails the test,
// so a name that falls back to a fixed address is caught.

import type { FakeExcel } from "@nav-tiltak/excel-simulator";

type Cell = string | number | boolean | null;

const SHAPE = /^=FILTER\(([^,[\]]+),([^,[\]]+)\[([^\]]+)\]="((?:[^"]|"")*)"\)$/;

export interface GroupName {
  table: string;
  column: string;
  value: string;
}

export function parseGroupName(formula: string): GroupName {
  const m = SHAPE.exec(formula);
  if (!m || m[1] !== m[2]) throw new Error(`Not a FILTER over one table's column: ${formula}`);
  return { table: m[1]!, column: m[3]!, value: m[4]!.replace(/""/g, '"') };
}

/** The rows the name gives now (header excluded), evaluated against the fake's table. */
export function groupNameRows(fake: FakeExcel, name: string): Cell[][] {
  const item = fake.state.names().find((n) => n.name === name);
  if (!item) throw new Error(`No name ${name}`);
  const g = parseGroupName(item.formula);
  const table = fake.state.tables().find((t) => t.name.toUpperCase() === g.table.toUpperCase());
  if (!table) throw new Error(`${name} refers to a table that does not exist: ${g.table}`);
  const col = table.headers.indexOf(g.column);
  if (col < 0) throw new Error(`${name} refers to a column the table does not have: ${g.column}`);
  const bang = table.address.lastIndexOf("!");
  const rows = fake.state.getValues(table.sheet, table.address.slice(bang + 1)).slice(1) as Cell[][];
  return rows.filter((r) => r[col] === g.value);
}
