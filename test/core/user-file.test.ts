// «Bruk egen fil» in the core: the user's files go through the CLI's import and audit under the
// CLI's limits; an accepted file's months join the bundled ones (the file wins, with a note); the
// files are kept as their bytes in the workbook's XML part and read back exactly.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { NavFunctions } from "../../src/core/functions.js";
import { MAX_FILE_BYTES } from "../../src/core/limits.js";
import { writePublication } from "../../src/core/publication-text.js";
import { ALL } from "../../src/core/types.js";
import { mergeDatasets } from "../../src/core/user-file/merge-over-bundle.js";
import { readUserFiles, withUserFiles, type UserFile } from "../../src/core/user-file/read-user-files.js";
import { decodeStore, encodeStore, USER_FILE_NAMESPACE } from "../../src/core/user-file/store.js";
import { ADDED, DECEMBER, decemberDataset, decemberText, HOVEDGRUPPE, TILTAK } from "../helpers/december.js";
import { bigPublication } from "../helpers/big-publication.js";
import { CODES, fileName, writeWorkbook } from "../fixtures/tilt/generate.js";
import { novemberRaw } from "../helpers/november-raw.js";
import { publicationText } from "../helpers/publication.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "user-file");
const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (name: string, text: string): UserFile => ({ name, bytes: utf8(text) });
const fixture = (name: string): UserFile => ({ name, bytes: readFileSync(join(FIXTURES, name)) });
const november = BUNDLED_DATASET.periods.at(-1)!;
const arbeidstrening = BUNDLED_DATASET.tiltak.find((t) => t.name === TILTAK)!;

describe("reading the user's files", () => {
  it("the committed fixtures are what the helper writes", () => {
    expect(readFileSync(join(FIXTURES, "nav-tiltak-2016-12.txt"), "utf8")).toBe(decemberText());
    expect(readFileSync(join(FIXTURES, "nav-tiltak-2016-12-feil.txt"), "utf8")).toBe(decemberText(false));
  });

  it("accepts a month the bundle lacks; it joins the bundled months and the functions answer from it", () => {
    const r = withUserFiles(BUNDLED_DATASET, [fixture("nav-tiltak-2016-12.txt")]);
    expect(r.accepted).toBe(true);
    if (!r.accepted) return;
    expect(r.dataset.periods.map((p) => p.period)).toEqual([november.period, DECEMBER]);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const fns = new NavFunctions(r.dataset);
    const nov = november.tiltak[arbeidstrening.id]![HOVEDGRUPPE] as number;
    expect(fns.tiltak(TILTAK, "Arbeidssøkere", DECEMBER).value).toBe(nov + ADDED);
    expect(fns.tiltak(TILTAK, "Arbeidssøkere", november.period).value).toBe(nov);
    // The newest month is now the user's: the default period follows it.
    expect(fns.tiltak(TILTAK, "Arbeidssøkere").value).toBe(nov + ADDED);
  });

  it("rejects a file whose sums do not agree, naming file and line, and returns no dataset", () => {
    const r = withUserFiles(BUNDLED_DATASET, [fixture("nav-tiltak-2016-12-feil.txt")]);
    expect(r.accepted).toBe(false);
    expect("dataset" in r).toBe(false);
    const errors = r.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.file).toBe("nav-tiltak-2016-12-feil.txt");
      expect(e.line).toBeGreaterThan(0);
    }
    expect(errors[0]!.code).toBe("sum-mismatch");
  });

  it("one broken file among good ones rejects the whole choice", () => {
    const r = readUserFiles([fixture("nav-tiltak-2016-12.txt"), file("november.txt", publicationText().replace("83 484", "83 485"))]);
    expect(r.accepted).toBe(false);
    expect(r.findings.some((f) => f.severity === "error" && f.file === "november.txt")).toBe(true);
  });

  it("refuses raw counts with the reason and the `nav-tiltak prikk` advice, as the CLI does", () => {
    const { raw } = novemberRaw();
    const r = readUserFiles([file("uttrekk.txt", writePublication(raw, "2016-11"))]);
    expect(r.accepted).toBe(false);
    const refusal = r.findings.find((f) => f.code === "raw-counts")!;
    expect(refusal.file).toBe("uttrekk.txt");
    expect(refusal.message).toContain("nav-tiltak prikk");
    expect(refusal.message).toContain("1 til 3");
  });

  it("refuses a file over the CLI's size limit before decoding it", () => {
    const big = { name: "stor.txt", bytes: new Uint8Array(MAX_FILE_BYTES + 1) };
    const r = readUserFiles([big]);
    expect(r.accepted).toBe(false);
    // Zero bytes would be «not text» if they were decoded: only the size finding is there.
    expect(r.findings.map((f) => [f.code, f.file])).toEqual([["too-large", "stor.txt"]]);
    expect(r.findings[0]!.message).toMatch(/for stor/);
  });

  it("reads NAV's time-series workbooks (.xlsx) with the CLI's reader: every month joins the bundled ones", async () => {
    const files = await Promise.all(
      CODES.map(async (code) => {
        const spec = { code, year: 2025, last: 3, style: "compact" as const, totalWithTilrettelegging: true };
        return { name: fileName(spec), bytes: await writeWorkbook(spec) };
      }),
    );
    const r = withUserFiles(BUNDLED_DATASET, files);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.accepted && r.dataset.periods.map((p) => p.period)).toEqual(["2016-11", "2025-01", "2025-02", "2025-03"]);
    // Their tables too (the NAV-shaped sheets, NAV.SERIE and the series audit read them).
    expect(r.accepted && r.dataset.series?.map((t) => [t.code, t.year, t.periods.length])).toEqual(CODES.map((c) => [c, 2025, 3]));
  });

  it("a broken workbook is refused with findings that name file and cell, and nothing is accepted", () => {
    const xlsx = { name: "202410_TILT100_Tidsserie_maaned.xlsx", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) };
    const r = readUserFiles([xlsx]);
    expect(r.accepted).toBe(false);
    expect(r.findings[0]).toMatchObject({ severity: "error", file: xlsx.name });
  });

  it("a large consistent file (the benchmark's kind, here 200 kB) is accepted, its new names noted", () => {
    const bytes = bigPublication(200 * 1024);
    const r = readUserFiles([{ name: "stor.txt", bytes }], { reference: BUNDLED_DATASET });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.accepted && r.dataset.tiltak.length).toBeGreaterThan(1000);
    expect(r.findings.some((f) => f.code === "new-label" && f.message.includes("Ligner på"))).toBe(true);
  });

  it("nothing picked is an error, not an empty dataset", () => {
    expect(readUserFiles([])).toMatchObject({ accepted: false, findings: [{ code: "empty-file" }] });
  });
});

describe("the user's months over the bundled ones", () => {
  it("the file wins where both have a month, with a note naming the file and the month", () => {
    const changed = decemberDataset();
    const asNovember = { ...changed, periods: [{ ...changed.periods[0]!, period: november.period, label: november.label }] };
    const text = writePublication(asNovember, november.period);
    const r = withUserFiles(BUNDLED_DATASET, [file("min-november.txt", text)]);
    expect(r.accepted).toBe(true);
    if (!r.accepted) return;
    expect(r.dataset.periods.map((p) => p.period)).toEqual([november.period]);
    expect(r.dataset.periods[0]!.tiltak[arbeidstrening.id]![ALL]).toBe((november.tiltak[arbeidstrening.id]![ALL] as number) + ADDED);
    const note = r.findings.find((f) => f.code === "replaces-bundled")!;
    expect(note).toMatchObject({ severity: "warning", file: "min-november.txt" });
    expect(note.message).toContain("November 2016");
  });

  it("no note when the months differ; the bundle's older month keeps its own figures", () => {
    const { dataset, findings } = mergeDatasets(BUNDLED_DATASET, decemberDataset());
    expect(findings).toEqual([]);
    expect(dataset.periods[0]).toEqual(november);
  });
});

describe("the files kept in the workbook's XML part", () => {
  it("round-trips names and bytes exactly, in the add-in's namespace", () => {
    const files = [
      { name: "des & «jul» <1>.txt", added: "2026-12-08T01:00:00.000Z", bytes: readFileSync(join(FIXTURES, "nav-tiltak-2016-12.txt")) },
      { name: "b.xlsx", added: "2026-12-08T01:00:01.000Z", bytes: new Uint8Array([0, 255, 1, 254, 80, 75]) },
    ];
    const xml = encodeStore(files);
    expect(xml).toContain(`xmlns="${USER_FILE_NAMESPACE}"`);
    const back = decodeStore(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
    expect("files" in back && back.files.map((f) => ({ ...f, bytes: [...f.bytes] }))).toEqual(
      files.map((f) => ({ ...f, bytes: [...f.bytes] })),
    );
  });

  it("reports a damaged part, or one written by a newer add-in, instead of guessing", () => {
    const xml = encodeStore([{ name: "a.txt", added: "", bytes: utf8("abc") }]);
    expect(decodeStore(xml.replace('byte="3"', 'byte="4"'))).toHaveProperty("problem");
    expect(decodeStore(xml.replace("</fil>", "</fil><script/>"))).toHaveProperty("problem");
    expect(decodeStore("<annet/>")).toHaveProperty("problem");
    expect(decodeStore(xml.replace('versjon="1"', 'versjon="2"'))).toMatchObject({ problem: expect.stringContaining("nyere") });
  });
});
