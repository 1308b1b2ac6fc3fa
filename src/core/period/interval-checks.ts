// The findings of reading one publication file, and the checks every total goes through: a total
// must be reachable from its parts, two tables must agree, a published percent must fit its change.

import { HIDDEN, NOT_AVAILABLE, SUPPRESSED, type Count, type Figures } from "../types.js";
import type { Finding } from "../findings.js";
import { anything, interval, overlaps, point, sumOf, type Interval } from "../interval.js";
import { formatInteger } from "../text.js";

/** A value read from the file, with the line it stands on (every finding names a line). */
export interface Located<T> {
  value: T;
  line: number;
}

// ---------------------------------------------------------------------------------------------
// Interval arithmetic: "*" is 1..3, empty is 0. A change is suppressed when last year's count or
// this year's is 1..3 (suppression.ts): next to a visible antall it spans antall−3 .. antall−1;
// next to a suppressed antall only "at most 3" is known (last year's count is ≥ 0).

function countInterval(c: Count): Interval {
  if (c === null) return point(0);
  if (c === SUPPRESSED) return interval(1, 3);
  // ":" is 0 or ≥ 4; for checking a sum the interval [0, ∞) is the safe hull.
  if (c === HIDDEN) return interval(0, Infinity);
  // ".." is unknown: any count.
  if (c === NOT_AVAILABLE) return interval(0, Infinity);
  return point(c);
}

function changeInterval(f: Figures): Interval {
  if (f.endring === HIDDEN || f.antall === HIDDEN || f.endring === NOT_AVAILABLE || f.antall === NOT_AVAILABLE) return anything();
  if (f.endring !== SUPPRESSED) return countInterval(f.endring);
  if (f.antall === SUPPRESSED) return interval(-Infinity, 3);
  const { lo, hi } = countInterval(f.antall);
  return interval(lo - 3, hi - 1);
}

function showInterval({ lo, hi }: Interval): string {
  if (lo === -Infinity) return hi === Infinity ? "hva som helst" : `høyst ${formatInteger(hi)}`;
  if (hi === Infinity) return `minst ${formatInteger(lo)}`;
  return lo === hi ? formatInteger(lo) : `${formatInteger(lo)}–${formatInteger(hi)}`;
}

function showCount(c: Count): string {
  return c === null ? "tom" : typeof c === "string" ? c : formatInteger(c);
}

// ---------------------------------------------------------------------------------------------

export class Audit {
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
    const sum = sumOf(parts.map(countInterval));
    if (!overlaps(countInterval(total), sum)) {
      this.error(line, "sum-mismatch", `${what}: summen er ${showCount(total)}, men delene summerer til ${showInterval(sum)}.`);
    }
  }

  changeSum(line: number, what: string, total: Figures, parts: Figures[]): void {
    const sum = sumOf(parts.map(changeInterval));
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
