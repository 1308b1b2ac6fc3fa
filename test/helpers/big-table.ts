// A 40 × 6 table with most cells suppressed: the case the search alone found hard.
import type { AuditTable } from "./table-audit.js";
import { rng } from "./raw-dataset.js";

/**
 * 40 rows × 6 columns (a total row and an «I alt» column): most cells are 1–3 and so "*", the rest
 * empty; the column totals and the grand total are published.
 */
export function bigTable(seed: number): { table: AuditTable; truth: number[][] } {
  const rnd = rng(seed);
  const truth: number[][] = [];
  for (let r = 1; r < 40; r++) {
    const t = Array.from({ length: 5 }, (): number => {
      const u = rnd();
      return u < 0.3 ? 0 : u < 0.85 ? 1 : u < 0.95 ? 2 : 3;
    });
    truth.push([t.reduce((a, b) => a + b, 0), ...t]);
  }
  truth.unshift(Array.from({ length: 6 }, (_, c) => truth.reduce((a, row) => a + row[c]!, 0)));
  const shown = truth.map((row) => row.map((v) => (v >= 1 && v <= 3 ? ("*" as const) : v === 0 ? null : v)));
  const table: AuditTable = {
    columns: ["I alt", "a", "b", "c", "d", "e"],
    rows: shown.map((cells, r) => ({ label: r === 0 ? "I alt" : `Rad ${r}`, cells })),
    rowTotals: [{ total: 0, parts: Array.from({ length: 39 }, (_, i) => i + 1) }],
    columnTotals: [{ total: 0, parts: [1, 2, 3, 4, 5] }],
  };
  return { table, truth };
}
