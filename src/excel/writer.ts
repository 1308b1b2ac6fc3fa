// The Excel writer: a thin adapter from the core's layouts and long tables to Office.js. Every
// operation goes in one way: what to write (an InsertRequest: sheets for a chosen period, or for a
// refresh every sheet the add-in made), built once into sheet specs, then `write`.
//
// Every operation is two round trips:
//   1. read (read.ts): collections (sheets, names, tables, PivotTables, workbook protection) and,
//      through the add-in's index entries, every block of cells it wrote, as the user left them.
//      Nothing is changed in this trip, so everything a write could touch is in memory first;
//   2. write (write-batch.ts): one batch, ordered so a failure at any call leaves every user value
//      somewhere. Office.js batches are not transactional (calls before a failing one stay).
// After a failure a separate read (outcome.ts) finds out how far the batch came, for the message.
// Nothing is computed here: values, "*" and number formats come from the core.

import { rectContains } from "@nav-tiltak/a1";
import { buildLayouts } from "../core/layout.js";
import { capabilities, resolveHost } from "./capabilities.js";
import { layoutSheet, pivotSheets, type SheetSpec, type TargetKey } from "./sheet-specs.js";
import { allSeriesSheets, seriesSheets } from "./series-sheets.js";
import { planCopies, userEdited, type KeptCopy } from "./edits.js";
import { explainFailure, type Batch } from "./outcome.js";
import { REQUEST_NAME } from "./ownership.js";
import { planTargets, type Mode, type Plan } from "./plan.js";
import { queueExtraRead, queueRead, type WorkbookRead } from "./read-workbook.js";
import type {
  Capabilities,
  ExcelHost,
  ExcelRunner,
  InsertRequest,
  Message,
  PeriodChoice,
  SheetChoice,
  SheetResult,
  WriteOptions,
  WriteReport,
} from "./operation-types.js";
import { boundingBox, queueWrites, type BatchInput } from "./write-batch.js";
import { quotedList } from "../core/text.js";

// ---------------------------------------------------------------------------------------------
// Public operations

/**
 * Inserts the chosen sheets for the chosen period: a sheet the add-in made before is rewritten in
 * place, any other is made anew; a user's sheet is never touched.
 */
export async function insert(host: ExcelHost | ExcelRunner, request: InsertRequest, options: WriteOptions = {}): Promise<WriteReport> {
  const specs = await sheetSpecs(request, request.sheets);
  if (specs.length === 0 && request.sheets === "series") {
    // A year without NAV's time series (the 2016 text): said, not a round trip that writes nothing.
    const text = "Det finnes ingen av NAVs tidsserier (TILT-arbeidsbøker) for året til perioden som er valgt.";
    return { ok: true, syncs: 0, sheets: [], messages: [{ level: "info", text }], summary: "Ingenting ble skrevet." };
  }
  return write(host, specs, "upsert", options);
}

/**
 * Rewrites, from the given data and period, every sheet the add-in created in this workbook
 * (recreating deleted ones), chart sheets included.
 */
export async function refresh(host: ExcelHost | ExcelRunner, source: PeriodChoice, options: WriteOptions = {}): Promise<WriteReport> {
  const [all, charts] = await Promise.all([sheetSpecs(source, "all"), sheetSpecs(source, "charts")]);
  return write(host, [...all, ...charts, ...allSeriesSheets(source.dataset)], "refresh", options);
}

/**
 * The sheets to write, built once: the published tables of the period (only those asked for), the
 * pivot-ready data, or the chart sheets, which come from a chunk of their own (the pane starts
 * without it). An unknown period is refused here, before anything is read or written.
 */
export async function sheetSpecs(source: PeriodChoice, sheets: SheetChoice): Promise<SheetSpec[]> {
  const { dataset, period } = source;
  if (sheets === "pivot") return pivotSheets(dataset);
  if (sheets === "series") return seriesSheets(dataset, period);
  if (sheets === "charts") {
    const { chartSheets } = await import(/* webpackChunkName: "diagrammer" */ "./chart-sheets.js");
    return chartSheets(dataset, period);
  }
  const layouts = buildLayouts(dataset, period);
  if (sheets === "all") return [...layouts.map(layoutSheet), ...pivotSheets(dataset)];
  return layouts.filter((l) => sheets.includes(l.key)).map(layoutSheet);
}

// ---------------------------------------------------------------------------------------------
// One operation

const PROGRESS = {
  read: [0.1, "Leser arbeidsboken …"],
  write: [0.45, "Skriver til Excel …"],
  done: [1, "Ferdig."],
} as const;

/** «A», «B» og «C». */
function sheetList(results: SheetResult[]): string {
  return quotedList(
    results.map((r) => r.sheet),
    "og",
  );
}

/** The one line the pane announces: what was made, updated and skipped, each sheet by its name. */
export function summarize(op: Mode, results: SheetResult[], messages: Message[]): string {
  const groups: [string, SheetResult[]][] = [
    ["satt inn", results.filter((r) => r.status === "created" || r.status === "recreated")],
    ["oppdatert", results.filter((r) => r.status === "updated")],
    ["hoppet over", results.filter((r) => r.status === "skipped")],
  ];
  const parts = groups.filter(([, list]) => list.length > 0).map(([verb, list]) => `${list.length} ark ${verb}: ${sheetList(list)}.`);
  if (parts.length === 0) return op === "refresh" ? "Ingenting å oppdatere." : "Ingenting ble skrevet.";
  const warn = messages.some((m) => m.level !== "info") ? " Se merknadene under." : "";
  return `${parts.join(" ")}${warn}`;
}

/** The request record's keys: what an earlier operation still owes plus this one's; what is left after. */
function requestFor(read: WorkbookRead, plan: Plan, specs: SheetSpec[]): BatchInput["request"] {
  const prev = (read.snapshot.requested ?? []) as TargetKey[];
  const mine = plan.targets.filter((t) => t.action !== "skip").map((t) => t.spec.key);
  return {
    exists: read.snapshot.names.some((n) => n.name.toUpperCase() === REQUEST_NAME.toUpperCase()),
    keys: [...new Set([...prev, ...mine])],
    remaining: prev.filter((k) => !specs.some((s) => s.key === k)),
    // Only tells this batch's marks from those an earlier batch left behind.
    run: Math.random().toString(36).slice(2, 8),
  };
}

/** What an operation has so far: round trips, messages, results, and the batch once it is queued. */
interface Progress {
  syncs: number;
  messages: Message[];
  results: SheetResult[];
  batch: Batch | null;
}

/** One operation: read, plan, write in one Excel.run; after a failure, what the user is told. */
async function write(hostIn: ExcelHost | ExcelRunner, specs: SheetSpec[], mode: Mode, options: WriteOptions): Promise<WriteReport> {
  const host = resolveHost(hostIn);
  const caps = capabilities(hostIn);
  if (!caps.base) {
    return {
      ok: false,
      syncs: 0,
      sheets: [],
      messages: [{ level: "error", text: "Denne Excel-versjonen er for gammel for NAV tiltak (krever ExcelApi 1.7 eller nyere)." }],
      summary: "Excel-versjonen støttes ikke.",
    };
  }
  const done: Progress = { syncs: 0, messages: [], results: [], batch: null };
  try {
    await host.run((context) => readPlanWrite(context, done, { caps, specs, mode, options }));
  } catch (e) {
    const outcome = await explainFailure(host.run, e, done.batch);
    done.syncs += outcome.syncs;
    done.messages.push(...outcome.messages);
    if (!outcome.ok) {
      return {
        ok: false,
        syncs: done.syncs,
        sheets: done.results,
        messages: done.messages,
        summary: "Noe gikk galt i Excel. Se feilmeldingen under.",
      };
    }
  }
  if (mode === "refresh" && done.results.length === 0) {
    done.messages.push({
      level: "info",
      text: "Fant ingen ark fra NAV tiltak i denne arbeidsboken. Bruk «Sett inn» først; «Oppdater» skriver dem på nytt senere.",
    });
  }
  report(options, "done");
  const { syncs, messages, results } = done;
  return { ok: !messages.some((m) => m.level === "error"), syncs, sheets: results, messages, summary: summarize(mode, results, messages) };
}

interface Job {
  caps: Capabilities;
  specs: SheetSpec[];
  mode: Mode;
  options: WriteOptions;
}

function report(options: WriteOptions, step: keyof typeof PROGRESS): void {
  options.onProgress?.(PROGRESS[step][0], PROGRESS[step][1]);
}

/** The round trips of one operation, in order: read, plan, (read grown blocks,) write. */
async function readPlanWrite(context: Excel.RequestContext, done: Progress, job: Job): Promise<void> {
  const sync = async () => {
    done.syncs++;
    await context.sync();
  };
  // Round trip 1: reads only.
  report(job.options, "read");
  const take = queueRead(context, job.caps, job.specs);
  await sync();
  const read = take();
  const plan = planTargets(read.snapshot, job.specs, job.mode, job.caps);
  done.messages.push(...plan.messages);
  if (plan.targets.every((t) => t.action === "skip")) {
    done.results = plan.targets.map((t) => ({ key: t.spec.key, sheet: t.sheetName, status: "skipped" }));
    return;
  }
  await readGrownBlocks(context, read, plan, sync);
  const copies = planCopies(editedBlocks(read, plan), takenSheetNames(read, plan));
  const request = requestFor(read, plan, job.specs);

  // Round trip 2: the writes.
  report(job.options, "write");
  const activate = job.options.activate ?? job.mode === "upsert";
  const written = queueWrites(context, plan, job.caps, { copies, request, activate, charts: read.charts, frozen: read.frozen });
  done.batch = { read, plan, copies, request, written };
  done.results = written.results;
  await sync();
  done.messages.push(...keptMessages(copies, done.results));
}

/**
 * A block that grew since it was written (a month with more rows) covers cells round trip 1 did
 * not read: they are read now, still before any change. Only then is there a third trip.
 */
async function readGrownBlocks(context: Excel.RequestContext, read: WorkbookRead, plan: Plan, sync: () => Promise<void>): Promise<void> {
  const grown = plan.targets.filter(
    (t) => t.action === "rewrite" && t.oldRect && read.blocks.has(t.spec.key) && !rectContains(t.oldRect, t.rect),
  );
  if (grown.length === 0) return;
  const extra = grown.map((t) => [t, queueExtraRead(context, t.sheetName, boundingBox(t.rect, t.oldRect))] as const);
  await sync();
  for (const [t, get] of extra) read.blocks.set(t.spec.key, get());
}

/** The add-in's blocks the user has edited since they were written: saved before the rewrite. */
function editedBlocks(read: WorkbookRead, plan: Plan) {
  return plan.targets.flatMap((t) => {
    const block = t.action === "rewrite" ? read.blocks.get(t.spec.key) : undefined;
    return block && userEdited(t, block) ? [{ target: t, block }] : [];
  });
}

/** Sheet names a copy of the user's edits may not take: the workbook's and the ones this batch makes. */
function takenSheetNames(read: WorkbookRead, plan: Plan): string[] {
  return [...read.snapshot.sheets.map((s) => s.name), ...plan.targets.filter((t) => t.action === "create").map((t) => t.sheetName)];
}

/** Where each copy of the user's edits went, for the report and the user. */
function keptMessages(copies: KeptCopy[], results: SheetResult[]): Message[] {
  return copies.map((c) => {
    const r = results.find((x) => x.key === c.key);
    if (r) r.keptAs = c.copyName;
    return {
      level: "warning",
      text:
        `Du hadde endret cellene NAV tiltak skrev på «${c.sheet}». Tabellen er skrevet på nytt, ` +
        `og din versjon er tatt vare på i arket «${c.copyName}».`,
    };
  });
}
