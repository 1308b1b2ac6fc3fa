// Checks on the names a publication file defines, beyond what the sums can catch: a renamed label
// («Arbeidstreningen», «Andre på tiltakk») adds up just as well as the right one, and a label that
// starts like a formula would be run by Excel. Both are accepted with a warning naming the line.

import { FINDINGS_PER_KIND, type Finding } from "./findings.js";
import { spellings, type NameLevel } from "./known-typos.js";
import { editDistance, isFormulaLike, normalizeName, shorten } from "./text.js";

export type LabelLevel = "tittel" | "hovedgruppe" | NameLevel;

export interface SeenLabel {
  level: LabelLevel;
  name: string;
  line: number;
}

/** Names known beforehand, shaped like a Dataset's lists. */
export interface KnownNames {
  hovedgrupper: readonly { name: string }[];
  tiltaksgrupper: readonly { name: string }[];
  tiltak: readonly { name: string }[];
}
type Level = "hovedgruppe" | NameLevel;
const LIST_OF: Readonly<Record<Level, keyof KnownNames>> = {
  hovedgruppe: "hovedgrupper",
  tiltaksgruppe: "tiltaksgrupper",
  tiltak: "tiltak",
};

const LEVEL_TEXT: Readonly<Record<LabelLevel, string>> = {
  tittel: "Sidetittelen",
  hovedgruppe: "Hovedgruppen",
  tiltaksgruppe: "Tiltaksgruppen",
  tiltak: "Tiltaket",
};

/** The known name closest to `name`, if it is close enough to be the same name misspelt. */
function nearest(name: string, known: ReadonlyMap<string, string>): string | undefined {
  const key = normalizeName(name);
  const limit = Math.max(2, Math.floor(key.length / 5));
  let best: { name: string; d: number } | undefined;
  for (const [k, original] of known) {
    // The distance is at least the difference in length: no need to compute it for those.
    if (Math.abs(k.length - key.length) > limit) continue;
    const d = editDistance(key, k);
    if (d <= limit && (!best || d < best.d)) best = { name: original, d };
  }
  return best?.name;
}

function formulaFinding(file: string, l: SeenLabel): Finding {
  return {
    severity: "warning",
    code: "formula-text",
    file,
    line: l.line,
    message: `${LEVEL_TEXT[l.level]} «${shorten(l.name)}» begynner som en formel i Excel. Den skrives som tekst (format «@»), aldri som formel.`,
  };
}

/**
 * Warnings for the labels of each file: formula-like text, and names that neither the other files
 * nor `reference` (e.g. the bundled months) have, with the nearest known name when there is one.
 */
export function labelFindings(files: { file: string; labels: SeenLabel[] }[], reference?: KnownNames): Finding[] {
  const findings: Finding[] = [];
  for (const { file, labels } of files) {
    const known: Record<Level, string[]> = { hovedgruppe: [], tiltaksgruppe: [], tiltak: [] };
    for (const other of files) {
      if (other.file === file) continue;
      for (const l of other.labels) if (l.level !== "tittel") known[l.level].push(l.name);
    }
    if (reference) for (const level of Object.keys(known) as Level[]) known[level].push(...reference[LIST_OF[level]].map((x) => x.name));

    // Normalized once per file and level (name → first spelling), not once per label: a file with
    // thousands of labels is checked in linear time.
    const keys = {} as Record<Level, Map<string, string>>;
    for (const level of Object.keys(known) as Level[]) {
      keys[level] = new Map();
      for (const n of known[level]) if (!keys[level].has(normalizeName(n))) keys[level].set(normalizeName(n), n);
    }
    let unknown = 0;
    for (const l of labels) {
      if (isFormulaLike(l.name)) findings.push(formulaFinding(file, l));
      if (l.level === "tittel" || known[l.level].length === 0) continue;
      const level = l.level;
      const forms = level === "hovedgruppe" ? [l.name] : spellings(l.name, level);
      if (forms.some((f) => keys[level].has(normalizeName(f)))) continue;
      // Only the first FINDINGS_PER_KIND are shown in full (capFindings sums up the rest by line),
      // so the nearest name, the costly part, is looked for only for those.
      const near = ++unknown <= FINDINGS_PER_KIND ? nearest(l.name, keys[level]) : undefined;
      findings.push({
        severity: "warning",
        code: "new-label",
        file,
        line: l.line,
        message:
          `${LEVEL_TEXT[level]} «${shorten(l.name)}» finnes ikke i de andre månedene. ` +
          (near ? `Ligner på «${near}» – sjekk at navnet er riktig.` : "Er det nytt hos NAV, er alt i orden."),
      });
    }
  }
  return findings;
}
