// `nav-tiltak prikk` on raw TILT workbooks: written as workbooks in the same layout, read back by the
// project's own reader and audited by the series audit (no «*» narrower than what the «*» cells
// themselves leave), with the CLI contract (exit codes, no overwriting without --overskriv).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importWorkbooks } from "../../src/core/tilt/import-workbooks.js";
import { auditSeries } from "../../src/core/tilt/series-audit.js";
import { HIDDEN, SUPPRESSED, type Dataset, type SeriesTable } from "../../src/core/types.js";
import { CODES, fileName, writeWorkbook, type TiltFileSpec } from "../fixtures/tilt/generate.js";
import { cli } from "../helpers/cli.js";
import { seriesDataset } from "../helpers/series-year.js";

const root = mkdtempSync(join(tmpdir(), "nav-tiltak-prikk-xlsx-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SPECS: TiltFileSpec[] = [
  { code: 140, year: 2026, last: 3, style: "compact", raw: true },
  { code: 110, year: 2025, last: 12, style: "dotted", raw: true },
];

async function rawFiles(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const spec of SPECS) {
    const path = join(dir, fileName(spec));
    writeFileSync(path, await writeWorkbook(spec));
    paths.push(path);
  }
  return paths;
}

const readBack = (path: string): SeriesTable => {
  const r = importWorkbooks([{ file: path, bytes: new Uint8Array(readFileSync(path)) }]);
  expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  return r.series[0]!;
};
const ds = (t: SeriesTable): Dataset => seriesDataset([t]);
const values = (t: SeriesTable) => t.blocks.flatMap((b) => b.rows.flatMap((r) => [r.average.value, ...r.months.map((c) => c.value)]));

describe("prikk on raw TILT workbooks", () => {
  it("writes protected workbooks into a folder; read back and audited, no «*» is narrowed (the March example included)", async () => {
    const raw = await rawFiles(join(root, "a"));
    const out = join(root, "a-ut");
    mkdirSync(out);
    const run = await cli(["prikk", ...raw, "--ut", out]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/prikket \d+ tall med «\*» \(1–3\), skjulte \d+ med «:»/);
    for (const spec of SPECS) {
      const table = readBack(join(out, fileName(spec)));
      const rawTable = readBack(join(root, "a", fileName(spec)));
      // The same layout: every cell where it was, only 1–3 turned «*» and some figures «:».
      values(table).forEach((v, i) => {
        const was = values(rawTable)[i];
        if (v === SUPPRESSED) expect(was).toSatisfy((x: unknown) => typeof x === "number" && x >= 1 && x <= 3);
        else if (v === HIDDEN) expect(was).toSatisfy((x: unknown) => typeof x === "number" && (x === 0 || x >= 4));
        else expect(v).toBe(was);
      });
      expect(values(table)).toContain(HIDDEN);
      const cells = auditSeries(ds(table))[0]!.cells;
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.filter((c) => c.narrowed)).toEqual([]);
    }
    // Mentor (Andre, March 2026): January 50, February 51, March «*»; its average or a month is hidden.
    const t140 = readBack(join(out, fileName(SPECS[0]!)));
    const mentor = t140.blocks.find((b) => b.label.includes("Andre"))!.rows.find((r) => r.label === "Mentor")!;
    expect(mentor.months[2]!.value).toBe(SUPPRESSED);
    expect([mentor.average.value, mentor.months[0]!.value, mentor.months[1]!.value]).toContain(HIDDEN);
  }, 120_000);

  it("one workbook to a file name; never overwrites without --overskriv (exit 2, nothing written)", async () => {
    const [first] = await rawFiles(join(root, "b"));
    const target = join(root, "b-ut.xlsx");
    expect((await cli(["prikk", first!, "--ut", target])).code).toBe(0);
    const before = readFileSync(target);
    writeFileSync(target, "mine");
    const again = await cli(["prikk", first!, "--ut", target]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/finnes allerede/);
    expect(readFileSync(target, "utf8")).toBe("mine");
    expect((await cli(["prikk", first!, "--ut", target, "--overskriv"])).code).toBe(0);
    expect(readFileSync(target).length).toBe(before.length);
  }, 120_000);

  it("a year's whole set is protected together: read back and audited combined (TILT100 against the others), no «*» is narrowed; the optimum is proven", async () => {
    const dir = join(root, "f");
    mkdirSync(dir);
    const specs: TiltFileSpec[] = CODES.map((code) => ({
      code,
      year: 2026,
      last: 3,
      style: "compact",
      raw: true,
      totalWithTilrettelegging: false,
    }));
    for (const spec of specs) writeFileSync(join(dir, fileName(spec)), await writeWorkbook(spec));
    const out = join(root, "f-ut");
    mkdirSync(out);
    const r = await cli(["prikk", ...specs.map((s) => join(dir, fileName(s))), "--ut", out, "--tidsgrense", "60"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2026: \d+ celler skjult \(optimum\)/m);
    const tables = specs.map((spec) => readBack(join(out, fileName(spec))));
    const combined = auditSeries(seriesDataset(tables), { mode: "combined" });
    expect(combined.every((a) => a.infeasible === undefined)).toBe(true);
    expect(combined.flatMap((a) => a.cells).length).toBeGreaterThan(0);
    expect(combined.flatMap((a) => a.cells.filter((c) => c.narrowed).map((c) => `${a.file} ${c.cell}`))).toEqual([]);
  }, 180_000);

  it("--tidsgrense must be a number of seconds (exit 2)", async () => {
    const raw = await rawFiles(join(root, "g"));
    const r = await cli(["prikk", raw[0]!, "--ut", join(root, "g-ut.xlsx"), "--tidsgrense", "snart"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/«--tidsgrense» må være et antall sekunder/);
    const missing = await cli(["prikk", raw[0]!, "--ut", join(root, "g-ut.xlsx"), "--tidsgrense"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/«--tidsgrense» trenger et antall sekunder/);
    expect(existsSync(join(root, "g-ut.xlsx"))).toBe(false);
  }, 60_000);

  it("with several workbooks, one target taken means none is written (exit 2)", async () => {
    const raw = await rawFiles(join(root, "e"));
    const out = join(root, "e-ut");
    mkdirSync(out);
    writeFileSync(join(out, fileName(SPECS[1]!)), "mine");
    const r = await cli(["prikk", ...raw, "--ut", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/finnes allerede/);
    expect(existsSync(join(out, fileName(SPECS[0]!)))).toBe(false);
    expect(readFileSync(join(out, fileName(SPECS[1]!)), "utf8")).toBe("mine");
  }, 60_000);

  it("several workbooks need an existing folder, and --ut is required (exit 2)", async () => {
    const raw = await rawFiles(join(root, "c"));
    const noFolder = await cli(["prikk", ...raw, "--ut", join(root, "c-finnes-ikke")]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.err).toMatch(/må være en mappe som finnes/);
    const noOut = await cli(["prikk", raw[0]!]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/--ut <mappe>/);
  }, 60_000);

  it("refuses a workbook already published with «*» (exit 1), naming file and cell, and writes nothing", async () => {
    const spec: TiltFileSpec = { code: 140, year: 2026, last: 3, style: "compact" };
    const dir = join(root, "d");
    mkdirSync(dir);
    writeFileSync(join(dir, fileName(spec)), await writeWorkbook(spec));
    const out = join(root, "d-ut");
    mkdirSync(out);
    const r = await cli(["prikk", join(dir, fileName(spec)), "--ut", out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`trenger rå tall, men «${fileName(spec)}» har «\\*» i celle [A-Z]+\\d+`));
    expect(existsSync(join(out, fileName(spec)))).toBe(false);
  }, 60_000);
});
