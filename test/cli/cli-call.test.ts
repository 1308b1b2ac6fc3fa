// `nav-tiltak call`: the NAV.* functions from the shell, through the same core as Excel.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cli as run } from "../helpers/cli.js";
import { mergedPages, publishedTables } from "../helpers/publication.js";

const cli = (...argv: string[]) => run(argv);

const tables = publishedTables();
const tiltak = mergedPages(tables, "Tiltak og hovedgrupper");
const published = (name: string, column: string) => tiltak.rows.find((r) => r[0] === name)![tiltak.rows[0]!.indexOf(column)]!;
const asNumber = (cell: string) => Number(cell.replace(/ /g, ""));

describe("nav-tiltak call (in-process)", () => {
  it("prints a number as one line of JSON", async () => {
    const r = await cli("call", "TILTAK", "Arbeidstrening");
    expect(r).toEqual({ code: 0, out: `${asNumber(published("Arbeidstrening", "I alt"))}\n`, err: "" });
  });

  it("accepts the function name in any case, with or without NAV.", async () => {
    for (const name of ["nav.tiltak", "NAV.TILTAK", "Tiltak"]) {
      const r = await cli("call", name, "Arbeidstrening", "Arbeidssøkere på tiltak");
      expect(r.out, name).toBe(`${asNumber(published("Arbeidstrening", "Arbeidssøkere på tiltak"))}\n`);
    }
  });

  it("prints «*» as a JSON string and an empty cell as 0", async () => {
    expect(published("Nettbasert arbeidsmarkedsopplæring (AMO)", "I alt")).toBe("*");
    expect((await cli("call", "TILTAK", "Nettbasert arbeidsmarkedsopplæring (AMO)")).out).toBe('"*"\n');
    expect(published("Supported Employment (SE)", "Andre på tiltak")).toBe("");
    expect((await cli("call", "TILTAK", "Supported Employment (SE)", "Andre")).out).toBe("0\n");
  });

  it("reads an empty argument as the default", async () => {
    const r = await cli("call", "TILTAK", "Arbeidstrening", "", "2016-11");
    expect(r.out).toBe(`${asNumber(published("Arbeidstrening", "I alt"))}\n`);
  });

  it("prints LISTE as a flat JSON array", async () => {
    const groups = tables
      .find((t) => t.name === "Tiltaksgrupper")!
      .rows.slice(2)
      .map((r) => r[0]);
    const r = await cli("call", "LISTE");
    expect(r.code).toBe(0);
    expect(r.out.endsWith("\n") && !r.out.slice(0, -1).includes("\n")).toBe(true);
    expect(JSON.parse(r.out)).toEqual(groups);
  });

  it("prints ENDRINGPROSENT as the fraction", async () => {
    const r = await cli("call", "ENDRINGPROSENT", "Lønnstilskudd");
    const row = tables.find((t) => t.name === "Tiltaksgrupper")!.rows.find((x) => x[0] === "Lønnstilskudd")!;
    expect(Math.round(JSON.parse(r.out) * 100)).toBe(Number(row[3]));
  });

  it("an Excel error goes to stderr as #VALUE! / #N/A with the message, exit status 2", async () => {
    const bad = await cli("call", "TILTAK", "Arbeidstrenig");
    expect(bad.code).toBe(2);
    expect(bad.out).toBe("");
    expect(bad.err).toBe("#VALUE! Ukjent tiltak «Arbeidstrenig». Mente du «Arbeidstrening»?\n");
    const na = await cli("call", "ENDRING", "Opplæring", "", "2015-11");
    expect(na.code).toBe(2);
    expect(na.err).toMatch(/^#N\/A Perioden 2015-11 finnes ikke/);
  });

  it("bad usage: exit status 2 with a Norwegian usage message", async () => {
    for (const argv of [
      ["call"],
      ["call", "SUMMER", "x"],
      ["call", "TILTAK"],
      ["call", "LISTE", "a", "b"],
      ["call", "TILTAK", "a", "b", "c", "d"],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.out).toBe("");
      expect(r.err, argv.join(" ")).toContain("Bruk: nav-tiltak call <FUNKSJON> [ARGUMENT...]");
    }
    expect((await cli("call", "SUMMER")).err).toContain("Ukjent funksjon «SUMMER»");
  });

  it("prints TABELL as TSV rows: the sheet's header and body, numbers unformatted, «*» kept", async () => {
    const r = await cli("call", "TABELL", "Tiltaksgrupper x hovedgrupper");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const rows = r.out.split("\n");
    expect(rows.pop()).toBe(""); // every row ends with a newline
    const grid = rows.map((line) => line.split("\t"));
    // The published cross table, cell for cell (its text without the thousands spaces).
    const published = tables.find(
      (t) => t.name === "Tiltaksgrupper og hovedgrupper" && t.subtitle === undefined && t.rows[0]![1] === "I alt",
    )!;
    expect(grid).toEqual(
      published.rows.map((row, i) => (i === 0 ? ["", ...row.slice(1)] : [row[0], ...row.slice(1).map((c) => c.replace(/ /g, ""))])),
    );
    expect(new Set(grid.map((g) => g.length)).size).toBe(1);
  });

  it("prints DATA as TSV rows with the header first; «endring» picks the changes", async () => {
    const r = await cli("call", "DATA", "Andre");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe("Periode\tHovedgruppe\tTiltaksgruppe\tTiltak\tAntall\tPrikket");
    expect(lines).toContain("2016-11\tAndre på tiltak\tArbeidspraksis\tArbeidstrening\t171\tNei");
    expect(lines).toContain("2016-11\tAndre på tiltak\tAvklaringstiltak\tAvklaring i skjermet virksomhet\t\tJa");
    const changes = await cli("call", "DATA", "", "", "endring");
    expect(changes.out.split("\n")[0]).toBe(
      "Periode\tHovedgruppe\tTiltaksgruppe\tAntall\tEndring\tEndring prosent\tAntall prikket\tEndring prikket",
    );
  });

  it("TABELL and DATA errors and usage as for the other functions", async () => {
    const bad = await cli("call", "TABELL", "Hovedgruper");
    expect(bad).toEqual({ code: 2, out: "", err: "#VALUE! Ukjent tabell «Hovedgruper». Mente du «Hovedgrupper»?\n" });
    expect((await cli("call", "DATA", "", "2015-11")).err).toMatch(/^#N\/A Perioden 2015-11 finnes ikke/);
    const usage = await cli("call", "TABELL");
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("NAV.TABELL trenger argumentet tabell.");
    expect(usage.err).toContain("NAV.TABELL(tabell; [periode])");
    expect(usage.err).toContain("NAV.DATA([hovedgruppe]; [periode]; [innhold])");
  });

  it("is listed in the help", async () => {
    expect((await cli("--help")).out).toContain("nav-tiltak call");
  });
});

describe("nav-tiltak call (the real bin)", () => {
  const run = (...args: string[]) =>
    promisify(execFile)("npx", ["nav-tiltak", "call", ...args], { cwd: new URL("../..", import.meta.url) }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("prints 171 for Arbeidstrening / Andre på tiltak", async () => {
    const r = await run("TILTAK", "Arbeidstrening", "Andre på tiltak");
    expect(r).toMatchObject({ code: 0, stdout: "171\n", stderr: "" });
  });

  it("exits with status 2 on an Excel error", async () => {
    const r = await run("TILTAK", "Opplæring");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("#VALUE! «Opplæring» er en tiltaksgruppe – bruk NAV.TILTAKSGRUPPE.\n");
  });
});
