// What the host can do and how its errors read, for the writer and the highlighter alike. Apart
// from host.ts, which the task pane loads at start-up: these travel with the writer's chunk.

import type { Capabilities, ExcelHost, ExcelRunner } from "./operation-types.js";

/** A host as the writer and the highlighter use it: a runner and a requirement-set probe. */
export interface ResolvedHost {
  run: ExcelRunner;
  supports: (version: string) => boolean;
}

/** The global Office's ExcelApi probe; false where there is no Office (tests, the CLI). */
function globalSupports(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return office?.context?.requirements?.isSetSupported("ExcelApi", version) ?? false;
  } catch {
    return false;
  }
}

/** A host or a bare runner, with the requirement-set probe filled in from the global Office. */
export function resolveHost(host: ExcelHost | ExcelRunner): ResolvedHost {
  if (typeof host === "function") return { run: host, supports: globalSupports };
  return { run: host.run, supports: host.isSetSupported ?? globalSupports };
}

/** What the host supports, from its ExcelApi requirement sets (each feature checked before use). */
export function capabilities(host: ExcelHost | ExcelRunner): Capabilities {
  const { supports } = resolveHost(host);
  return {
    base: supports("1.7"),
    pivotTables: supports("1.8"),
    suspendScreenUpdating: supports("1.9"),
    copyFrom: supports("1.9"),
    rangeAreas: supports("1.9"),
    customProperties: supports("1.12"),
    tableResize: supports("1.13"),
  };
}

/** An Office.js error as users see it: «Code: message (where)». */
export function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const location = err?.debugInfo?.errorLocation ?? "";
  const where = location ? ` (${location})` : "";
  const code = err?.code ? `${err.code}: ` : "";
  const message = String(err?.message ?? e).replace(/[.\s]+$/, "");
  return `${code}${message}${where}`;
}
