// «Bruk egen fil» against the simulator, through Microsoft's client library: the accepted file is
// kept in the add-in's own custom XML part, read back by a reopened workbook (a new simulator
// session on the saved state), used by the custom functions, and removed by «Fjern egen fil»; a
// rejected file, a host without ExcelApi 1.5 and a failed write change nothing the user owns.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { encodeStore, USER_FILE_NAMESPACE } from "../../src/core/user-file/store.js";
import { NO_CUSTOM_XML, WorkbookStorageError } from "../../src/excel/user-file-store.js";
import type { ExcelHost } from "../../src/excel/operation-types.js";
import type { FakeExcel } from "@nav-tiltak/excel-simulator";
import { activeDataset, useDataset } from "../../src/functions/dataset-source.js";
import { tiltak } from "../../src/functions/custom-functions.js";
import { removeUserFiles, restoreUserFiles, useUserFiles, type UserFileOutcome } from "../../src/taskpane/user-file-session.js";
import { fakeHost } from "../helpers/excel-fake.js";
import { ADDED, DECEMBER, HOVEDGRUPPE, TILTAK } from "../helpers/december.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "user-file");
const pick = (name: string) => [{ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) }];
const GOOD = "nav-tiltak-2016-12.txt";
const BROKEN = "nav-tiltak-2016-12-feil.txt";
const nothing: Pick<UserFileOutcome, "dataset" | "kept" | "months"> = { dataset: BUNDLED_DATASET, kept: [], months: [] };
const novemberCount = BUNDLED_DATASET.periods.at(-1)!.tiltak[BUNDLED_DATASET.tiltak.find((t) => t.name === TILTAK)!.id]![
  HOVEDGRUPPE
] as number;
const USER_PART = `<notater xmlns="urn:brukerens:egne">Mine notater</notater>`;

/** What the workbook holds apart from the add-in's part: the user's cells and other custom XML parts. */
function userContent(fake: FakeExcel): unknown {
  const parts = fake.state.customXmlParts.live().filter((p) => p.namespaceUri !== USER_FILE_NAMESPACE);
  return { cells: fake.state.sheetText("Ark1"), parts: parts.map((p) => [p.id, p.xml]) };
}

async function workbookWithUserContent(apiVersion?: string): Promise<{ fake: FakeExcel; host: ExcelHost }> {
  const { fake, host } = fakeHost({ apiVersion, sheets: [{ name: "Ark1", cells: { A1: [["Mitt budsjett", 42]] } }] });
  if (fake.isSetSupported("ExcelApi", "1.5")) {
    await fake.run(async (ctx) => {
      ctx.workbook.customXmlParts.add(USER_PART);
      await ctx.sync();
    });
  }
  return { fake, host };
}

const ownParts = (fake: FakeExcel) => fake.state.customXmlParts.live(USER_FILE_NAMESPACE);
/** =NAV.TILTAK("Arbeidstrening"; "Arbeidssøkere"; "2016-12") as the functions adapter answers it. */
const december = () => {
  try {
    return tiltak(TILTAK, "Arbeidssøkere", DECEMBER);
  } catch (e) {
    return (e as Error).message.split(" ")[0];
  }
};

afterEach(() => useDataset(undefined));

describe("the user's own file in the workbook", () => {
  it("is kept in one part of the add-in's namespace, and the functions answer from it", async () => {
    const { fake, host } = await workbookWithUserContent();
    const before = userContent(fake);
    expect(await restoreUserFiles(host, BUNDLED_DATASET)).toBeNull();
    expect(december()).toBe("#N/A");
    const r = await useUserFiles(host, BUNDLED_DATASET, nothing, pick(GOOD));
    expect(r).toMatchObject({ ok: true, months: ["Desember 2016"], kept: [{ name: GOOD }] });
    expect(ownParts(fake)).toHaveLength(1);
    expect(activeDataset().periods.map((p) => p.period)).toEqual(["2016-11", DECEMBER]);
    expect(december()).toBe(novemberCount + ADDED);
    expect(userContent(fake)).toEqual(before);
  });

  it("a reopened workbook (new session on the saved state, fresh runtime) reads it back", async () => {
    const { fake, host } = await workbookWithUserContent();
    await useUserFiles(host, BUNDLED_DATASET, nothing, pick(GOOD));
    const reopened = fake.fork();
    useDataset(undefined); // a new runtime starts from the bundled months
    expect(december()).toBe("#N/A");
    const r = await restoreUserFiles(
      { run: (b) => reopened.runAsExcel(b), isSetSupported: (v) => reopened.isSetSupported("ExcelApi", v) },
      BUNDLED_DATASET,
    );
    expect(r).toMatchObject({ ok: true, months: ["Desember 2016"] });
    expect(december()).toBe(novemberCount + ADDED);
  });

  it("a new choice replaces the kept one in the same part", async () => {
    const { fake, host } = await workbookWithUserContent();
    await useUserFiles(host, BUNDLED_DATASET, nothing, pick(GOOD));
    const id = ownParts(fake)[0]!.id;
    await useUserFiles(host, BUNDLED_DATASET, nothing, [{ name: "igjen.txt", bytes: pick(GOOD)[0]!.bytes }]);
    expect(ownParts(fake).map((p) => p.id)).toEqual([id]);
    expect(ownParts(fake)[0]!.xml).toContain('navn="igjen.txt"');
  });

  it("a rejected file changes nothing: no part, same dataset, findings with file and line", async () => {
    const { fake, host } = await workbookWithUserContent();
    const kept = await useUserFiles(host, BUNDLED_DATASET, nothing, pick(GOOD));
    const xml = ownParts(fake)[0]!.xml;
    const r = await useUserFiles(host, BUNDLED_DATASET, kept, pick(BROKEN));
    expect(r.ok).toBe(false);
    expect(r.summary).toContain("Ingenting er endret");
    expect(r.findings.find((f) => f.severity === "error")).toMatchObject({ file: BROKEN, line: expect.any(Number) });
    expect(r.dataset).toBe(kept.dataset);
    expect(ownParts(fake).map((p) => p.xml)).toEqual([xml]);
    expect(december()).toBe(novemberCount + ADDED);
  });

  it("a kept file that no longer passes the audit (edited outside Excel) is not used", async () => {
    const { fake, host } = await workbookWithUserContent();
    const broken = readFileSync(join(FIXTURES, BROKEN));
    await fake.run(async (ctx) => {
      ctx.workbook.customXmlParts.add(encodeStore([{ name: GOOD, added: "2026-01-01T00:00:00Z", bytes: broken }]));
      await ctx.sync();
    });
    const r = await restoreUserFiles(host, BUNDLED_DATASET);
    expect(r).toMatchObject({ ok: false, dataset: BUNDLED_DATASET, kept: [{ name: GOOD }] });
    expect(r!.findings.some((f) => f.severity === "error" && f.file === GOOD)).toBe(true);
    expect(december()).toBe("#N/A");
  });

  it("«Fjern egen fil» removes only the add-in's part; the functions go back to the bundled months", async () => {
    const { fake, host } = await workbookWithUserContent();
    const before = userContent(fake);
    await useUserFiles(host, BUNDLED_DATASET, nothing, pick(GOOD));
    const r = await removeUserFiles(host, BUNDLED_DATASET);
    expect(r).toMatchObject({ ok: true, kept: [], dataset: BUNDLED_DATASET });
    expect(ownParts(fake)).toEqual([]);
    expect(userContent(fake)).toEqual(before);
    expect(december()).toBe("#N/A");
  });

  it("a host without ExcelApi 1.5 says so in Norwegian and uses nothing", async () => {
    const { fake, host } = await workbookWithUserContent("1.4");
    const e = await useUserFiles(host, BUNDLED_DATASET, nothing, pick(GOOD)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookStorageError);
    expect((e as Error).message).toBe(NO_CUSTOM_XML);
    expect(fake.stats.syncs).toBe(0);
    expect(december()).toBe("#N/A");
  });

  it("a write that fails leaves the kept file and the dataset as they were", async () => {
    const { fake, host } = await workbookWithUserContent();
    const kept = await useUserFiles(host, BUNDLED_DATASET, nothing, pick(GOOD));
    const xml = ownParts(fake)[0]!.xml;
    fake.failOn({ when: (op) => op.object === "CustomXmlPart" && op.member === "setXml", code: "GeneralException" });
    const e = await useUserFiles(host, BUNDLED_DATASET, kept, [{ name: "ny.txt", bytes: pick(GOOD)[0]!.bytes }]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(ownParts(fake).map((p) => p.xml)).toEqual([xml]);
    expect(activeDataset()).toBe(kept.dataset);
  });
});
