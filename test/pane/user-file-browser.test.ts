// «Bruk egen fil» in headless Chromium on the preview page (the real pane beside the simulator):
// a real file input picks December 2016, a month the bundle lacks; the tables and =NAV.TILTAK show
// it; a reopened workbook (a new simulator session on the saved state, a fresh pane and functions
// runtime) still does, and «Oppdater» keeps it; a broken file shows its findings and changes
// nothing; «Fjern egen fil» goes back to the bundled months. axe-core finds no WCAG 2.1 AA
// violation in any of these states. Screenshots: test-artifacts/egen-fil-*.png.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { formatInteger } from "../../src/core/text.js";
import { USER_FILE_NAMESPACE } from "../../src/core/user-file/store.js";
import { openPreview, type PreviewSession } from "../helpers/browser.js";
import { ADDED, HOVEDGRUPPE, TILTAK } from "../helpers/december.js";

const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts");
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "user-file");
const GOOD = join(FIXTURES, "nav-tiltak-2016-12.txt");
const BROKEN = join(FIXTURES, "nav-tiltak-2016-12-feil.txt");
const november = BUNDLED_DATASET.periods.at(-1)!;
const decemberCount = (november.tiltak[BUNDLED_DATASET.tiltak.find((t) => t.name === TILTAK)!.id]![HOVEDGRUPPE] as number) + ADDED;

let session: PreviewSession;
let page: Page;

beforeAll(async () => {
  session = await openPreview();
  page = session.page;
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await session?.close();
});

type Preview = {
  fake: { state: { sheetText(name: string): string[][]; customXmlParts: { live(ns?: string): { xml: string }[] } } };
  reopen(): void;
  call(id: string, ...args: string[]): unknown;
};

/** =NAV.TILTAK("Arbeidstrening"; "Arbeidssøkere"; "2016-12") as the page's functions answer it. */
const december = () =>
  page.evaluate(
    ([t]) => (globalThis as unknown as { navTiltakPreview: Preview }).navTiltakPreview.call("TILTAK", t!, "Arbeidssøkere", "2016-12"),
    [TILTAK],
  );
const parts = () =>
  page.evaluate(
    (ns) => (globalThis as unknown as { navTiltakPreview: Preview }).navTiltakPreview.fake.state.customXmlParts.live(ns).map((p) => p.xml),
    USER_FILE_NAMESPACE,
  );
const sheet = (name: string) =>
  page.evaluate((n) => (globalThis as unknown as { navTiltakPreview: Preview }).navTiltakPreview.fake.state.sheetText(n), name);
const text = async (selector: string) => (await page.locator(selector).textContent()) ?? "";

async function axe(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include("#pane").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
}

/** Counts what the card's status region says (non-empty texts) and whether the progress bar showed. */
async function watchCard(): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { said: string[]; progressShown: boolean };
    w.said = [];
    w.progressShown = false;
    const status = document.getElementById("egen-fil-status")!;
    new MutationObserver(() => {
      if (status.textContent) w.said.push(status.textContent);
    }).observe(status, { childList: true, characterData: true, subtree: true });
    const progress = document.querySelector("[aria-label='Fremdrift for egen fil']")!;
    new MutationObserver(() => {
      if (!progress.hasAttribute("hidden")) w.progressShown = true;
    }).observe(progress, { attributes: true });
  });
}
const watched = () =>
  page.evaluate(() => {
    const w = globalThis as unknown as { said: string[]; progressShown: boolean };
    return { said: w.said, progressShown: w.progressShown };
  });

async function waitForCard(): Promise<void> {
  await page.getByRole("heading", { name: "Egen fil" }).waitFor();
}

describe("«Bruk egen fil» in the pane", () => {
  it("picks a month the bundle lacks with the file input; one announcement; the month is in use", async () => {
    await page.goto(`${session.base}/preview.html`);
    await waitForCard();
    expect(await text("#egen-fil-i-bruk")).toBe("Ingen egen fil i arbeidsboken.");
    expect(await december()).toMatch(/^#N\/A/);
    // Keyboard: the file input is the next stop after the last button of «Tabeller».
    await page.locator("#oppdater").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("egen-fil");
    await expect.poll(() => page.getByLabel("Bruk egen fil").count()).toBe(1);
    expect(await axe()).toEqual([]);

    await watchCard();
    await page.getByLabel("Bruk egen fil").setInputFiles(GOOD);
    await expect.poll(() => text("#egen-fil-status"), { timeout: 20_000 }).toContain("Desember 2016");
    const w = await watched();
    expect(w.said).toHaveLength(1);
    expect(w.progressShown).toBe(true);
    expect(await text("#egen-fil-i-bruk")).toContain("nav-tiltak-2016-12.txt");
    expect(await text(".subtitle")).toContain("Desember 2016");
    expect(await parts()).toHaveLength(1);
    expect(await december()).toBe(decemberCount);
    expect(await axe()).toEqual([]);
    await page.locator(".user-file").screenshot({ path: join(ARTIFACTS, "egen-fil-valgt.png") });
  }, 90_000);

  it("inserts the tables: the sheets show December 2016 with the file's figures", async () => {
    await page.locator("#sett-inn-alle").click();
    await expect.poll(() => text("#status-text"), { timeout: 30_000 }).toMatch(/ark satt inn/);
    expect((await sheet("Hovedgrupper")).flat()).toContain("Desember 2016");
    const row = (await sheet("Tiltak og hovedgrupper")).find((r) => r[0] === TILTAK)!;
    expect(row).toContain(formatInteger(decemberCount));
    await page.locator('#tabs button[data-sheet="Tiltak og hovedgrupper"]').click();
    await page.screenshot({ path: join(ARTIFACTS, "egen-fil-i-bruk.png") });
  }, 90_000);

  it("after a reopen (new session on the saved state) the month is still used, and «Oppdater» keeps it", async () => {
    await page.evaluate(() => (globalThis as unknown as { navTiltakPreview: Preview }).navTiltakPreview.reopen());
    await waitForCard();
    await expect.poll(() => text("#egen-fil-i-bruk"), { timeout: 20_000 }).toContain("nav-tiltak-2016-12.txt");
    expect(await text(".subtitle")).toContain("Desember 2016");
    expect(await december()).toBe(decemberCount);
    await page.locator("#oppdater").click();
    await expect.poll(() => text("#status-text"), { timeout: 30_000 }).toMatch(/oppdatert/);
    expect((await sheet("Hovedgrupper")).flat()).toContain("Desember 2016");
    await page.locator(".user-file").screenshot({ path: join(ARTIFACTS, "egen-fil-gjenapnet-rute.png") });
    await page.screenshot({ path: join(ARTIFACTS, "egen-fil-gjenapnet.png") });
  }, 90_000);

  it("a broken file shows its findings with file and line, and changes nothing", async () => {
    const before = { parts: await parts(), sheet: await sheet("Tiltak og hovedgrupper") };
    await watchCard();
    await page.getByLabel("Bruk egen fil").setInputFiles(BROKEN);
    await expect.poll(() => text("#egen-fil-status"), { timeout: 20_000 }).toContain("Ingenting er endret");
    expect((await watched()).said).toHaveLength(1);
    const findings = await page.locator("#egen-fil-funn li").allTextContents();
    expect(findings.some((f) => /^Feil \(nav-tiltak-2016-12-feil\.txt, linje \d+\): .*summerer/.test(f))).toBe(true);
    expect({ parts: await parts(), sheet: await sheet("Tiltak og hovedgrupper") }).toEqual(before);
    expect(await december()).toBe(decemberCount);
    expect(await text("#egen-fil-i-bruk")).toContain("nav-tiltak-2016-12.txt");
    expect(await axe()).toEqual([]);
    await page.locator(".user-file").screenshot({ path: join(ARTIFACTS, "egen-fil-avvist.png") });
  }, 90_000);

  it("«Fjern egen fil» removes the kept file; the bundled months are used again", async () => {
    await page.locator("#fjern-egen-fil").click();
    await expect.poll(() => text("#egen-fil-status"), { timeout: 20_000 }).toContain("fjernet");
    expect(await parts()).toEqual([]);
    expect(await december()).toMatch(/^#N\/A/);
    expect(await text(".subtitle")).toContain(november.label);
    expect(await text("#egen-fil-i-bruk")).toBe("Ingen egen fil i arbeidsboken.");
    expect(session.errors).toEqual([]);
  }, 60_000);
});
