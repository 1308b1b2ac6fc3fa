// Several months: one publication file per month, merged into one dataset. The newest month is the
// default everywhere; older months stay reachable by period.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importPublications, percentChange } from "../../src/core/dataset.js";
import { auditPeriod } from "../../src/core/disclosure-audit.js";
import { PublicationError } from "../../src/core/findings.js";
import { NavFunctions } from "../../src/core/functions.js";
import { buildLayouts, layoutText } from "../../src/core/layout.js";
import { tiltakLongTable } from "../../src/core/pivot.js";
import { suppressCount } from "../../src/core/suppression.js";
import { ALL, type Figures } from "../../src/core/types.js";
import { cli } from "../helpers/cli.js";
import { protectedPublication } from "../helpers/protected-raw.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

const raw = makeRawDataset({ seed: 5, groups: 3, tiltakPerGroup: 3, periods: ["2016-11", "2016-12"] });
// A file of raw counts is refused on every way in: each month is protected first, as `prikk` does.
const nov = await protectedPublication(raw, "2016-11");
const dec = await protectedPublication(raw, "2016-12");
const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-months-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a dataset of several months", () => {
  // Given out of order on purpose: the dataset sorts by period.
  const { dataset } = importPublications([
    { file: "desember.txt", text: dec },
    { file: "november.txt", text: nov },
  ]);

  it("holds both periods, oldest first, with one set of dimensions", () => {
    expect(dataset.periods.map((p) => [p.period, p.label])).toEqual([
      ["2016-11", "November 2016"],
      ["2016-12", "Desember 2016"],
    ]);
    expect(dataset.tiltak).toHaveLength(9);
    expect(dataset.tiltaksgrupper).toHaveLength(3);
  });

  it("sheets show the newest month by default, and any month on request", () => {
    const newest = buildLayouts(dataset);
    expect(newest.every((l) => l.period === "2016-12")).toBe(true);
    expect(layoutText(newest[1]!)[2]).toEqual(["Desember 2016"]);
    const older = buildLayouts(dataset, "2016-11");
    expect(older.every((l) => l.periodLabel === "November 2016")).toBe(true);
    // The months differ, so the sheets do too.
    expect(layoutText(older[5]!)).not.toEqual(layoutText(newest[5]!));
  });

  it("functions default to the newest month and accept «periode»", () => {
    const fns = new NavFunctions(dataset);
    const t = dataset.tiltak[0]!;
    for (const p of dataset.periods) {
      const expected = suppressCount(p.tiltak[t.id]![ALL] ?? null) ?? 0;
      expect(fns.tiltak(t.name, undefined, p.period).value).toBe(expected);
    }
    const newest = suppressCount(dataset.periods[1]!.tiltak[t.id]![ALL] ?? null) ?? 0;
    expect(fns.tiltak(t.name).value).toBe(newest);
    expect(fns.tiltak(t.name, undefined, "2017-01").error?.kind).toBe("NA");
  });

  it("pivot-ready rows cover every month", () => {
    const periods = new Set(tiltakLongTable(dataset).rows.map((r) => r[0]));
    expect([...periods].sort()).toEqual(["2016-11", "2016-12"]);
  });

  it("the same month twice is rejected, naming both files", () => {
    expect(() =>
      importPublications([
        { file: "a.txt", text: nov },
        { file: "b.txt", text: nov },
      ]),
    ).toThrow(PublicationError);
    try {
      importPublications([
        { file: "a.txt", text: nov },
        { file: "b.txt", text: nov },
      ]);
    } catch (e) {
      const f = (e as PublicationError).findings.find((x) => x.code === "duplicate-period");
      expect(f?.message).toBe("Perioden November 2016 finnes både i «a.txt» og i «b.txt». Fjern den ene filen.");
    }
  });

  it("the newest month's order wins, and a tiltak only an older month has keeps its place there", async () => {
    // December lists group 1's tiltak in reverse and drops the middle one.
    const group = raw.tiltaksgrupper[0]!.id;
    const g1 = raw.tiltak.filter((t) => t.group === group);
    const dropped = g1[1]!;
    const decTiltak = [...g1.filter((t) => t !== dropped).reverse(), ...raw.tiltak.filter((t) => t.group !== group)];
    const decPeriod = raw.periods[1]!;
    const decData = { ...decPeriod, tiltak: Object.fromEntries(Object.entries(decPeriod.tiltak).filter(([id]) => id !== dropped.id)) };
    // Keep the group's totals consistent: move the dropped tiltak's counts into its neighbour.
    const keep = g1[0]!.id;
    decData.tiltak[keep] = Object.fromEntries(
      Object.entries(decPeriod.tiltak[keep]!).map(([k, v]) => [
        k,
        ((v as number | null) ?? 0) + ((decPeriod.tiltak[dropped.id]![k] as number | null) ?? 0) || null,
      ]),
    );
    const decText = await protectedPublication({ ...raw, tiltak: decTiltak, periods: [raw.periods[0]!, decData] }, "2016-12");
    const merged = importPublications([
      { file: "nov.txt", text: nov },
      { file: "dec.txt", text: decText },
    ]).dataset;
    const labels = (period: string) =>
      buildLayouts(merged, period)[5]!
        .cells.map((r) => r[0])
        .filter((l): l is string => typeof l === "string" && l.startsWith("Tiltak 1."));
    expect(labels("2016-12")).toEqual([g1[2]!.name, g1[0]!.name]);
    // November's own tiltak in the newest order, the dropped one right after its November neighbour (1.1).
    expect(labels("2016-11")).toEqual([g1[2]!.name, g1[0]!.name, g1[1]!.name]);
  }, 120_000);

  it("the CLI reads a folder of months (NAV_TILTAK_DATA) and takes --periode", async () => {
    writeFileSync(join(dir, "nav-tiltak-2016-11.txt"), nov);
    writeFileSync(join(dir, "nav-tiltak-2016-12.txt"), dec);
    const newest = await cli(["sheets", "--tsv"], dir);
    expect(newest.code).toBe(0);
    expect(newest.out).toContain("Desember 2016");
    expect(newest.out).not.toContain("November 2016");
    const older = await cli(["sheets", "--tsv", "--periode", "2016-11"], dir);
    expect(older.out).toContain("November 2016");
    const t = dataset.tiltak[1]!;
    const call = await cli(["call", "TILTAK", t.name, "", "2016-11"], dir);
    expect(call.code).toBe(0);
    expect(JSON.parse(call.out)).toBe(suppressCount(dataset.periods[0]!.tiltak[t.id]![ALL] ?? null) ?? 0);
  });
});

/** December published without «Andre på tiltak»: its totals are the other two hovedgrupper. Protected, as text. */
async function decemberWithoutAndre(): Promise<string> {
  const decRaw = structuredClone(raw);
  const p = decRaw.periods.find((x) => x.period === "2016-12")!;
  decRaw.hovedgrupper = decRaw.hovedgrupper.filter((h) => h.id !== "andre");
  decRaw.crossOrder = decRaw.crossOrder.filter((k) => k !== "andre");
  const num = (c: unknown): number => (typeof c === "number" ? c : 0);
  for (const t of Object.values(p.tiltak)) {
    const sum = num(t[ALL]) - num(t.andre);
    delete t.andre;
    t[ALL] = sum || null;
  }
  const dropAndre = (rec: Record<string, Figures>) => {
    const a = rec.andre!;
    delete rec.andre;
    const antall = num(rec[ALL]!.antall) - num(a.antall);
    const endring = num(rec[ALL]!.endring) - num(a.endring);
    rec[ALL] = { antall: antall || null, endring: antall || antall - endring ? endring : null, prosent: percentChange(antall, endring) };
  };
  for (const g of Object.values(p.groups)) dropAndre(g);
  dropAndre(p.total);
  return protectedPublication(decRaw, "2016-12");
}
const decNoAndre = await decemberWithoutAndre();

describe("a month that lacks a hovedgruppe the other month has", () => {
  const { dataset } = importPublications([
    { file: "november.txt", text: nov },
    { file: "desember.txt", text: decNoAndre },
  ]);

  it("sheets for either month build, each with the hovedgrupper that month has", () => {
    const dec = buildLayouts(dataset, "2016-12");
    expect(layoutText(dec[1]!).map((r) => r[0])).not.toContain("Andre på tiltak");
    expect(layoutText(dec[5]!)[4]).toEqual(["", "I alt", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"]);
    const older = buildLayouts(dataset, "2016-11");
    // November keeps its «Andre» column although the newest month has none.
    expect(layoutText(older[5]!)[4]).toEqual(["", "I alt", "Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"]);
    expect(layoutText(older[4]!)[4]).toEqual(["", "I alt", "Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"]);
  });

  it("the disclosure audit runs for the month without it", () => {
    expect(() => auditPeriod(dataset, "2016-12")).not.toThrow();
  });

  it("functions give #N/A for that hovedgruppe in that month, as for a missing tiltak", () => {
    const fns = new NavFunctions(dataset);
    expect(fns.tiltaksgruppe("I alt", "Andre", "2016-12").error?.kind).toBe("NA");
    expect(fns.tiltaksgruppe("I alt", "Andre", "2016-12").error?.message).toMatch(/Andre på tiltak.*Desember 2016/);
    expect(fns.tiltak(dataset.tiltak[0]!.name, "Andre", "2016-12").error?.kind).toBe("NA");
    expect(fns.endring("I alt", "Andre", "2016-12").error?.kind).toBe("NA");
    expect(fns.tiltaksgruppe("I alt", "Andre", "2016-11").value).toBe(suppressCount(dataset.periods[0]!.total.andre!.antall) ?? 0);
  });
});
