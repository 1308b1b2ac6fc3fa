// The fault sweep: an operation is run against a copy of a prepared workbook once per queued
// Excel call, with that call failing (Office.js batches are not transactional: the calls before a
// failing one stay applied). After each failure it checks that every value the user typed is still
// in the workbook, that the user's own sheet is unchanged and that the message is true; then a
// following «Oppdater» must give the add-in's sheets a clean run gives. Used by the test and the bench.

import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { revealedCells } from "../../src/core/disclosure-audit.js";
import { buildLayouts } from "../../src/core/layout.js";
import type { Dataset } from "../../src/core/types.js";
import { HIGHLIGHT_FILL, highlightRevealed } from "../../src/excel/highlight.js";
import { INDEX_PREFIX, REQUEST_NAME } from "../../src/excel/ownership.js";
import { parseSheetReference } from "@nav-tiltak/a1";
import type { ExcelHost, SheetChoice, WriteReport } from "../../src/excel/operation-types.js";
import { insert, refresh } from "../../src/excel/writer.js";
import type { ErrorCode, FakeExcel } from "@nav-tiltak/excel-simulator";
import { fakeHost, trimText, userDoes } from "./excel-fake.js";
import { rng } from "./raw-dataset.js";

/** Every error code the fake can raise. */
export const ERROR_KINDS: readonly ErrorCode[] = [
  "GeneralException",
  "InvalidArgument",
  "ItemAlreadyExists",
  "ItemNotFound",
  "InvalidOperation",
  "AccessDenied",
  "PropertyNotLoaded",
  "ApiNotFound",
  "InvalidRequestContext",
  "InsertDeleteConflict",
];

/** A value the user typed into an add-in cell: it must stay somewhere in the workbook. */
export interface Typed {
  sheet: string;
  address: string;
  formula: string | number;
}

export interface Scenario {
  name: string;
  /** The prepared workbook (copied for every point) and what the user typed in it. */
  fake: FakeExcel;
  typed: Typed[];
  op: (host: ExcelHost) => Promise<WriteReport>;
  /** What a following run does to finish: «Oppdater», or the highlight again. */
  follow: (host: ExcelHost) => Promise<WriteReport>;
  /** Also compare the highlight fills. */
  fills?: boolean;
}

export interface SweepResult {
  scenario: string;
  points: number;
  userEditsLost: number;
  userSheetCellsChanged: number;
  notConverged: number;
  untrueMessages: number;
  /** One line per problem, for the test's failure message. */
  problems: string[];
}

export const USER_SHEET = "Budsjett";
const USER_CELLS = {
  A1: [
    ["Post", "Beløp"],
    ["Lønn", 1200],
    ["Sum", "=B2*12"],
  ],
};

export function hostOf(fake: FakeExcel): ExcelHost {
  return { run: (batch) => fake.runAsExcel(batch), isSetSupported: (v) => fake.isSetSupported("ExcelApi", v) };
}

/** The add-in's sheets (found through its index), tables, names and PivotTables, as text. */
export function addinSignature(fake: FakeExcel, fills = false): string {
  const wb = fake.state;
  const names = wb.names();
  const index = names
    .filter((n) => n.name.startsWith(INDEX_PREFIX) && n.name !== REQUEST_NAME)
    .map((n) => ({ key: n.name, ref: parseSheetReference(n.formula) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const sheets = index.map(({ key, ref }) => {
    if (!ref) return { key, sheet: null };
    const text = trimText(wb.sheetText(ref.sheet));
    const fill = fills
      ? wb
          .sheetView(ref.sheet)
          .cells.flatMap((row, r) => row.flatMap((c, col) => (c.format.fillColor.toUpperCase() === HIGHLIGHT_FILL ? [`${r}:${col}`] : [])))
      : [];
    // Frozen panes too: a write cut short before the freeze must be made right by the next run.
    const { frozenRows, frozenColumns } = wb.sheet(ref.sheet);
    return { key, sheet: ref.sheet, at: ref.rect, text, fill, frozen: [frozenRows, frozenColumns] };
  });
  return JSON.stringify({
    sheets,
    tables: wb
      .tables()
      .map((t) => [t.name, t.address])
      .sort(),
    names: names
      .filter((n) => !n.name.startsWith(INDEX_PREFIX))
      .map((n) => [n.name, n.formula])
      .sort(),
    pivots: wb
      .pivotTables()
      .map((p) => [p.name, p.sheet, p.source])
      .sort(),
  });
}

function wholeState(fake: FakeExcel): string {
  const wb = fake.state;
  return JSON.stringify({
    sheets: wb.sheetNames().map((n) => wb.sheet(n)),
    tables: wb.tables(),
    names: wb.names(),
    pivots: wb.pivotTables(),
  });
}

/** Checks a failed run's message against the workbook; returns what is untrue. */
function untrue(report: WriteReport, fake: FakeExcel, typed: Typed[], before: () => string, want: string, fills?: boolean): string[] {
  const problems: string[] = [];
  const text = report.messages.map((m) => m.text).join("\n");
  if (/men alt ble skrevet/.test(text) && addinSignature(fake, fills) !== want) problems.push("says everything was written, it was not");
  if (/Ctrl\s*\+\s*Z|Angre/i.test(text)) problems.push("undo advice");
  if (/struktur er beskyttet/.test(text) && !fake.state.workbookProtected) problems.push("protection hint on an unprotected workbook");
  if (/Ingenting i arbeidsboken ble endret/.test(text) && wholeState(fake) !== before())
    problems.push("says nothing changed, but the workbook did");
  for (const m of text.matchAll(/Endringene dine på «([^»]+)» er tatt vare på i arket «([^»]+)»/g)) {
    for (const t of typed.filter((x) => x.sheet === m[1])) {
      if (!fake.state.sheetNames().includes(m[2]!) || fake.state.getFormulas(m[2]!, t.address)[0]![0] !== t.formula) {
        problems.push(`says ${t.sheet}!${t.address} is kept on «${m[2]}», it is not`);
      }
    }
  }
  for (const m of text.matchAll(/Endringene dine på «([^»]+)» står urørt der/g)) {
    for (const t of typed.filter((x) => x.sheet === m[1])) {
      if (fake.state.getFormulas(t.sheet, t.address)[0]![0] !== t.formula)
        problems.push(`says ${t.sheet}!${t.address} is untouched, it is not`);
    }
  }
  if (!report.ok && !report.messages.some((m) => m.level === "error")) problems.push("failed without an error message");
  return problems;
}

function lost(fake: FakeExcel, typed: Typed[]): Typed[] {
  return typed.filter((t) => fake.state.findFormula(t.formula).length === 0);
}

/**
 * Runs the scenario's operation once per queued call, that call failing with one error kind
 * (a seeded rotation over ERROR_KINDS, so every kind is used and every point is tried once).
 */
export async function sweep(s: Scenario, seed = 9): Promise<SweepResult> {
  const clean = s.fake.fork();
  clean.stats.reset();
  const cleanReport = await s.op(hostOf(clean));
  if (!cleanReport.ok) throw new Error(`${s.name}: the clean run failed: ${cleanReport.summary}`);
  const points = clean.stats.queuedCalls;
  const want = addinSignature(clean, s.fills);
  const userSheet = JSON.stringify(s.fake.state.sheet(USER_SHEET));
  const offset = Math.floor(rng(seed)() * ERROR_KINDS.length);
  const result: SweepResult = {
    scenario: s.name,
    points,
    userEditsLost: 0,
    userSheetCellsChanged: 0,
    notConverged: 0,
    untrueMessages: 0,
    problems: [],
  };

  // Every point starts from a copy of the same workbook: its full state is taken once, when needed.
  let whole: string | undefined;
  const before = () => (whole ??= wholeState(s.fake));

  for (let n = 1; n <= points; n++) {
    const fake = s.fake.fork();
    const code = ERROR_KINDS[(n + offset) % ERROR_KINDS.length]!;
    fake.failOn({ nth: n, code });
    const report = await s.op(hostOf(fake));
    fake.clearFailures();
    const where = `${s.name}, call ${n}/${points} (${code})`;

    const gone = lost(fake, s.typed);
    if (gone.length > 0) {
      result.userEditsLost += gone.length;
      result.problems.push(`${where}: lost ${gone.map((t) => `${t.sheet}!${t.address}`).join(", ")}`);
    }
    if (JSON.stringify(fake.state.sheet(USER_SHEET)) !== userSheet) {
      result.userSheetCellsChanged++;
      result.problems.push(`${where}: the user's sheet changed`);
    }
    const wrong = untrue(report, fake, s.typed, before, want, s.fills);
    if (wrong.length > 0) {
      result.untrueMessages++;
      result.problems.push(`${where}: ${wrong.join("; ")}`);
    }

    // «Oppdater» finishes; where the message says nothing was changed, the user runs the
    // operation again instead (a refresh has nothing to finish then).
    const nothing = report.messages.some((m) => /Ingenting i arbeidsboken ble endret/.test(m.text));
    const next = await (nothing ? s.op : s.follow)(hostOf(fake));
    const got = addinSignature(fake, s.fills);
    const goneAfter = lost(fake, s.typed);
    if (!next.ok || got !== want || goneAfter.length > 0) {
      result.notConverged++;
      result.problems.push(`${where}: not converged after the following run (${next.ok ? "different sheets" : next.summary})`);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The scenarios

export function userWorkbook(): FakeExcel {
  return fakeHost({ sheets: [{ name: USER_SHEET, cells: USER_CELLS }] }).fake;
}

/** The edits a user made in add-in cells on several sheets, before a refresh. */
export const EDITS: Typed[] = [
  { sheet: "Hovedgrupper", address: "C7", formula: 987654 },
  { sheet: "Tiltak og hovedgrupper", address: "B8", formula: "=SUM(1,2,3)" },
  { sheet: "Pivotdata endring", address: "A2", formula: "min merknad" },
];

/** The user's workbook with the chosen sheets inserted (newest period), then the user's edits in them. */
export async function insertedWithEdits(ds: Dataset, choices: SheetChoice[] = ["all"], edits: Typed[] = EDITS): Promise<FakeExcel> {
  const fake = userWorkbook();
  for (const sheets of choices) {
    const report = await insert(hostOf(fake), { dataset: ds, sheets });
    if (!report.ok) throw new Error(report.summary);
  }
  await userDoes(fake, (ctx) => {
    for (const e of edits) {
      const r = ctx.workbook.worksheets.getItem(e.sheet).getRange(e.address);
      if (typeof e.formula === "string" && e.formula.startsWith("=")) r.formulas = [[e.formula]];
      else r.values = [[e.formula]];
    }
  });
  return fake;
}

export async function scenarios(ds: Dataset = BUNDLED_DATASET): Promise<Scenario[]> {
  const again = (host: ExcelHost) => refresh(host, { dataset: ds });
  const list: Scenario[] = [
    { name: "insert all", fake: userWorkbook(), typed: [], op: (h) => insert(h, { dataset: ds, sheets: "all" }), follow: again },
    { name: "pivot ranges", fake: userWorkbook(), typed: [], op: (h) => insert(h, { dataset: ds, sheets: "pivot" }), follow: again },
    { name: "insert charts", fake: userWorkbook(), typed: [], op: (h) => insert(h, { dataset: ds, sheets: "charts" }), follow: again },
  ];
  for (const l of buildLayouts(ds)) {
    list.push({
      name: `insert «${l.name}»`,
      fake: userWorkbook(),
      typed: [],
      op: (h) => insert(h, { dataset: ds, sheets: [l.key] }),
      follow: again,
    });
  }
  const edited = await insertedWithEdits(ds);
  list.push({ name: "refresh after edits", fake: edited, typed: EDITS, op: again, follow: again });
  // The same with the chart sheets in the workbook: «Oppdater» rewrites them too.
  const withCharts = await insertedWithEdits(ds, ["all", "charts"]);
  list.push({ name: "refresh after edits, with charts", fake: withCharts, typed: EDITS, op: again, follow: again });
  // What users do to the objects between refreshes: the long table renamed (the names per
  // hovedgruppe follow it) and a sheet's panes unfrozen (the refresh freezes them again).
  const handled = await insertedWithEdits(ds);
  await userDoes(handled, (ctx) => {
    ctx.workbook.tables.getItem("NavTiltak").name = "MineData";
    ctx.workbook.worksheets.getItem("Hovedgrupper").freezePanes.unfreeze();
  });
  list.push({ name: "refresh after edits, a renamed table and unfrozen panes", fake: handled, typed: EDITS, op: again, follow: again });
  // The highlight always on the published figures: which cells they give away is what it marks.
  const full = BUNDLED_DATASET;
  const cells = revealedCells(full);
  const inserted = userWorkbook();
  await insert(hostOf(inserted), { dataset: full, sheets: "all" });
  const mark = (h: ExcelHost) => highlightRevealed(h, full, cells);
  list.push({ name: "Prikkekontroll highlight", fake: inserted, typed: [], op: mark, follow: mark, fills: true });
  return list;
}
