// «Bruk egen fil» from the pane's side, without the DOM (so tests run it in Node against the
// simulator): read back the files a workbook keeps, take new ones in, remove them. Each ends with
// the dataset now in use handed to the custom functions (dataset-source.ts) and to the pane, and a
// full recalculation so the =NAV.* cells already in the workbook follow. A rejected file, or one the
// workbook cannot keep, changes nothing: the files are audited, then stored, and only then used.

import type { Finding } from "../core/findings.js";
import type { Dataset } from "../core/types.js";
import type { UserFile } from "../core/user-file/read-user-files.js";
import type { StoredFile } from "../core/user-file/store.js";
import { recalculate, readStoredFiles, removeStoredFiles, storeFiles } from "../excel/user-file-store.js";
import type { ExcelHost } from "../excel/operation-types.js";
import { useDataset } from "../functions/dataset-source.js";

/** The import and audit: a chunk of its own, loaded only when there is a file to check. */
const audit = () => import(/* webpackChunkName: "egen-fil-kontroll" */ "../core/user-file/read-user-files.js");

export interface UserFileOutcome {
  ok: boolean;
  /** One Norwegian sentence: what happened. */
  summary: string;
  findings: Finding[];
  /** The dataset in use afterwards (the bundled one when no own file is in use). */
  dataset: Dataset;
  /** The files the workbook keeps afterwards (names and when they were added). */
  kept: Pick<StoredFile, "name" | "added">[];
  /** The months the user's files bring, as labels. */
  months: string[];
}

const names = (files: readonly { name: string }[]) => files.map((f) => `«${f.name}»`).join(", ");

function monthsOf(own: Dataset, base: Dataset): string[] {
  // The merge keeps the bundled months' own objects: any other month came from the user's files.
  return own.periods.filter((p) => !base.periods.includes(p)).map((p) => p.label);
}

/** Swaps the dataset in and recalculates; a recalculation that fails is a note, not a failure. */
async function swapIn(host: ExcelHost, dataset: Dataset | undefined, findings: Finding[]): Promise<void> {
  useDataset(dataset);
  try {
    await recalculate(host);
  } catch {
    findings.push({
      severity: "warning",
      code: "not-recalculated",
      message: "Excel regnet ikke formlene på nytt. Trykk Ctrl+Alt+F9 for at NAV-funksjonene skal bruke de nye tallene.",
    });
  }
}

/** At start: the files the workbook keeps, audited again; null when it keeps none. */
export async function restoreUserFiles(host: ExcelHost, base: Dataset): Promise<UserFileOutcome | null> {
  const stored = await readStoredFiles(host);
  if (stored.length === 0) return null;
  const kept = stored.map(({ name, added }) => ({ name, added }));
  const r = (await audit()).withUserFiles(base, stored);
  if (!r.accepted) {
    return {
      ok: false,
      summary: `Den egne filen i arbeidsboken (${names(stored)}) ble avvist ved ny kontroll. Tilleggets egne tall brukes.`,
      findings: r.findings,
      dataset: base,
      kept,
      months: [],
    };
  }
  const findings = [...r.findings];
  await swapIn(host, r.dataset, findings);
  const months = monthsOf(r.dataset, base);
  return { ok: true, summary: `Bruker egen fil: ${names(stored)} (${months.join(", ")}).`, findings, dataset: r.dataset, kept, months };
}

/**
 * Audits the picked files; when they are accepted, keeps them in the workbook (in place of any kept
 * before) and uses them. `current` is what is in use now, returned unchanged on a rejection.
 */
export async function useUserFiles(
  host: ExcelHost,
  base: Dataset,
  current: Pick<UserFileOutcome, "dataset" | "kept" | "months">,
  files: readonly UserFile[],
  onProgress: (fraction: number, text: string) => void = () => {},
): Promise<UserFileOutcome> {
  onProgress(0.5, "Kontrollerer filen");
  const r = (await audit()).withUserFiles(base, files);
  if (!r.accepted) {
    const errors = r.findings.filter((f) => f.severity === "error").length;
    const { dataset, kept, months } = current;
    return { ok: false, summary: `Filen ble avvist (${errors} feil). Ingenting er endret.`, findings: r.findings, dataset, kept, months };
  }
  onProgress(0.8, "Lagrer filen i arbeidsboken");
  const added = new Date().toISOString();
  const stored = files.map((f) => ({ name: f.name, bytes: f.bytes, added }));
  await storeFiles(host, stored);
  const findings = [...r.findings];
  await swapIn(host, r.dataset, findings);
  const months = monthsOf(r.dataset, base);
  return {
    ok: true,
    summary: `${months.join(", ")} fra ${names(files)} er i bruk og lagret i arbeidsboken. Sett inn eller oppdater tabellene for å se tallene.`,
    findings,
    dataset: r.dataset,
    kept: stored.map(({ name }) => ({ name, added })),
    months,
  };
}

/** «Fjern egen fil»: removes the kept files (the add-in's own part only) and goes back to the bundled months. */
export async function removeUserFiles(host: ExcelHost, base: Dataset): Promise<UserFileOutcome> {
  const removed = await removeStoredFiles(host);
  const findings: Finding[] = [];
  await swapIn(host, base, findings);
  return {
    ok: true,
    summary:
      removed > 0
        ? "Den egne filen er fjernet fra arbeidsboken. Tilleggets egne tall brukes; oppdater tabellene for å skrive dem på nytt."
        : "Arbeidsboken hadde ingen egen fil.",
    findings,
    dataset: base,
    kept: [],
    months: [],
  };
}
