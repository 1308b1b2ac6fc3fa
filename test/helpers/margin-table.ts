// Hand-made tables for the exact disclosure audit's tests: a table with margins, and its bounds by label.
import { auditTable, type AuditCell, type AuditTable, type TotalSpec } from "./table-audit.js";

/** Map of "row label / col label" → [min, max] for compact assertions. */
export function boundsByLabel(table: AuditTable): Record<string, [number, number]> {
  const res = auditTable(table);
  if (!res.feasible) throw new Error(res.message);
  return Object.fromEntries(res.cells.map((c) => [`${c.rowLabel} / ${c.colLabel}`, [c.min, c.max]]));
}

/** Columns [I alt, parts…] with column 0 the total of the others, rows [I alt, parts…] likewise. */
export function marginTable(columns: string[], rows: [string, ...AuditCell[]][], rowTotals?: TotalSpec[]): AuditTable {
  return {
    columns,
    rows: rows.map(([label, ...cells]) => ({ label, cells })),
    rowTotals: rowTotals ?? [{ total: 0, parts: rows.slice(1).map((_, i) => i + 1) }],
    columnTotals: [{ total: 0, parts: columns.slice(1).map((_, i) => i + 1) }],
  };
}
