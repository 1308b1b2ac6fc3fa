/**
 * createFakeExcel: one simulated workbook and host, answering the requests an Office.js client
 * library sends (see index.ts for what the package offers and README.md for what it models).
 * Browser-safe: no Node APIs.
 *
 *   const fake = createFakeExcel({ apiVersion: "1.12" });
 *   await fake.run(async (ctx) => { ctx.workbook.worksheets.add("Data"); await ctx.sync(); });
 *   fake.workbook.sheetNames(); // ["Ark1", "Data"]
 */

import { Engine, type FailureSpec, type FakeStats, type OperationInfo } from "./context";
import type { ErrorCode } from "./excel-errors";
import { deepCopy } from "./fork";
import { FakeSettings } from "./office";
import { RichApiServer, type RichApiRequest, type RichApiResponse } from "./richapi";
import { type InitialSheet, WorkbookState } from "./state";
import { EN_US, type FakeLocale, NB_NO } from "./text-format";

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set the simulated host supports (default "1.17"). */
  apiVersion?: string;
  /** Other requirement sets for isSetSupported, e.g. { CustomFunctionsRuntime: "1.3" }. */
  requirementSets?: Record<string, string>;
  /** Initial sheets (default: one sheet named by the locale, "Ark1" for nb-NO). */
  sheets?: InitialSheet[];
  /** Display and naming locale (default nb-NO). */
  locale?: "nb-NO" | "en-US" | FakeLocale;
  /** Fail the Nth counted operation executed (1-based) with `failureCode`. */
  failOnNthCall?: number;
  /** Fail the first executed operation this returns true for. */
  failWhen?: (op: OperationInfo) => boolean;
  failureCode?: ErrorCode;
  /**
   * The Office.js client library (Microsoft's Excel.run and proxies) whose requests the fake
   * answers as a RichApi endpoint; the default client (setDefaultClient) when omitted.
   */
  client?: OfficeClient;
}

let defaultClient: OfficeClient | undefined;

/** The client every fake uses unless its options name one. Test setup installs Microsoft's client library here. */
export function setDefaultClient(client: OfficeClient | undefined): void {
  defaultClient = client;
}

/** A client library that runs a batch and sends each sync's request to `execute`. */
export interface OfficeClient {
  run<T>(execute: (request: RichApiRequest) => Promise<RichApiResponse>, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface FakeExcel {
  /** Like Excel.run: one request context per batch, final sync only if work is pending. */
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T> | T): Promise<T>;
  /** Same as run() (kept for callers written before every batch ran through Office.js). */
  runAsExcel<T>(batch: (ctx: Excel.RequestContext) => Promise<T> | T): Promise<T>;
  /** The document state, with inspectors for assertions (sheetNames, getValues, sheet, sheetText…). */
  readonly workbook: WorkbookState;
  /** Alias of `workbook`. */
  readonly state: WorkbookState;
  readonly stats: FakeStats;
  /** Office.context.requirements.isSetSupported for the simulated host. */
  isSetSupported(name: string, version?: string | number): boolean;
  /** Office.context.document.settings. */
  readonly settings: FakeSettings;
  /** Installs another injected failure (see FailureSpec). */
  failOn(spec: FailureSpec): void;
  clearFailures(): void;
  /** A new fake with a copy of this workbook (same host options, fresh counters, no failures). */
  fork(): FakeExcel;
}

function pickLocale(locale: FakeExcelOptions["locale"]): FakeLocale {
  if (locale === undefined || locale === "nb-NO") return NB_NO;
  if (locale === "en-US") return EN_US;
  return locale;
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  return fakeOver(new WorkbookState(pickLocale(options.locale), options.sheets ?? []), options);
}

function fakeOver(state: WorkbookState, options: FakeExcelOptions): FakeExcel {
  const engine = new Engine(state, options.apiVersion ?? "1.17", options.requirementSets ?? {});
  const code = options.failureCode ? { code: options.failureCode } : {};
  if (options.failOnNthCall !== undefined) engine.addFailure({ nth: options.failOnNthCall, ...code });
  if (options.failWhen) engine.addFailure({ when: options.failWhen, ...code });
  const settings = new FakeSettings(state);

  const server = new RichApiServer(engine);
  const run = async <T>(batch: (ctx: Excel.RequestContext) => Promise<T> | T): Promise<T> => {
    const client = options.client ?? defaultClient;
    if (!client) {
      throw new Error(
        "The fake Excel runs batches through an Office.js client library: pass createFakeExcel({ client }) " +
          "or install one with setDefaultClient() (test setup installs Microsoft's).",
      );
    }
    engine.stats.runs++;
    return client.run(
      (request) => server.execute(request),
      async (ctx) => batch(ctx),
    );
  };

  return {
    run,
    runAsExcel: run,
    workbook: state,
    state,
    stats: engine.stats,
    isSetSupported: (name, version) => engine.isSetSupported(name, version),
    settings,
    failOn: (spec) => engine.addFailure(spec),
    clearFailures: () => engine.clearFailures(),
    fork: () => {
      const { failOnNthCall: _n, failWhen: _w, ...rest } = options;
      return fakeOver(deepCopy(state, new Set([state.locale])), rest);
    },
  };
}
