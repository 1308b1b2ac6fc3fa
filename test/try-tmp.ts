import { fixtureSet, writeWorkbook, fileName } from "../test/fixtures/tilt/generate.js";
import { importWorkbooks } from "../src/core/tilt/import-workbooks.js";
import { protectSeries } from "../src/core/tilt/protect-series.js";
const year = Number(process.argv[2] ?? 2026);
const specs = fixtureSet().filter((s) => s.year === year && !s.revision).map((s) => ({ ...s, raw: true }));
const tables = [];
for (const s of specs) {
  const r = importWorkbooks([{ file: fileName(s), bytes: await writeWorkbook(s) }]);
  tables.push(r.series[0]!);
}
const t0 = performance.now();
const [y] = await protectSeries(tables, { timeLimitMs: Number(process.argv[3] ?? 10000) });
console.log(year, "ms", Math.round(performance.now() - t0), y!.cost, y!.lowerBound, y!.optimal, y!.search);
for (const t of y!.tables) console.log(t.table.file, t.primary, t.secondary.length, t.inherent.map((c) => `${c.cell} ${c.min}-${c.max} ${c.reason}`));
for (const t of y!.tables) for (const b of t.table.blocks) for (const r of b.rows) if ([r.average, ...r.months].some(c => ["C38","C18","C19","C17","C16"].includes(c.cell)) && (t.table.code===100||t.table.code===180)) console.log(t.table.code, b.hovedgruppe, r.label, r.average.value, r.months.map(c=>c.cell+"="+c.value).join(" "));
const raw = tables;
for (const t of raw) for (const b of t.blocks) for (const r of b.rows) if ([r.average, ...r.months].some(c => ["C38","C18","C19","C17","C16"].includes(c.cell)) && (t.code===100||t.code===180)) console.log("RAW", t.code, t.totalScope, b.hovedgruppe, r.label, r.average.cell, r.average.value, r.months.map(c=>c.cell+"="+c.value).join(" "));
