// `npm run bench`: round trips and queued Excel calls for insert-all and refresh (on the stateful
// fake), the fault sweep (--no-sweep skips it), custom-function throughput in Node, protection (the
// text publication and a year of raw TILT workbooks), and the production bundle sizes.
// Prints a table, or with --json one JSON object. Not part of `npm test`: figures, not assertions.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { gzipSync } from "node:zlib";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { NavFunctions, type ScalarFunctionId } from "../../src/core/functions.js";
import type { Arg } from "../../src/core/lookup.js";
import type { Dataset } from "../../src/core/types.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { fakeHost, widenDataset } from "../helpers/excel-fake.js";
import { ERROR_KINDS, scenarios, sweep } from "../helpers/fault-sweep.js";
import { makeRawDataset, rng } from "../helpers/raw-dataset.js";
import { novemberRaw } from "../helpers/november-raw.js";
import { bigTable } from "../helpers/big-table.js";
import { buildTableProblem } from "../helpers/table-audit.js";
import { loadHighs, milpSolver, type Highs } from "../../src/core/protect/milp.js";
import { protect } from "../../src/core/protect/protect.js";
import { cliStartFigures } from "./cli-start.js";
import { readUserFiles } from "../../src/core/user-file/read-user-files.js";
import { bigPublication } from "../helpers/big-publication.js";
import { importPublications } from "../../src/core/dataset.js";
import { auditSeries } from "../../src/core/tilt/series-audit.js";
import { importWorkbooks } from "../../src/core/tilt/import-workbooks.js";
import { protectSeries } from "../../src/core/tilt/protect-series.js";
import { CODES, fileName, writeWorkbook } from "../fixtures/tilt/generate.js";

// HiGHS compiled with V8's baseline WebAssembly compiler only, as `nav-tiltak prikk` runs it
// (src/cli/commands/prikk.ts): it must be set before the solver is loaded.
setFlagsFromString("--liftoff-only");

const ROOT = join(import.meta.dirname, "..", "..");
const json = process.argv.includes("--json");
const skipBuild = process.argv.includes("--no-build");
const skipSweep = process.argv.includes("--no-sweep");

interface ExcelFigures {
  syncs_insert_all: number;
  queued_calls_insert_all: number;
  syncs_refresh: number;
  queued_calls_refresh: number;
  cells_written: number;
}

/** Insert all tables and pivot ranges into an empty workbook, then refresh; count what Excel sees. */
async function excelFigures(ds: Dataset): Promise<ExcelFigures> {
  const { fake, host } = fakeHost();
  fake.stats.reset();
  const inserted = await insert(host, { dataset: ds, sheets: "all" });
  if (!inserted.ok) throw new Error(`insert all failed: ${inserted.summary}`);
  const insertFigures = { syncs: fake.stats.syncs, queued: fake.stats.queuedCalls };
  const cells = fake.state
    .sheetNames()
    .map((n) => fake.state.sheetText(n))
    .reduce((sum, rows) => sum + rows.reduce((s, r) => s + r.filter((t) => t !== "").length, 0), 0);
  fake.stats.reset();
  const refreshed = await refresh(host, { dataset: ds });
  if (!refreshed.ok) throw new Error(`refresh failed: ${refreshed.summary}`);
  return {
    syncs_insert_all: insertFigures.syncs,
    queued_calls_insert_all: insertFigures.queued,
    syncs_refresh: fake.stats.syncs,
    queued_calls_refresh: fake.stats.queuedCalls,
    cells_written: cells,
  };
}

/**
 * The fault sweep (as in the tests): every queued call of insert-all, each single insert, pivot
 * ranges, refresh after edits and the highlight fails once; losses and misses are summed.
 */
async function faultSweep(): Promise<Record<string, number>> {
  const out = {
    fault_points_tried: 0,
    user_edits_lost: 0,
    user_sheet_cells_changed: 0,
    not_converged_after_refresh: 0,
    untrue_messages: 0,
  };
  for (const s of await scenarios()) {
    const r = await sweep(s);
    out.fault_points_tried += r.points;
    out.user_edits_lost += r.userEditsLost;
    out.user_sheet_cells_changed += r.userSheetCellsChanged;
    out.not_converged_after_refresh += r.notConverged;
    out.untrue_messages += r.untrueMessages;
  }
  return { ...out, fault_error_kinds: ERROR_KINDS.length };
}

/** A mixed list of calls: every function, published and short hovedgruppe names, case noise, some errors. */
function mixedCalls(ds: Dataset, n: number): [ScalarFunctionId, Arg[]][] {
  const rand = rng(2016);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const hovedgrupper: Arg[] = [undefined, "I alt", ...ds.hovedgrupper.flatMap((h) => [h.name, h.short, h.short.toUpperCase()])];
  const periods: Arg[] = [undefined, undefined, ds.periods.at(-1)!.period];
  const tiltak = ds.tiltak.map((t) => t.name);
  const groups = ["I alt", ...ds.tiltaksgrupper.map((g) => g.name)];
  const calls: [ScalarFunctionId, Arg[]][] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    const noisy = (s: string) => (rand() < 0.1 ? `  ${s.toLowerCase()} ` : s);
    if (r < 0.45) calls.push(["TILTAK", [noisy(pick(tiltak)), pick(hovedgrupper), pick(periods)]]);
    else if (r < 0.7) calls.push(["TILTAKSGRUPPE", [noisy(pick(groups)), pick(hovedgrupper), pick(periods)]]);
    else if (r < 0.82) calls.push(["ENDRING", [noisy(pick(groups)), pick(hovedgrupper)]]);
    else if (r < 0.94) calls.push(["ENDRINGPROSENT", [noisy(pick(groups)), pick(hovedgrupper)]]);
    else if (r < 0.97) calls.push(["LISTE", [rand() < 0.5 ? undefined : pick(groups.slice(1))]]);
    else calls.push(["TILTAK", [`${pick(tiltak)}x`]]); // a typo: the #VALUE! path with suggestions
  }
  return calls;
}

function functionThroughput(ds: Dataset): { warm: number; cold: number; calls: number } {
  const calls = mixedCalls(ds, 100_000);
  const pass = (fns: NavFunctions): number => {
    const t0 = performance.now();
    let sink = 0;
    for (const [id, args] of calls) if (fns.call(id, args).error === undefined) sink++;
    const ms = performance.now() - t0;
    if (sink === 0) throw new Error("no call succeeded");
    return calls.length / (ms / 1000);
  };
  // Cold: a fresh instance (name caches empty) on a first pass.
  const cold = pass(new NavFunctions(ds));
  const fns = new NavFunctions(ds);
  pass(fns); // warm-up: JIT and the name caches, as in a workbook recalculating
  const runs = Array.from({ length: 7 }, () => pass(fns)).sort((a, b) => a - b);
  return { warm: runs[3]!, cold, calls: calls.length };
}

function bundleSizes(): Record<string, number> {
  const out = mkdtempSync(join(tmpdir(), "nav-tiltak-bench-"));
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--env", `outputPath=${out}`],
      {
        cwd: ROOT,
        stdio: "ignore",
      },
    );
    const gz = (file: string) => gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
    const html = readFileSync(join(out, "taskpane.html"), "utf8");
    // Every script the task pane page loads itself (office.js comes from Microsoft's CDN).
    // The minified HTML may drop attribute quotes and appends a cache-busting query.
    const pageScripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)]
      .map((m) => m[1]!)
      .filter((s) => !/^https?:/.test(s))
      .map((s) => s.replace(/^\.?\//, "").replace(/\?.*$/, ""));
    // Entry bundles carry a content hash (taskpane.1a2b3c4d.js); functions.js is a stable-named
    // copy of the functions bundle for the manifest, not a chunk of its own.
    const entry = (name: string) => pageScripts.find((f) => f.startsWith(`${name}.`)) ?? `${name}.js`;
    const asyncChunks = readdirSync(out).filter((f) => f.endsWith(".js") && f !== "functions.js" && !pageScripts.includes(f));
    return {
      taskpane_js_gzip_bytes: gz(entry("taskpane")),
      functions_js_gzip_bytes: gz(entry("functions")),
      taskpane_page_js_gzip_bytes: pageScripts.reduce((s, f) => s + gz(f), 0),
      taskpane_async_chunks_gzip_bytes: asyncChunks.reduce((s, f) => s + gz(f), 0),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Protection of NAV's November 2016 data with every "*" put back: time, ":" cells chosen and the
 * proven lower bound on them (equal, with `prikk_optimal`, when the search proved its optimum).
 */
async function novemberProtection(highs: Highs): Promise<Record<string, number | boolean>> {
  const { raw } = novemberRaw();
  const t0 = performance.now();
  const r = await protect(raw, undefined, highs);
  return {
    prikk_ms: Math.round(performance.now() - t0),
    prikk_optimal: r.optimal,
    secondary_cells: r.cost.cells,
    secondary_cells_lower_bound: r.lowerBound.cells,
    secondary_cells_gap: r.cost.cells - r.lowerBound.cells,
    secondary_sum: r.cost.sum,
    secondary_sum_lower_bound: r.lowerBound.sum,
    prikk_master_programs: r.search.rounds,
  };
}

/**
 * A generated raw publication ten times November's size (420 tiltak in 20 groups, about as many
 * small counts per figure as NAV's), protected with a 10 s limit on the exact search: the best set
 * found beside the proven bound.
 */
async function tenfoldProtection(highs: Highs): Promise<Record<string, number | boolean>> {
  const raw = makeRawDataset({ seed: 10, groups: 20, tiltakPerGroup: 21, pZero: 0.15, pSmall: 0.1 });
  const t0 = performance.now();
  const r = await protect(raw, undefined, highs, { timeLimitMs: 10_000 });
  return {
    prikk_ms_10x: Math.round(performance.now() - t0),
    prikk_optimal_10x: r.optimal,
    secondary_cells_10x: r.cost.cells,
    secondary_cells_lower_bound_10x: r.lowerBound.cells,
    secondary_cells_gap_10x: r.cost.cells - r.lowerBound.cells,
    primary_cells_10x: r.primary.length,
  };
}

/** Exact audit of the 40 × 6 mostly-suppressed table, and protection of a small raw dataset. */
async function disclosureFigures(): Promise<Record<string, number | boolean>> {
  const highs = await loadHighs();
  const { problem } = buildTableProblem(bigTable(1).table);
  let t0 = performance.now();
  milpSolver(highs)(problem);
  const audit = performance.now() - t0;
  t0 = performance.now();
  const r = await protect(makeRawDataset({ seed: 5, groups: 2, tiltakPerGroup: 2 }), undefined, highs);
  return {
    audit_ms_40x6_90pct: Math.round(audit),
    prikk_ms_small: Math.round(performance.now() - t0),
    secondary_cells_small: r.cost.cells,
    secondary_cells_lower_bound_small: r.lowerBound.cells,
    ...(await novemberProtection(highs)),
    ...(await tenfoldProtection(highs)),
  };
}

/** «Bruk egen fil»: a 5 MB publication (consistent, every tiltak copied) read and audited as the pane does. */
function userFileFigures(): Record<string, number> {
  const bytes = bigPublication(5 * 1024 * 1024);
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  const r = readUserFiles([{ name: "stor.txt", bytes }], { reference: BUNDLED_DATASET });
  const [ms, cpu] = [performance.now() - t0, process.cpuUsage(cpu0)];
  // CPU time beside wall time: on a shared machine the wall time is mostly waiting for a core.
  return {
    user_file_5mb_ms: Math.round(ms),
    user_file_5mb_cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
    user_file_5mb_bytes: bytes.length,
    user_file_5mb_accepted: Number(r.accepted),
  };
}

/**
 * Reading a year of NAV's nine time-series workbooks (December files, twelve months each): unzip,
 * parse, audit and merge into the Dataset (median of 5), and the disclosure audit over them.
 */
async function tiltFigures(): Promise<Record<string, number>> {
  const sources = await Promise.all(
    CODES.map(async (code) => {
      const spec = { code, year: 2025, last: 12, style: "compact" as const, totalWithTilrettelegging: true };
      return { file: fileName(spec), text: "", bytes: await writeWorkbook(spec) };
    }),
  );
  const times: number[] = [];
  let dataset = importPublications(sources).dataset;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    dataset = importPublications(sources).dataset;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const t0 = performance.now();
  auditSeries(dataset);
  return {
    tilt_read_year_9_workbooks_ms: Math.round(times[2]!),
    tilt_workbook_bytes_total: sources.reduce((n, s) => n + s.bytes.length, 0),
    tilt_series_audit_year_ms: Math.round(performance.now() - t0),
  };
}

/**
 * A year of raw TILT workbooks (every table of the fixture set, 1–3 still shown) protected together:
 * hidden cells, the proven lower bound, the gap, and the time (the exact search alone, and with the
 * combined series audit that checks the result).
 */
async function tiltProtectionFigures(): Promise<Record<string, number | boolean>> {
  const highs = await loadHighs();
  const out: Record<string, number | boolean> = {};
  for (const [year, last] of [
    [2026, 3],
    [2025, 12],
  ] as const) {
    const tables = [];
    for (const code of CODES) {
      const spec = { code, year, last, style: "compact" as const, totalWithTilrettelegging: year !== 2026, raw: true };
      tables.push(importWorkbooks([{ file: fileName(spec), bytes: await writeWorkbook(spec) }]).series[0]!);
    }
    const t0 = performance.now();
    const [r] = await protectSeries(tables, { highs, timeLimitMs: 10_000 });
    const k = `${year}_${last}m`;
    out[`tilt_prikk_ms_${k}`] = Math.round(performance.now() - t0);
    out[`tilt_prikk_search_ms_${k}`] = r!.search.ms;
    out[`tilt_prikk_optimal_${k}`] = r!.optimal;
    out[`tilt_secondary_cells_${k}`] = r!.cost.cells;
    out[`tilt_secondary_cells_lower_bound_${k}`] = r!.lowerBound.cells;
    out[`tilt_secondary_cells_gap_${k}`] = r!.cost.cells - r!.lowerBound.cells;
    out[`tilt_primary_cells_${k}`] = r!.tables.reduce((n, t) => n + t.primary, 0);
  }
  return out;
}

async function main(): Promise<void> {
  const base = await excelFigures(BUNDLED_DATASET);
  const wide = await excelFigures(widenDataset(BUNDLED_DATASET, 10));
  const fns = functionThroughput(BUNDLED_DATASET);
  const result: Record<string, number | string | boolean> = {
    syncs_insert_all: base.syncs_insert_all,
    syncs_refresh: base.syncs_refresh,
    queued_calls_insert_all: base.queued_calls_insert_all,
    queued_calls_refresh: base.queued_calls_refresh,
    cells_written_insert_all: base.cells_written,
    queued_calls_insert_all_10x_tiltak: wide.queued_calls_insert_all,
    cells_written_insert_all_10x_tiltak: wide.cells_written,
    queued_calls_growth_10x: Number((wide.queued_calls_insert_all / base.queued_calls_insert_all).toFixed(3)),
    cells_growth_10x: Number((wide.cells_written / base.cells_written).toFixed(3)),
    function_calls_per_s: Math.round(fns.warm),
    function_calls_per_s_cold: Math.round(fns.cold),
    function_calls_in_list: fns.calls,
    ...(skipSweep ? {} : await faultSweep()),
    ...(await disclosureFigures()),
    ...cliStartFigures(ROOT),
    ...userFileFigures(),
    ...(await tiltFigures()),
    ...(await tiltProtectionFigures()),
    ...(skipBuild ? {} : bundleSizes()),
    node: process.version,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const targets: Record<string, string> = {
    syncs_insert_all: "≤ 2",
    syncs_refresh: "≤ 2",
    queued_calls_growth_10x: "≈ 1 (blocks, not cells)",
    function_calls_per_s: "≥ 2 000 000",
    taskpane_js_gzip_bytes: "≤ 61 440",
    taskpane_page_js_gzip_bytes: "≤ 61 440",
    user_edits_lost: "0",
    user_sheet_cells_changed: "0",
    not_converged_after_refresh: "0",
    untrue_messages: "0",
    cli_call_vs_node: "≤ 1.5",
    user_file_5mb_ms: "< 2 000",
    prikk_ms: "< 1 000",
    prikk_optimal: "true",
    tilt_prikk_optimal_2026_3m: "true",
    tilt_prikk_optimal_2025_12m: "true",
  };
  const rows = Object.entries(result).map(([k, v]) => [k, typeof v === "number" ? v.toLocaleString("en-US") : String(v), targets[k] ?? ""]);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 6));
  const line = (r: (string | number)[]) => r.map((c, i) => String(c).padEnd(w[i]!)).join("  ");
  console.log(line(["metric", "value", "target"]));
  console.log(line(w.map((n) => "-".repeat(n))));
  for (const r of rows) console.log(line(r));
}

await main();
