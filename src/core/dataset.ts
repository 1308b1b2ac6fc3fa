// Turns parsed publications into the one normalized Dataset, auditing every figure on the way.
// A file with any error is rejected whole (PublicationError): nothing partial is ever returned.

import {
  ALL,
  HIDDEN,
  SUPPRESSED,
  type Count,
  type Dataset,
  type Figures,
  type HgKey,
  type Hovedgruppe,
  type PeriodData,
  type Tiltak,
  type Tiltaksgruppe,
} from "./types.js";
import { PublicationError, capFindings, type Finding } from "./findings.js";
import { KNOWN_TYPOS, knownTypo, officialName } from "./known-typos.js";
import { labelFindings, type KnownNames, type SeenLabel } from "./label-checks.js";
import { completeNotes } from "./notes.js";
import { parsePublication, type RawPublication, type RawRow, type RawTable } from "./parse.js";
import { rawCountsFinding } from "./raw-counts.js";
import { formatInteger, normalizeName, parsePeriodLabel, shorten, slug } from "./text.js";

export const TABLE_HOVEDGRUPPER = "Hovedgrupper";
export const TABLE_TILTAKSGRUPPER = "Tiltaksgrupper";
export const TABLE_GRUPPER_OG_HG = "Tiltaksgrupper og hovedgrupper";
export const TABLE_TILTAK_OG_HG = "Tiltak og hovedgrupper";
export const TOTAL_LABEL = "I alt";
export const FIGURE_HEADERS = ["Antall", "Endring fra i fjor Antall", "Endring fra i fjor Prosent"] as const;

/**
 * Known misspellings of group names (from the one list in known-typos.ts), mapped to the official
 * name. Keys are normalized (see normalizeName).
 */
export const GROUP_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  KNOWN_TYPOS.filter((t) => t.level === "tiltaksgruppe").map((t) => [normalizeName(t.typo), t.official]),
);

export interface SourceFile {
  file: string;
  text: string;
  /** What reading the file found (see decode.ts): an encoding note, or an error that stops the import. */
  findings?: Finding[];
}

export interface ImportOptions {
  /**
   * Names already known (e.g. the bundled months when a new file is checked): a label none of
   * them nor the other files has is reported, with the nearest known name.
   */
  reference?: KnownNames;
  /**
   * Accept a file of raw counts (1–3 not suppressed) with a warning instead of refusing it
   * (raw-counts.ts). Only for protection (`prikk`), which needs the raw counts to hide them.
   */
  acceptRawCounts?: boolean;
}

export interface ImportResult {
  dataset: Dataset;
  /** Warnings only (e.g. aliases mapped); errors throw. */
  findings: Finding[];
}

// ---------------------------------------------------------------------------------------------
// Interval arithmetic: "*" is 1..3, empty is 0. A change is suppressed when last year's count or
// this year's is 1..3 (suppression.ts): next to a visible antall it spans antall−3 .. antall−1;
// next to a suppressed antall only "at most 3" is known (last year's count is ≥ 0).

type Interval = readonly [number, number];

function countInterval(c: Count): Interval {
  if (c === null) return [0, 0];
  if (c === SUPPRESSED) return [1, 3];
  // ":" is 0 or ≥ 4; for checking a sum the interval [0, ∞) is the safe hull.
  if (c === HIDDEN) return [0, Infinity];
  return [c, c];
}

function changeInterval(f: Figures): Interval {
  if (f.endring === HIDDEN || f.antall === HIDDEN) return [-Infinity, Infinity];
  if (f.endring !== SUPPRESSED) return countInterval(f.endring);
  if (f.antall === SUPPRESSED) return [-Infinity, 3];
  const [lo, hi] = countInterval(f.antall);
  return [lo - 3, hi - 1];
}

function sumIntervals(parts: Interval[]): Interval {
  return parts.reduce<Interval>((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
}

function overlaps(a: Interval, b: Interval): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

function showInterval([lo, hi]: Interval): string {
  if (lo === -Infinity) return hi === Infinity ? "hva som helst" : `høyst ${formatInteger(hi)}`;
  if (hi === Infinity) return `minst ${formatInteger(lo)}`;
  return lo === hi ? formatInteger(lo) : `${formatInteger(lo)}–${formatInteger(hi)}`;
}

function showCount(c: Count): string {
  return c === null ? "tom" : c === SUPPRESSED || c === HIDDEN ? c : formatInteger(c);
}

/** Percent change as NAV publishes it: round(endring / last year × 100); null when last year was 0. */
export function percentChange(antall: number, endring: number): number | null {
  const lastYear = antall - endring;
  if (lastYear <= 0) return null;
  const exact = (endring / lastYear) * 100;
  // Round half away from zero, like Excel's ROUND.
  const r = Math.sign(exact) * Math.round(Math.abs(exact));
  return Object.is(r, -0) ? 0 : r;
}

// ---------------------------------------------------------------------------------------------

interface Located<T> {
  value: T;
  line: number;
}

class Audit {
  readonly findings: Finding[] = [];
  /** `endLine`: the file's last line, where a missing table is reported (every finding names a line). */
  constructor(
    readonly file: string,
    readonly endLine = 1,
  ) {}

  error(line: number | undefined, code: Finding["code"], message: string): void {
    if (line === undefined && code === "missing-table") {
      line = this.endLine;
      message = `${message} Filen slutter på linje ${this.endLine} uten den.`;
    }
    this.findings.push({ severity: "error", code, line, file: this.file, message });
  }
  warn(line: number | undefined, code: Finding["code"], message: string): void {
    this.findings.push({ severity: "warning", code, line, file: this.file, message });
  }
  get failed(): boolean {
    return this.findings.some((f) => f.severity === "error");
  }

  /** A total must be reachable from its parts, reading "*" as 1..3 and empty as 0. */
  sum(line: number, what: string, total: Count, parts: Count[]): void {
    const sum = sumIntervals(parts.map(countInterval));
    if (!overlaps(countInterval(total), sum)) {
      this.error(line, "sum-mismatch", `${what}: summen er ${showCount(total)}, men delene summerer til ${showInterval(sum)}.`);
    }
  }

  changeSum(line: number, what: string, total: Figures, parts: Figures[]): void {
    const sum = sumIntervals(parts.map(changeInterval));
    if (!overlaps(changeInterval(total), sum)) {
      this.error(line, "sum-mismatch", `${what}: endringen er ${showCount(total.endring)}, men delene summerer til ${showInterval(sum)}.`);
    }
  }

  same(line: number, what: string, a: Count, b: Count, where: string): void {
    if (a !== b) {
      this.error(line, "cross-mismatch", `${what} er ${showCount(a)} her, men ${showCount(b)} ${where}.`);
    }
  }

  percent(line: number, what: string, f: Figures): void {
    // Last year's count (antall − endring) is a count: a change larger than this year's count is wrong.
    if (typeof f.endring === "number" && (typeof f.antall === "number" || f.antall === null) && (f.antall ?? 0) - f.endring < 0) {
      this.error(
        line,
        "bad-change",
        `${what}: endringen ${formatInteger(f.endring)} er større enn antallet (${showCount(f.antall)}), så fjorårets antall ville vært ${formatInteger((f.antall ?? 0) - f.endring)}.`,
      );
      return;
    }
    if (typeof f.prosent !== "number") return;
    if (typeof f.antall !== "number" && f.antall !== null) return;
    if (typeof f.endring !== "number") {
      this.error(line, "percent-mismatch", `${what}: prosent ${f.prosent} er publisert, men endringen er ikke.`);
      return;
    }
    const antall = f.antall ?? 0;
    const lastYear = antall - f.endring;
    if (lastYear <= 0) {
      this.error(
        line,
        "percent-mismatch",
        `${what}: prosent ${f.prosent} er publisert, men fjorårets antall (${lastYear}) gir ingen prosent.`,
      );
      return;
    }
    const exact = (f.endring / lastYear) * 100;
    if (Math.abs(exact - f.prosent) > 0.5 + 1e-9) {
      this.error(
        line,
        "percent-mismatch",
        `${what}: prosent er ${f.prosent}, men endring ${formatInteger(f.endring)} av fjorårets ${formatInteger(lastYear)} gir ${exact.toFixed(1).replace(".", ",")}.`,
      );
    }
  }
}

function figuresOf(row: RawRow): Figures {
  return { antall: row.cells[0] ?? null, endring: row.cells[1] ?? null, prosent: row.cells[2] ?? null };
}

function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => normalizeName(h) === normalizeName(b[i]!));
}

const isTotalLabel = (label: string) => normalizeName(label) === normalizeName(TOTAL_LABEL);

/** Short form of a hovedgruppe: "Nedsatt arbeidsevne, på tiltak" → "Nedsatt arbeidsevne". */
export function hovedgruppeShort(name: string): string {
  return name.replace(/,?\s+på tiltak\s*$/i, "").trim();
}

interface PeriodResult {
  data: PeriodData;
  title: string;
  notes: string[];
  hovedgrupper: Hovedgruppe[];
  crossOrder: string[];
  tiltaksgrupper: Tiltaksgruppe[];
  tiltak: Tiltak[];
  /** Every name this file defines, with its line, for the checks in label-checks.ts. */
  labels: SeenLabel[];
  periodLine: number;
}

/** Audits one parsed publication and normalizes it. Returns undefined when it has errors (see audit.findings). */
function buildPeriod(pub: RawPublication, audit: Audit): PeriodResult | undefined {
  const byName = (name: string) => pub.tables.filter((t) => t.name === name);
  const known = new Set([TABLE_HOVEDGRUPPER, TABLE_TILTAKSGRUPPER, TABLE_GRUPPER_OG_HG, TABLE_TILTAK_OG_HG]);
  for (const t of pub.tables) {
    if (!known.has(t.name)) audit.error(t.headerLine, "unknown-table", `Ukjent tabell «${t.name}».`);
  }

  // --- period: every table must carry the same one --------------------------------------------
  const periodLabels = new Set(pub.tables.map((t) => t.periodLabel));
  const firstTable = pub.tables[0];
  if (!firstTable) {
    audit.error(undefined, "missing-table", "Fant ingen tabeller i filen.");
    return undefined;
  }
  const label = firstTable.periodLabel;
  const period = parsePeriodLabel(label);
  if (!period) audit.error(firstTable.periodLine, "bad-period", `«${label}» er ikke en periode (f.eks. «November 2016»).`);
  if (period && pub.notesPeriodLabel !== undefined && parsePeriodLabel(pub.notesPeriodLabel) !== period) {
    audit.error(pub.notesPeriodLine, "bad-period", `«Om tabellene» gjelder «${pub.notesPeriodLabel}», men tabellene gjelder «${label}».`);
  }
  if (periodLabels.size > 1) {
    for (const t of pub.tables) {
      if (t.periodLabel !== label) {
        audit.error(t.periodLine, "bad-period", `Tabellen «${t.name}» gjelder «${t.periodLabel}», men filen gjelder «${label}».`);
      }
    }
  }

  const one = (name: string): RawTable | undefined => {
    const found = byName(name);
    if (found.length === 0) audit.error(undefined, "missing-table", `Tabellen «${name}» mangler.`);
    if (found.length > 1) audit.error(found[1]!.headerLine, "structure", `Tabellen «${name}» finnes mer enn én gang.`);
    return found[0];
  };
  const checkFigureHeaders = (t: RawTable) => {
    if (!sameHeaders(t.headers, FIGURE_HEADERS)) {
      audit.error(
        t.headerLine,
        "bad-header",
        `Tabellen «${t.name}» har kolonnene «${t.headers.join(" | ")}», ventet «${FIGURE_HEADERS.join(" | ")}».`,
      );
      return false;
    }
    return true;
  };

  // --- Hovedgrupper: defines the hovedgrupper and the grand total ------------------------------
  const hgTable = one(TABLE_HOVEDGRUPPER);
  if (!hgTable || !checkFigureHeaders(hgTable)) return undefined;
  const hovedgrupper: Hovedgruppe[] = [];
  const hgFigures = new Map<string, Located<Figures>>();
  let grandTotal: Located<Figures> | undefined;
  for (const row of hgTable.rows) {
    if (isTotalLabel(row.label)) {
      if (grandTotal) audit.error(row.line, "duplicate-row", `Raden «${row.label}» står to ganger i «${hgTable.name}».`);
      grandTotal = { value: figuresOf(row), line: row.line };
      continue;
    }
    const id = slug(hovedgruppeShort(row.label));
    if (hgFigures.has(id)) {
      audit.error(row.line, "duplicate-row", `Hovedgruppen «${row.label}» står to ganger i «${hgTable.name}».`);
      continue;
    }
    hovedgrupper.push({ id, name: row.label, short: hovedgruppeShort(row.label) });
    hgFigures.set(id, { value: figuresOf(row), line: row.line });
  }
  if (!grandTotal) {
    audit.error(hgTable.headerLine, "missing-row", `Tabellen «${hgTable.name}» mangler raden «${TOTAL_LABEL}».`);
    return undefined;
  }
  const findHg = (name: string): Hovedgruppe | undefined => hovedgrupper.find((h) => normalizeName(h.name) === normalizeName(name));

  // --- Tiltaksgrupper: defines the groups -------------------------------------------------------
  const groupTable = one(TABLE_TILTAKSGRUPPER);
  if (!groupTable || !checkFigureHeaders(groupTable)) return undefined;
  const tiltaksgrupper: Tiltaksgruppe[] = [];
  const groupFigures = new Map<string, Located<Figures>>();
  let groupsTotal: Located<Figures> | undefined;
  for (const row of groupTable.rows) {
    if (isTotalLabel(row.label)) {
      if (groupsTotal) audit.error(row.line, "duplicate-row", `Raden «${row.label}» står to ganger i «${groupTable.name}».`);
      groupsTotal = { value: figuresOf(row), line: row.line };
      continue;
    }
    const typo = knownTypo(row.label, "tiltaksgruppe");
    if (typo)
      audit.warn(row.line, "alias", `«${row.label}» er en kjent skrivefeil for tiltaksgruppen «${typo.official}», og er lest som den.`);
    const name = typo?.official ?? row.label;
    const id = slug(name);
    if (groupFigures.has(id)) {
      audit.error(row.line, "duplicate-row", `Tiltaksgruppen «${shorten(row.label)}» står to ganger i «${groupTable.name}».`);
      continue;
    }
    tiltaksgrupper.push({ id, name });
    groupFigures.set(id, { value: figuresOf(row), line: row.line });
  }
  if (!groupsTotal) {
    audit.error(groupTable.headerLine, "missing-row", `Tabellen «${groupTable.name}» mangler raden «${TOTAL_LABEL}».`);
    return undefined;
  }

  /** Resolves a group label, mapping known aliases (and reporting them); never invents a group. */
  const resolveGroup = (text: string, line: number, where: string): Tiltaksgruppe | undefined => {
    const norm = normalizeName(text);
    const exact = tiltaksgrupper.find((g) => normalizeName(g.name) === norm);
    if (exact) return exact;
    const aliasOf = GROUP_ALIASES[norm];
    const viaAlias = aliasOf ? tiltaksgrupper.find((g) => normalizeName(g.name) === normalizeName(aliasOf)) : undefined;
    if (viaAlias) {
      audit.warn(line, "alias", `«${text}» i ${where} er en kjent skrivefeil for tiltaksgruppen «${viaAlias.name}», og er lest som den.`);
      return viaAlias;
    }
    audit.error(
      line,
      "unknown-group",
      `Ukjent tiltaksgruppe «${shorten(text)}» i ${where}. Tiltaksgruppene er de i tabellen «${TABLE_TILTAKSGRUPPER}».`,
    );
    return undefined;
  };

  // --- Tiltaksgrupper og hovedgrupper, one sub-table per hovedgruppe ---------------------------
  const groupTables = byName(TABLE_GRUPPER_OG_HG);
  const subTables = groupTables.filter((t) => t.subtitle !== undefined);
  const crossTables = groupTables.filter((t) => t.subtitle === undefined);
  const perHg = new Map<string, { total: Located<Figures>; groups: Map<string, Located<Figures>> }>();
  for (const t of subTables) {
    const hg = findHg(t.subtitle!);
    if (!hg) {
      audit.error(t.subtitleLine ?? t.headerLine, "unknown-hovedgruppe", `Ukjent hovedgruppe «${t.subtitle}» i «${t.name}».`);
      continue;
    }
    if (perHg.has(hg.id)) {
      audit.error(t.headerLine, "duplicate-row", `Hovedgruppen «${hg.name}» har to deltabeller i «${t.name}».`);
      continue;
    }
    if (!checkFigureHeaders(t)) continue;
    const where = `«${t.name}» (${hg.name})`;
    let total: Located<Figures> | undefined;
    const groups = new Map<string, Located<Figures>>();
    for (const row of t.rows) {
      if (normalizeName(row.label) === normalizeName(`${TOTAL_LABEL} ${hg.name}`)) {
        if (total) audit.error(row.line, "duplicate-row", `Raden «${row.label}» står to ganger i ${where}.`);
        total = { value: figuresOf(row), line: row.line };
        continue;
      }
      const g = resolveGroup(row.label, row.line, where);
      if (!g) continue;
      if (groups.has(g.id)) {
        audit.error(row.line, "duplicate-row", `Tiltaksgruppen «${g.name}» står to ganger i ${where}.`);
        continue;
      }
      groups.set(g.id, { value: figuresOf(row), line: row.line });
    }
    if (!total) {
      audit.error(t.headerLine, "missing-row", `${where} mangler raden «${TOTAL_LABEL} ${hg.name.toLocaleLowerCase("nb-NO")}».`);
      continue;
    }
    perHg.set(hg.id, { total, groups });
  }
  for (const hg of hovedgrupper) {
    if (!perHg.has(hg.id) && subTables.length > 0) {
      audit.error(undefined, "missing-table", `Tabellen «${TABLE_GRUPPER_OG_HG}» mangler deltabellen for «${hg.name}».`);
    }
  }
  if (subTables.length === 0) audit.error(undefined, "missing-table", `Tabellen «${TABLE_GRUPPER_OG_HG}» per hovedgruppe mangler.`);

  // --- The cross tables: columns I alt + hovedgrupper ------------------------------------------
  const columnKeys = (t: RawTable): HgKey[] | undefined => {
    const keys: HgKey[] = [];
    for (const h of t.headers) {
      if (isTotalLabel(h)) {
        keys.push(ALL);
        continue;
      }
      const hg = findHg(h);
      if (!hg) {
        audit.error(t.headerLine, "unknown-hovedgruppe", `Ukjent hovedgruppe «${h}» i kolonneoverskriften til «${t.name}».`);
        return undefined;
      }
      keys.push(hg.id);
    }
    if (keys[0] !== ALL || new Set(keys).size !== hovedgrupper.length + 1 || keys.length !== hovedgrupper.length + 1) {
      audit.error(t.headerLine, "bad-header", `«${t.name}» skal ha kolonnene «${TOTAL_LABEL}» og én per hovedgruppe.`);
      return undefined;
    }
    return keys;
  };
  const rowCells = (keys: HgKey[], row: RawRow): Record<HgKey, Count> => Object.fromEntries(keys.map((k, i) => [k, row.cells[i] ?? null]));

  const cross = crossTables[0];
  if (!cross) audit.error(undefined, "missing-table", `Krysstabellen «${TABLE_GRUPPER_OG_HG}» (tiltaksgrupper × hovedgrupper) mangler.`);
  if (crossTables.length > 1)
    audit.error(crossTables[1]!.headerLine, "structure", `Krysstabellen «${TABLE_GRUPPER_OG_HG}» finnes mer enn én gang.`);
  const crossKeys = cross ? columnKeys(cross) : undefined;
  const crossRows = new Map<string, Located<Record<HgKey, Count>>>();
  let crossTotal: Located<Record<HgKey, Count>> | undefined;
  if (cross && crossKeys) {
    const where = `krysstabellen «${cross.name}»`;
    for (const row of cross.rows) {
      if (isTotalLabel(row.label)) {
        if (crossTotal) audit.error(row.line, "duplicate-row", `Raden «${row.label}» står to ganger i ${where}.`);
        crossTotal = { value: rowCells(crossKeys, row), line: row.line };
        continue;
      }
      const g = resolveGroup(row.label, row.line, where);
      if (!g) continue;
      if (crossRows.has(g.id)) {
        audit.error(row.line, "duplicate-row", `Tiltaksgruppen «${g.name}» står to ganger i ${where}.`);
        continue;
      }
      crossRows.set(g.id, { value: rowCells(crossKeys, row), line: row.line });
    }
    if (!crossTotal) audit.error(cross.headerLine, "missing-row", `${where} mangler raden «${TOTAL_LABEL}».`);
  }

  // --- Tiltak og hovedgrupper: pages merged into one table -------------------------------------
  const pages = byName(TABLE_TILTAK_OG_HG);
  if (pages.length === 0) audit.error(undefined, "missing-table", `Tabellen «${TABLE_TILTAK_OG_HG}» mangler.`);
  const tiltak: Tiltak[] = [];
  const tiltakCells = new Map<string, Located<Record<HgKey, Count>>>();
  const subtotals = new Map<string, Located<Record<HgKey, Count>>>();
  let tiltakTotal: Located<Record<HgKey, Count>> | undefined;
  let pending: { name: string; row: RawRow }[] = [];
  const tiltakKeys = pages[0] ? columnKeys(pages[0]) : undefined;
  if (tiltakKeys) {
    for (const page of pages) {
      if (page !== pages[0] && !sameHeaders(page.headers, pages[0]!.headers)) {
        audit.error(page.headerLine, "bad-header", `Kolonnene i «${page.name}» skifter fra side til side.`);
        continue;
      }
      for (const row of page.rows) {
        const cells = rowCells(tiltakKeys, row);
        if (isTotalLabel(row.label)) {
          if (!tiltakTotal) tiltakTotal = { value: cells, line: row.line };
          else {
            // Each page repeats the total row; it must repeat it unchanged.
            for (const k of tiltakKeys) {
              audit.same(
                row.line,
                `«${TOTAL_LABEL}» (${k === ALL ? TOTAL_LABEL : findHgById(hovedgrupper, k)})`,
                cells[k]!,
                tiltakTotal.value[k]!,
                `på linje ${tiltakTotal.line}`,
              );
            }
          }
          continue;
        }
        const subtotal = /^i alt\s+(.+)$/i.exec(row.label.trim());
        // A subtotal is known by its label; the bold is presentation, so a missing <b> is only noted.
        if (subtotal) {
          const g = resolveGroup(subtotal[1]!, row.line, `«${page.name}»`);
          if (!g) {
            pending = [];
            continue;
          }
          if (!row.bold) {
            audit.warn(
              row.line,
              "structure",
              `Delsummen «${row.label}» er ikke uthevet (<b>) slik NAV gjør; den er lest som delsum for «${g.name}».`,
            );
          }
          if (subtotals.has(g.id)) {
            audit.error(row.line, "duplicate-row", `Delsummen for «${g.name}» står to ganger i «${page.name}».`);
          }
          subtotals.set(g.id, { value: cells, line: row.line });
          for (const p of pending) {
            const id = tiltakId(p.name);
            const typo = knownTypo(p.name, "tiltak");
            // The sheets keep NAV's spelling, cell for cell; the lookup accepts both.
            if (typo)
              audit.warn(
                p.row.line,
                "alias",
                `«${p.name}» er en kjent skrivefeil for tiltaket «${typo.official}». Navnet står som publisert; funksjonene godtar begge skrivemåtene.`,
              );
            tiltak.push({ id, name: p.name, group: g.id });
            tiltakCells.set(id, { value: rowCells(tiltakKeys, p.row), line: p.row.line });
          }
          pending = [];
          continue;
        }
        const id = tiltakId(row.label);
        if (tiltakCells.has(id) || pending.some((p) => tiltakId(p.name) === id)) {
          audit.error(row.line, "duplicate-row", `Tiltaket «${shorten(row.label)}» står to ganger i «${page.name}».`);
          continue;
        }
        pending.push({ name: row.label, row });
      }
    }
    // Rows left over at the end: most often a file cut short, so say that once rather than per row.
    if (pending.length > 0) {
      const first = pending[0]!.row.line;
      const last = pending[pending.length - 1]!.row.line;
      const names =
        pending
          .slice(0, 3)
          .map((p) => `«${shorten(p.name)}»`)
          .join(", ") + (pending.length > 3 ? " …" : "");
      audit.error(
        first,
        "missing-row",
        `${pending.length === 1 ? "Tiltaket" : `Tiltakene på linje ${first}–${last}`} (${names}) står ikke over noen «${TOTAL_LABEL} <tiltaksgruppe>»-rad, så gruppen er ukjent. Slutter filen for tidlig (avkortet)?`,
      );
    }
    if (!tiltakTotal && pages[0])
      audit.error(pages[0].headerLine, "missing-row", `«${TABLE_TILTAK_OG_HG}» mangler raden «${TOTAL_LABEL}».`);
  }

  if (audit.failed || !crossKeys || !crossTotal || !tiltakKeys || !tiltakTotal) return undefined;

  // --- Consistency audit -----------------------------------------------------------------------
  const keys: HgKey[] = [ALL, ...hovedgrupper.map((h) => h.id)];
  const hgName = (k: HgKey) => (k === ALL ? TOTAL_LABEL : findHgById(hovedgrupper, k));
  const gt = grandTotal;

  // Hovedgrupper: the total is the sum of the hovedgrupper.
  const hgParts = hovedgrupper.map((h) => hgFigures.get(h.id)!.value);
  audit.sum(
    gt.line,
    `«${TABLE_HOVEDGRUPPER}», ${TOTAL_LABEL}`,
    gt.value.antall,
    hgParts.map((f) => f.antall),
  );
  audit.changeSum(gt.line, `«${TABLE_HOVEDGRUPPER}», ${TOTAL_LABEL}`, gt.value, hgParts);
  audit.percent(gt.line, `«${TABLE_HOVEDGRUPPER}», ${TOTAL_LABEL}`, gt.value);
  for (const h of hovedgrupper) {
    const f = hgFigures.get(h.id)!;
    audit.percent(f.line, `«${TABLE_HOVEDGRUPPER}», ${h.name}`, f.value);
  }

  // Tiltaksgrupper: same total as Hovedgrupper, and the sum of the groups.
  const gtot = groupsTotal;
  for (const field of ["antall", "endring", "prosent"] as const) {
    audit.same(gtot.line, `${TOTAL_LABEL} (${field})`, gtot.value[field], gt.value[field], `i «${TABLE_HOVEDGRUPPER}» (linje ${gt.line})`);
  }
  const groupParts = tiltaksgrupper.map((g) => groupFigures.get(g.id)!.value);
  audit.sum(
    gtot.line,
    `«${TABLE_TILTAKSGRUPPER}», ${TOTAL_LABEL}`,
    gtot.value.antall,
    groupParts.map((f) => f.antall),
  );
  audit.changeSum(gtot.line, `«${TABLE_TILTAKSGRUPPER}», ${TOTAL_LABEL}`, gtot.value, groupParts);
  for (const g of tiltaksgrupper) {
    const f = groupFigures.get(g.id)!;
    audit.percent(f.line, `«${TABLE_TILTAKSGRUPPER}», ${g.name}`, f.value);
  }

  // Per-hovedgruppe sub-tables: total agrees with Hovedgrupper, groups sum to it.
  for (const h of hovedgrupper) {
    const sub = perHg.get(h.id)!;
    const top = hgFigures.get(h.id)!;
    const where = `«${TABLE_GRUPPER_OG_HG}» (${h.name})`;
    for (const field of ["antall", "endring", "prosent"] as const) {
      audit.same(
        sub.total.line,
        `${TOTAL_LABEL} ${h.short} (${field})`,
        sub.total.value[field],
        top.value[field],
        `i «${TABLE_HOVEDGRUPPER}» (linje ${top.line})`,
      );
    }
    const parts = [...sub.groups.values()].map((l) => l.value);
    audit.sum(
      sub.total.line,
      `${where}, ${TOTAL_LABEL}`,
      sub.total.value.antall,
      parts.map((f) => f.antall),
    );
    audit.changeSum(sub.total.line, `${where}, ${TOTAL_LABEL}`, sub.total.value, parts);
    audit.percent(sub.total.line, `${where}, ${TOTAL_LABEL}`, sub.total.value);
    for (const [gid, f] of sub.groups) {
      audit.percent(f.line, `${where}, ${tiltaksgrupper.find((g) => g.id === gid)!.name}`, f.value);
    }
  }
  // A group's change over all hovedgrupper is the sum of its changes per hovedgruppe.
  for (const g of tiltaksgrupper) {
    const top = groupFigures.get(g.id)!;
    const parts = hovedgrupper.map((h) => perHg.get(h.id)!.groups.get(g.id)?.value ?? { antall: null, endring: null, prosent: null });
    audit.changeSum(top.line, `«${TABLE_TILTAKSGRUPPER}», ${g.name} per hovedgruppe`, top.value, parts);
  }

  // Cross table: agrees with the per-group and per-hovedgruppe tables, and adds up both ways.
  const crossName = `krysstabellen «${TABLE_GRUPPER_OG_HG}»`;
  for (const g of tiltaksgrupper) {
    const row = crossRows.get(g.id);
    if (!row) {
      audit.error(cross!.headerLine, "missing-row", `${crossName} mangler tiltaksgruppen «${g.name}».`);
      continue;
    }
    audit.same(row.line, `${g.name}, ${TOTAL_LABEL}`, row.value[ALL]!, groupFigures.get(g.id)!.value.antall, `i «${TABLE_TILTAKSGRUPPER}»`);
    for (const h of hovedgrupper) {
      const sub = perHg.get(h.id)!.groups.get(g.id);
      audit.same(row.line, `${g.name}, ${h.name}`, row.value[h.id]!, sub ? sub.value.antall : null, `i deltabellen for ${h.name}`);
    }
    audit.sum(
      row.line,
      `${crossName}, ${g.name}`,
      row.value[ALL]!,
      hovedgrupper.map((h) => row.value[h.id]!),
    );
  }
  for (const k of keys) {
    const expected = k === ALL ? gt.value.antall : hgFigures.get(k)!.value.antall;
    audit.same(crossTotal.line, `${crossName}, ${TOTAL_LABEL} (${hgName(k)})`, crossTotal.value[k]!, expected, `i «${TABLE_HOVEDGRUPPER}»`);
    audit.sum(
      crossTotal.line,
      `${crossName}, ${TOTAL_LABEL} (${hgName(k)})`,
      crossTotal.value[k]!,
      tiltaksgrupper.map((g) => crossRows.get(g.id)?.value[k] ?? null),
    );
  }

  // Tiltak table: rows add up across, each group's tiltak add up to its subtotal, subtotals agree
  // with the cross table, and the total is the sum of the subtotals.
  for (const t of tiltak) {
    const row = tiltakCells.get(t.id)!;
    audit.sum(
      row.line,
      `«${TABLE_TILTAK_OG_HG}», ${t.name}`,
      row.value[ALL]!,
      hovedgrupper.map((h) => row.value[h.id]!),
    );
  }
  for (const g of tiltaksgrupper) {
    const sub = subtotals.get(g.id);
    if (!sub) {
      audit.error(
        pages[0]!.headerLine,
        "missing-row",
        `«${TABLE_TILTAK_OG_HG}» mangler tiltakene i gruppen «${g.name}» (ingen «${TOTAL_LABEL} ${g.name.toLocaleLowerCase("nb-NO")}»).`,
      );
      continue;
    }
    const members = tiltak.filter((t) => t.group === g.id);
    for (const k of keys) {
      audit.sum(
        sub.line,
        `«${TABLE_TILTAK_OG_HG}», ${TOTAL_LABEL} ${g.name.toLocaleLowerCase("nb-NO")} (${hgName(k)})`,
        sub.value[k]!,
        members.map((t) => tiltakCells.get(t.id)!.value[k]!),
      );
      const crossRow = crossRows.get(g.id);
      if (crossRow)
        audit.same(
          sub.line,
          `${TOTAL_LABEL} ${g.name.toLocaleLowerCase("nb-NO")} (${hgName(k)})`,
          sub.value[k]!,
          crossRow.value[k]!,
          `i ${crossName} (linje ${crossRow.line})`,
        );
    }
  }
  for (const k of keys) {
    audit.same(
      tiltakTotal.line,
      `«${TABLE_TILTAK_OG_HG}», ${TOTAL_LABEL} (${hgName(k)})`,
      tiltakTotal.value[k]!,
      crossTotal.value[k]!,
      `i ${crossName}`,
    );
    audit.sum(
      tiltakTotal.line,
      `«${TABLE_TILTAK_OG_HG}», ${TOTAL_LABEL} (${hgName(k)})`,
      tiltakTotal.value[k]!,
      tiltaksgrupper.map((g) => subtotals.get(g.id)?.value[k] ?? null),
    );
  }

  if (audit.failed || !period) return undefined;

  // --- Normalize ------------------------------------------------------------------------------
  const none: Figures = { antall: null, endring: null, prosent: null };
  const total: Record<HgKey, Figures> = { [ALL]: gt.value };
  for (const h of hovedgrupper) total[h.id] = hgFigures.get(h.id)!.value;
  const groups: Record<string, Record<HgKey, Figures>> = {};
  for (const g of tiltaksgrupper) {
    const rec: Record<HgKey, Figures> = { [ALL]: groupFigures.get(g.id)!.value };
    for (const h of hovedgrupper) rec[h.id] = perHg.get(h.id)!.groups.get(g.id)?.value ?? none;
    groups[g.id] = rec;
  }
  const tiltakData: Record<string, Record<HgKey, Count>> = {};
  for (const t of tiltak) tiltakData[t.id] = tiltakCells.get(t.id)!.value;

  // A file of raw counts (e.g. an internal extract) is fine: the rule hides 1–3 on every way out.
  // Say so, so nobody takes the file itself for a publishable one.
  const isSmall = (c: Count) => typeof c === "number" && c >= 1 && c <= 3;
  const smallCells: Located<Count>[] = [
    ...tiltak.flatMap((t) => Object.values(tiltakCells.get(t.id)!.value).map((value) => ({ value, line: tiltakCells.get(t.id)!.line }))),
    ...tiltaksgrupper.flatMap((g) => [
      { value: groupFigures.get(g.id)!.value.antall, line: groupFigures.get(g.id)!.line },
      ...hovedgrupper.flatMap((h) => {
        const sub = perHg.get(h.id)!.groups.get(g.id);
        return sub ? [{ value: sub.value.antall, line: sub.line }] : [];
      }),
    ]),
  ].filter((c) => isSmall(c.value));
  if (smallCells.length > 0) {
    const lines = [...new Set(smallCells.map((c) => c.line))].sort((a, b) => a - b);
    audit.warn(
      lines[0],
      "unsuppressed",
      `Filen har ${smallCells.length} antall fra 1 til 3 som ikke er prikket (linje ${lines.join(", ")}). NAV tiltak viser dem som «*» overalt, men filen selv må ikke publiseres slik.`,
    );
  }

  const { notes, finding: noteFinding } = completeNotes(pub.notes, pub.notesLine);
  if (noteFinding) audit.findings.push({ ...noteFinding, file: audit.file });

  return {
    data: { period, label, total, groups, tiltak: tiltakData },
    title: pub.title,
    notes,
    hovedgrupper,
    crossOrder: crossKeys.filter((k) => k !== ALL),
    tiltaksgrupper,
    tiltak,
    periodLine: firstTable.periodLine,
    labels: [
      { level: "tittel", name: pub.title, line: pub.titleLine ?? 1 },
      ...hovedgrupper.map((h): SeenLabel => ({ level: "hovedgruppe", name: h.name, line: hgFigures.get(h.id)!.line })),
      ...tiltaksgrupper.map((g): SeenLabel => ({ level: "tiltaksgruppe", name: g.name, line: groupFigures.get(g.id)!.line })),
      ...tiltak.map((t): SeenLabel => ({ level: "tiltak", name: t.name, line: tiltakCells.get(t.id)!.line })),
    ],
  };
}

/** A tiltak's id comes from its official name, so a month that fixes a known typo keeps the same tiltak. */
function tiltakId(name: string): string {
  return slug(officialName(name, "tiltak"));
}

function findHgById(hovedgrupper: Hovedgruppe[], id: string): string {
  return hovedgrupper.find((h) => h.id === id)?.name ?? id;
}

/**
 * Union of dimension lists (newest month first): the newest month's published order and names win,
 * so its sheets reproduce it exactly; an item only older months have goes after its neighbour there.
 */
function mergeById<T extends { id: string }>(newestFirst: T[][]): T[] {
  const byId = new Map<string, T>();
  for (const list of newestFirst) for (const item of list) if (!byId.has(item.id)) byId.set(item.id, item);
  return mergeOrder(newestFirst.map((list) => list.map((item) => item.id))).map((id) => byId.get(id)!);
}

/**
 * Union of column orders, the first list's order winning; an id only later lists have (a hovedgruppe
 * an older month publishes and the newest does not) goes right after its neighbour there.
 */
function mergeOrder(orders: string[][]): string[] {
  const merged: string[] = [];
  for (const order of orders) {
    order.forEach((id, i) => {
      if (merged.includes(id)) return;
      const before = i > 0 ? merged.indexOf(order[i - 1]!) : -1;
      merged.splice(before + 1, 0, id);
    });
  }
  return merged;
}

/**
 * Parses and audits publication files into one Dataset (one period per file).
 * Throws PublicationError, listing every problem with its file and line, when any file is
 * malformed or inconsistent.
 */
export function importPublications(sources: SourceFile[], options: ImportOptions = {}): ImportResult {
  let findings: Finding[] = [];
  const results: (PeriodResult & { file: string })[] = [];
  for (const source of sources) {
    const audit = new Audit(source.file, source.text.replace(/\s+$/, "").split(/\r\n?|\n/).length);
    audit.findings.push(...(source.findings ?? []).map((f) => ({ ...f, file: source.file })));
    // A file that could not be read as text is not parsed: that would only repeat the same problem per line.
    const parsed = audit.failed ? undefined : parsePublication(source.text);
    audit.findings.push(...(parsed?.findings ?? []).map((f) => ({ ...f, file: source.file })));
    const result = audit.failed || !parsed ? undefined : buildPeriod(parsed.publication, audit);
    // A raw file is never shown as is: refused (the refusal replaces the warning) unless it is being protected.
    const raw = result && !options.acceptRawCounts ? rawCountsFinding(parsed!.publication, source.file) : undefined;
    findings.push(...(raw ? [...audit.findings.filter((f) => f.code !== "unsuppressed"), raw] : audit.findings));
    if (result) results.push({ ...result, file: source.file });
  }
  results.sort((a, b) => a.data.period.localeCompare(b.data.period));
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1]!, results[i]!];
    if (a.data.period === b.data.period) {
      findings.push({
        severity: "error",
        code: "duplicate-period",
        file: b.file,
        line: b.periodLine,
        message: `Perioden ${b.data.label} finnes både i «${a.file}» og i «${b.file}». Fjern den ene filen.`,
      });
    }
  }
  if (sources.length === 0) findings.push({ severity: "error", code: "empty-file", message: "Ingen publikasjonsfiler å lese." });
  if (!findings.some((f) => f.severity === "error")) {
    findings.push(
      ...labelFindings(
        results.map((r) => ({ file: r.file, labels: r.labels })),
        options.reference,
      ),
    );
  }
  findings = capFindings(findings);
  if (findings.some((f) => f.severity === "error")) throw new PublicationError(findings);

  const newestFirst = [...results].reverse();
  const newest = newestFirst[0]!;
  const dataset: Dataset = {
    title: newest.title,
    notes: newest.notes,
    hovedgrupper: mergeById(newestFirst.map((r) => r.hovedgrupper)),
    crossOrder: mergeOrder(newestFirst.map((r) => r.crossOrder)),
    tiltaksgrupper: mergeById(newestFirst.map((r) => r.tiltaksgrupper)),
    tiltak: mergeById(newestFirst.map((r) => r.tiltak)),
    periods: results.map((r) => r.data),
  };
  return { dataset, findings };
}

/** Convenience for one file. */
export function importPublication(text: string, file = "publikasjon.txt", options: ImportOptions = {}): ImportResult {
  return importPublications([{ file, text }], options);
}
