/**
 * What every batch against one fake shares: the document, the simulated host's requirement sets,
 * the counters and the injected failures. The client half (proxies, load, sync) is Microsoft's
 * client library; richapi.ts answers its requests.
 */

import { type ErrorCode, excelError } from "./excel-errors";
import type { WorkbookState } from "./state";

/** What a counted operation looks like to failure injection and tests. */
export interface OperationInfo {
  kind: "set" | "method" | "load";
  /** Office.js type name, e.g. "Range" or "Worksheet". */
  object: string;
  /** Property or method name, e.g. "values" or "add". */
  member: string;
  args: readonly unknown[];
}

export interface FailureSpec {
  /** Fail the Nth counted operation executed after this spec was installed (1-based). */
  nth?: number;
  /** Fail the first executed operation for which this returns true. */
  when?: (op: OperationInfo) => boolean;
  code?: ErrorCode;
  message?: string;
  /** Keep failing on every match instead of only the first. */
  persistent?: boolean;
}

export interface FakeStats {
  /** RichApi requests with the caller's work: each context.sync(), plus Excel.run's final one. */
  syncs: number;
  /** The caller's calls the requests carried: property sets, method calls and load() calls. */
  queuedCalls: number;
  /** How many of the queued calls were load() calls. */
  loads: number;
  /** Batches started with run(). */
  runs: number;
  reset(): void;
}

interface ActiveFailure {
  spec: FailureSpec;
  seen: number;
}

function parseVersion(v: string): [number, number] {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) throw new Error(`Not a requirement-set version: '${v}'`);
  return [Number(m[1]), Number(m[2] ?? 0)];
}

export function versionAtLeast(have: string, need: string): boolean {
  const [a, b] = parseVersion(have);
  const [c, d] = parseVersion(need);
  return a > c || (a === c && b >= d);
}

/** Shared by every request context of one fake: the document, counters and injected failures. */
export class Engine {
  readonly stats: FakeStats;
  private failures: ActiveFailure[] = [];

  constructor(
    readonly state: WorkbookState,
    readonly apiVersion: string,
    readonly extraSets: Readonly<Record<string, string>>,
  ) {
    const stats: FakeStats = {
      syncs: 0,
      queuedCalls: 0,
      loads: 0,
      runs: 0,
      reset() {
        stats.syncs = 0;
        stats.queuedCalls = 0;
        stats.loads = 0;
        stats.runs = 0;
      },
    };
    this.stats = stats;
  }

  /** Office.context.requirements.isSetSupported. */
  isSetSupported(name: string, version?: string | number): boolean {
    const have =
      name.toLowerCase() === "excelapi"
        ? this.apiVersion
        : Object.entries(this.extraSets).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (have === undefined) return false;
    return version === undefined || versionAtLeast(have, String(version));
  }

  supportsExcelApi(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  addFailure(spec: FailureSpec): void {
    this.failures.push({ spec, seen: 0 });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** Throws the injected error if an installed failure matches this operation. */
  checkFailure(info: OperationInfo): void {
    for (const f of this.failures) {
      f.seen++;
      const hit = (f.spec.nth !== undefined && f.seen === f.spec.nth) || (f.spec.when !== undefined && f.spec.when(info));
      if (!hit) continue;
      if (!f.spec.persistent) this.failures = this.failures.filter((x) => x !== f);
      throw excelError(f.spec.code ?? "GeneralException", f.spec.message ?? `Injected failure at ${info.object}.${info.member}.`);
    }
  }
}
