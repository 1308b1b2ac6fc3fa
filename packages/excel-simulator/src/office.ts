/**
 * Office-level pieces: document settings (the add-in's fallback store when
 * worksheet custom properties are unavailable) and global installation of
 * `Excel`, `Office` and `OfficeExtension` for code that uses them directly,
 * such as the real task pane running in the browser preview.
 */

import { ErrorCodes, FakeExcelError } from "./excel-errors";
import type { WorkbookState } from "./state";

export interface FakeAsyncResult<T> {
  status: "succeeded" | "failed";
  value: T;
  error: { name: string; message: string; code: number } | null;
  asyncContext: unknown;
}

type AsyncCallback = (result: FakeAsyncResult<void>) => void;

function jsonCopy(value: unknown): unknown {
  // Office stores settings as JSON, so only JSON-shaped data survives.
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** Office.context.document.settings: changes are in memory until saveAsync. */
export class FakeSettings {
  constructor(private readonly wb: WorkbookState) {}

  /** Null when the setting does not exist, as in Office.js. */
  get(name: string): unknown {
    return this.wb.liveSettings.has(name) ? jsonCopy(this.wb.liveSettings.get(name)) : null;
  }

  set(name: string, value: unknown): void {
    if (typeof name !== "string" || name === "") throw new TypeError("A setting needs a non-empty name.");
    this.wb.liveSettings.set(name, jsonCopy(value));
  }

  remove(name: string): void {
    this.wb.liveSettings.delete(name);
  }

  saveAsync(optionsOrCallback?: { asyncContext?: unknown } | AsyncCallback, callback?: AsyncCallback): void {
    const cb = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
    const asyncContext = typeof optionsOrCallback === "object" ? optionsOrCallback.asyncContext : undefined;
    this.wb.saveSettings();
    // Office calls back asynchronously; keep that so callers cannot rely on ordering.
    if (cb) queueMicrotask(() => cb({ status: "succeeded", value: undefined, error: null, asyncContext }));
  }

  /** Reloads the last saved settings, dropping unsaved changes. */
  refreshAsync(callback?: (result: FakeAsyncResult<FakeSettings>) => void): void {
    this.wb.liveSettings.clear();
    for (const [k, v] of this.wb.savedSettings) this.wb.liveSettings.set(k, v);
    if (callback) queueMicrotask(() => callback({ status: "succeeded", value: this, error: null, asyncContext: undefined }));
  }
}

/** What installFakeOffice needs from a fake (structural, so index.ts need not be imported here). */
export interface InstallableFake {
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T> | T): Promise<T>;
  isSetSupported(name: string, version?: string | number): boolean;
  readonly settings: FakeSettings;
}

/** Office.js enums the add-in may reference (camelCase member → string value). */
const EXCEL_ENUMS = {
  BorderIndex: {
    edgeTop: "EdgeTop",
    edgeBottom: "EdgeBottom",
    edgeLeft: "EdgeLeft",
    edgeRight: "EdgeRight",
    insideHorizontal: "InsideHorizontal",
    insideVertical: "InsideVertical",
  },
  BorderLineStyle: {
    none: "None",
    continuous: "Continuous",
    dash: "Dash",
    dashDot: "DashDot",
    dashDotDot: "DashDotDot",
    dot: "Dot",
    double: "Double",
    slantDashDot: "SlantDashDot",
  },
  BorderWeight: { hairline: "Hairline", thin: "Thin", medium: "Medium", thick: "Thick" },
  ClearApplyTo: {
    all: "All",
    formats: "Formats",
    contents: "Contents",
    hyperlinks: "Hyperlinks",
    removeHyperlinks: "RemoveHyperlinks",
    resetContents: "ResetContents",
  },
  HorizontalAlignment: {
    general: "General",
    left: "Left",
    center: "Center",
    right: "Right",
    fill: "Fill",
    justify: "Justify",
    centerAcrossSelection: "CenterAcrossSelection",
    distributed: "Distributed",
  },
  VerticalAlignment: { top: "Top", center: "Center", bottom: "Bottom", justify: "Justify", distributed: "Distributed" },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  CalculationMode: { automatic: "Automatic", automaticExceptTables: "AutomaticExceptTables", manual: "Manual" },
  AggregationFunction: {
    unknown: "Unknown",
    automatic: "Automatic",
    sum: "Sum",
    count: "Count",
    average: "Average",
    max: "Max",
    min: "Min",
  },
  PivotLayoutType: { compact: "Compact", tabular: "Tabular", outline: "Outline" },
} as const;

const SAVED = Symbol.for("nav-tiltak.fake-excel.saved-globals");
const GLOBALS = ["Excel", "Office", "OfficeExtension"] as const;

type Saved = Record<(typeof GLOBALS)[number], { had: boolean; value: unknown }>;

/**
 * Installs `Excel.run`, `Office.context.requirements.isSetSupported`,
 * `Office.context.document.settings`, `Office.onReady` and `OfficeExtension.Error`
 * on `target` (usually globalThis). Returns a function that undoes it.
 */
export function installFakeOffice(target: object, fake: InstallableFake): () => void {
  const g = target as Record<string | symbol, unknown>;
  if (!g[SAVED]) {
    const saved = {} as Saved;
    for (const k of GLOBALS) saved[k] = { had: k in g, value: g[k] };
    g[SAVED] = saved;
  }
  const info = { host: "Excel", platform: "OfficeOnline" };
  g.Excel = {
    // Excel.run(batch) and Excel.run(objectOrOptions, batch).
    run: (a: unknown, b?: unknown) => fake.run((typeof a === "function" ? a : b) as (ctx: Excel.RequestContext) => Promise<unknown>),
    ErrorCodes,
    ...EXCEL_ENUMS,
  };
  g.Office = {
    context: {
      host: "Excel",
      platform: "OfficeOnline",
      requirements: { isSetSupported: (name: string, version?: string | number) => fake.isSetSupported(name, version) },
      document: { settings: fake.settings },
    },
    onReady: (callback?: (i: typeof info) => void) => {
      callback?.(info);
      return Promise.resolve(info);
    },
    initialize: undefined,
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  };
  g.OfficeExtension = { Error: FakeExcelError, ErrorCodes };
  return () => uninstallFakeOffice(target);
}

/** Restores whatever `Excel`, `Office` and `OfficeExtension` were before installFakeOffice. */
export function uninstallFakeOffice(target: object): void {
  const g = target as Record<string | symbol, unknown>;
  const saved = g[SAVED] as Saved | undefined;
  if (!saved) return;
  for (const k of GLOBALS) {
    if (saved[k].had) g[k] = saved[k].value;
    else delete g[k];
  }
  delete g[SAVED];
}
