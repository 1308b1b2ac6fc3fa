// The period picker in headless Chromium on the preview page. The bundle has one month, so the
// picker is absent; a second month comes in the way a user brings one, through «Bruk egen fil»
// (December 2016, test/fixtures/user-file). Then the header lists both, newest first; picking
// November with the keyboard announces it once, redraws the views, and the operations and the
// Prikkekontroll use November. axe-core finds no WCAG 2.1 AA violation with the picker shown.

import AxeBuilder from "@axe-core/playwright";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { fixtureSet } from "../fixtures/tilt/generate.js";
import { openPreview, type PreviewSession } from "../helpers/browser.js";
import { tiltFolder } from "../helpers/tilt.js";

const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts");
const GOOD = join(import.meta.dirname, "..", "fixtures", "user-file", "nav-tiltak-2016-12.txt");
const november = BUNDLED_DATASET.periods.at(-1)!;

let session: PreviewSession;
let page: Page;

beforeAll(async () => {
  session = await openPreview();
  page = session.page;
}, 180_000);

afterAll(async () => {
  await session?.close();
});

type Preview = { fake: { state: { sheetText(name: string): string[][]; sheetNames(): string[] } } };
const sheet = (name: string) =>
  page.evaluate((n) => (globalThis as unknown as { navTiltakPreview: Preview }).navTiltakPreview.fake.state.sheetText(n), name);
const text = async (selector: string) => (await page.locator(selector).textContent()) ?? "";

async function axe(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include("#pane").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
}

describe("the period picker", () => {
  it("is absent while the dataset has one period", async () => {
    await page.goto(`${session.base}/preview.html`);
    await page.getByRole("heading", { name: "Egen fil" }).waitFor();
    expect(await page.getByLabel("Periode").isVisible()).toBe(false);
    // No time series in the bundle: no «Tidsserier» section, no button.
    expect(await page.locator("#sett-inn-tidsserier").count()).toBe(0);
    expect(await page.locator("#tidsserier-heading").count()).toBe(0);
  }, 60_000);

  it("lists both months newest first once a second one is in use, labelled, and passes axe", async () => {
    await page.getByLabel("Bruk egen fil").setInputFiles(GOOD);
    await expect.poll(() => text("#egen-fil-status"), { timeout: 20_000 }).toContain("Desember 2016");
    const picker = page.getByLabel("Periode");
    await expect.poll(() => picker.isVisible()).toBe(true);
    expect(await picker.evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.text))).toEqual(["Desember 2016", november.label]);
    expect(await picker.inputValue()).toBe("2016-12");
    expect(await axe()).toEqual([]);
  }, 60_000);

  it("picking November with the keyboard is said once, redraws the views, and the tables are November's", async () => {
    await page.evaluate(() => {
      const w = globalThis as unknown as { said: string[] };
      w.said = [];
      const region = document.querySelector(".period [role=status]")!;
      new MutationObserver(() => {
        if (region.textContent) w.said.push(region.textContent);
      }).observe(region, { childList: true, characterData: true, subtree: true });
    });
    const picker = page.getByLabel("Periode");
    await picker.focus();
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => picker.inputValue()).toBe(november.period);
    expect(await page.evaluate(() => (globalThis as unknown as { said: string[] }).said)).toEqual([`Viser ${november.label}.`]);
    expect(await text(".subtitle")).toContain(november.label);
    // Focus stays on the picker: the views are redrawn below it, not the header.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("periode");

    await page.locator("#sett-inn-alle").click();
    await expect.poll(() => text("#status-text"), { timeout: 30_000 }).toMatch(/ark satt inn/);
    const hovedgrupper = (await sheet("Hovedgrupper")).flat();
    expect(hovedgrupper).toContain(november.label);
    expect(hovedgrupper).not.toContain("Desember 2016");
    expect(await axe()).toEqual([]);
  }, 90_000);

  it("Prikkekontroll audits the period picked: the suggestion made for November shows again", async () => {
    await page.locator("#tab-prikkekontroll").click();
    await expect.poll(() => text("#prikk-oppsummering"), { timeout: 60_000 }).not.toBe("Regner ut …");
    expect(await page.locator("#forslag").count()).toBe(1);
    await page.locator("#tab-tabeller").click();
    await page.getByLabel("Periode").selectOption("2016-12");
    await page.locator("#tab-prikkekontroll").click();
    await expect.poll(() => text("#prikk-oppsummering"), { timeout: 60_000 }).not.toBe("Regner ut …");
    // The bundled suggestion is November's; December's audit has none (renderSuggestion, by period).
    expect(await page.locator("#forslag").count()).toBe(0);
    expect(session.errors).toEqual([]);
  }, 120_000);

  it("with NAV's time series (2026's workbooks): months grouped by year, and Diagrammer adds the line chart over months", async () => {
    const { dir, files } = await tiltFolder(
      fixtureSet().filter((f) => f.year === 2026),
      false,
    );
    await page.getByLabel("Bruk egen fil").setInputFiles(files.map((f) => join(dir, f)));
    await expect.poll(() => text("#egen-fil-status"), { timeout: 30_000 }).toContain("Mars 2026");
    const picker = page.getByLabel("Periode");
    const groups = await picker.evaluate((s: HTMLSelectElement) =>
      [...s.querySelectorAll("optgroup")].map((g) => [g.label, [...g.querySelectorAll("option")].map((o) => o.value)]),
    );
    expect(groups).toEqual([
      ["2026", ["2026-03", "2026-02", "2026-01"]],
      ["2016", [november.period]],
    ]);
    await page.locator("#tab-diagrammer").click();
    const item = page.locator('li[data-chart="diagram-maaneder"]');
    await expect.poll(() => item.textContent(), { timeout: 20_000 }).toContain("måned for måned");
    await page.locator("#sett-inn-diagrammer").click();
    await expect.poll(() => text("#status-text"), { timeout: 30_000 }).toMatch(/ark satt inn/);
    expect(
      await page.evaluate(() => (globalThis as unknown as { navTiltakPreview: Preview }).navTiltakPreview.fake.state.sheetNames()),
    ).toContain("Diagram måneder");
    expect(await axe()).toEqual([]);
    expect(session.errors).toEqual([]);
  }, 120_000);

  it("Tabeller offers «Sett inn tidsserier» for the year shown: it inserts NAV's sheets and says so; a year without series says which have them", async () => {
    await page.locator("#tab-tabeller").click();
    const insertSeries = page.locator("#sett-inn-tidsserier");
    await expect.poll(() => insertSeries.isVisible()).toBe(true);
    expect(await text("#panel-tabeller")).toContain("TILT100–TILT180 for 2026");
    await insertSeries.click();
    const names = [100, 110, 120, 130, 140, 150, 160, 170, 180].map((c) => `«TILT${c} 2026»`);
    await expect
      .poll(() => text("#status-text"), { timeout: 30_000 })
      .toBe(`9 ark satt inn: ${names.slice(0, -1).join(", ")} og ${names.at(-1)}.`);
    const tilt130 = (await sheet("TILT130 2026")).flat();
    expect(tilt130).toContain("Gjennomsnitt hittil i år");
    expect(tilt130).toContain("Mars");
    // For a reviewer's eye: the pane with the section, and NAV's layout in the preview's grid.
    await page.screenshot({ path: join(ARTIFACTS, "tidsserier-satt-inn.png") });
    expect(await axe()).toEqual([]);

    await page.getByLabel("Periode").selectOption(november.period);
    await expect.poll(() => page.locator("#sett-inn-tidsserier").count()).toBe(0);
    expect(await text("#panel-tabeller")).toContain("Perioden som vises, har ingen tidsserier. Velg en måned fra 2026 under Periode.");
    expect(session.errors).toEqual([]);
  }, 120_000);
});
