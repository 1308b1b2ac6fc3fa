// The CLI over a data folder with NAV's time-series workbooks and the 2016 text: import of all
// files, the functions with a period, NAV.SERIE, and the disclosure audit over the time series.
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { cli } from "../helpers/cli.js";
import { tiltFolder } from "../helpers/tilt.js";
import { fileBlocks, fixtureSet } from "../fixtures/tilt/generate.js";
import { rawCount, shown } from "../fixtures/tilt/model.js";
import type { AuditJsonCell } from "../../src/cli/commands/audit.js";

let dir: string;
let files: string[];
const run = (...argv: string[]) => cli(argv, dir);
const march26 = (code: number) => fixtureSet().find((s) => s.code === code && s.year === 2026 && s.last === 3)!;

beforeAll(async () => {
  ({ dir, files } = await tiltFolder());
});

describe("nav-tiltak over the time series", () => {
  it("imports every file of the data folder at once: exit 0, a «Merk» for the file a newer one replaces", async () => {
    const r = await run("import", ...files.map((f) => join(dir, f)));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Merk \(2026\.02_TILT130_.*\): Januar 2026, Februar 2026 finnes også i den nyere filen/);
    expect(r.out).toMatch(
      /Godkjent: 29 filer, 28 måneder \(November 2016, Januar 2024 – Mars 2026\), 3 hovedgrupper, 10 tiltaksgrupper, \d+ tiltak\./,
    );
  });

  it("call TILTAK gives every figure as published, «*» for 1–3, per målgruppe and month", async () => {
    const blocks = fileBlocks(march26(140));
    for (const [m, hg] of [
      [0, "Arbeidssøkere"],
      [2, "Andre"],
    ] as const) {
      for (const row of blocks[m]!.rows) {
        for (const month of [1, 2, 3]) {
          const r = await run("call", "TILTAK", row.label, hg, `2026-0${month}`);
          expect(r.out, `${row.label} ${hg} ${month}`).toBe(`${JSON.stringify(shown(row.raw[month - 1]!))}\n`);
        }
      }
    }
    // The example.
    const arbeidstrening = fileBlocks(march26(120))[2]!.rows[0]!;
    expect((await run("call", "TILTAK", "Arbeidstrening", "Andre", "2026-03")).out).toBe(
      `${JSON.stringify(shown(arbeidstrening.raw[2]!))}\n`,
    );
  });

  it("call LISTE perioder lists every month", async () => {
    const months = JSON.parse((await run("call", "LISTE", "perioder")).out) as string[];
    expect(months).toHaveLength(28);
    expect(months.slice(0, 3)).toEqual(["2016-11", "2024-01", "2024-02"]);
    expect(months.at(-1)).toBe("2026-03");
  });

  it("call ENDRING derives the change where both months are numbers, else «..»", async () => {
    const now = fileBlocks(march26(100))[0]!.rows.find((r) => r.label === "Opplæring")!.raw[2]!;
    const before = fileBlocks(fixtureSet().find((s) => s.code === 100 && s.year === 2025)!)[0]!.rows.find((r) => r.label === "Opplæring")!
      .raw[2]!;
    expect((await run("call", "ENDRING", "Opplæring", "Arbeidssøkere", "2026-03")).out).toBe(`${now - before}\n`);
    expect((await run("call", "ENDRING", "Opplæring", "Arbeidssøkere", "2024-03")).out).toBe('".."\n');
    // «*» this year (Arbeidsrettet rehabilitering for Andre is 1–4): «..» or «*», never a number.
    const r = await run("call", "ENDRING", "Arbeidsrettet rehabilitering", "Andre", "2026-03");
    expect(r.out).toMatch(/^"(\.\.|\*)"\n$/);
  });

  it("call SERIE spills one figure month by month, with a header", async () => {
    const r = await run("call", "SERIE", "Mentor", "Andre", "2026-01", "2026-03");
    expect(r.code).toBe(0);
    expect(r.out).toBe("Periode\tMentor (Andre)\n2026-01\t50\n2026-02\t51\n2026-03\t*\n");
    const bad = await run("call", "SERIE", "Mentor", "Andre", "2026-03", "2026-01");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/#VALUE! «fra» \(2026-03\) er etter «til» \(2026-01\)/);
  });

  it("audit --json reports both give-aways exactly, each entry naming its period and cell", async () => {
    const r = await run("audit", "--json");
    expect(r.code).toBe(0);
    const cells = JSON.parse(r.out) as AuditJsonCell[];
    expect(cells.every((c) => /^\d{4}-\d{2}$/.test(c.period))).toBe(true);
    // The month's «I alt» gives the only «*» of March in Opplæring / Andre away.
    expect(cells).toContainEqual(
      expect.objectContaining({
        period: "2026-03",
        table: "TILT130 2026",
        tiltak: "Høyere utdanning",
        hovedgruppe: "Andre",
        column: "Mars",
        min: 2,
        max: 2,
        pinned: true,
        cell: "E22",
      }),
    );
    // January 50, February 51, March «*», average 34: only 1 or 2.
    expect(cells).toContainEqual(
      expect.objectContaining({
        period: "2026-03",
        table: "TILT140 2026",
        tiltak: "Mentor",
        hovedgruppe: "Andre",
        column: "Mars",
        min: 1,
        max: 2,
        pinned: false,
      }),
    );
    expect(cells).toContainEqual(expect.objectContaining({ period: "2026-03", tiltak: "Individuell jobbstøtte (IPS)", min: 2, max: 3 }));
    // The 2016 text month is audited as before, its entries naming 2016-11.
    expect(cells.filter((c) => c.period === "2016-11")).toHaveLength(16);
  });

  it("audit --samlet reads each year's tables together: TILT100's group row gives TILT160's «*» away", async () => {
    const raw = rawCount("Arbeidsrettet rehabilitering", "Andre", 2026, 3)!;
    expect(raw).toBeLessThanOrEqual(3);
    const find = (cells: AuditJsonCell[]) =>
      cells.find((c) => c.table === "TILT160 2026" && c.hovedgruppe === "Andre" && c.tiltak === "Arbeidsrettet rehabilitering")!;
    const alone = JSON.parse((await run("audit", "--json", "--periode", "2026-03")).out) as AuditJsonCell[];
    const together = await run("audit", "--json", "--samlet", "--periode", "2026-03");
    expect(together.code).toBe(0);
    expect(find(alone)).toMatchObject({ min: 1, max: 3, pinned: false });
    expect(find(JSON.parse(together.out) as AuditJsonCell[])).toMatchObject({ min: raw, max: raw, pinned: true, period: "2026-03" });
  });
});
