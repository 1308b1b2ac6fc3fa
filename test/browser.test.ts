// The real task pane in headless Chromium: the production build's preview page (the pane beside
// the fake workbook), served from 127.0.0.1 by a tiny static server. Inserts all tables with the
// keyboard, checks the rendered sheets, refreshes, and asserts nothing left 127.0.0.1.
// Saves test-artifacts/taskpane.png.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "./helpers/build.js";
import { serveStatic } from "./helpers/browser.js";
import { CHROMIUM_ARGS, chromiumExecutable } from "./helpers/chromium.js";

const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");

let server: Server;
let context: BrowserContext;
let profile: string;
let page: Page;
let base: string;
const requests: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  const [executablePath, dist] = await Promise.all([chromiumExecutable(), buildOnce()]);
  server = await serveStatic(dist);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), "nav-tiltak-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 860 },
    locale: "nb-NO",
    args: CHROMIUM_ARGS,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Rows of the rendered grid for a sheet: cell texts without the row-number column. */
async function gridRows(sheet: string): Promise<string[][]> {
  await page.locator(`#tabs button[data-sheet="${sheet}"]`).click();
  const table = page.locator(`table.grid[data-sheet="${sheet}"]`);
  await table.waitFor();
  return table
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

async function statusText(): Promise<string> {
  return (await page.locator("#status-text").textContent()) ?? "";
}

describe("task pane in Chromium (preview page)", () => {
  it("loads the pane beside an empty fake workbook", async () => {
    await page.goto(`${base}/preview.html`);
    await page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
    await expect.poll(statusText).toBe("Klar.");
    expect(await page.locator("#tabs button").allTextContents()).toEqual(["Ark1"]);
    // Fluent components are defined and rendered (shadow DOM), not left as unknown elements.
    expect(await page.evaluate(() => customElements.get("fluent-button") !== undefined)).toBe(true);
  }, 60_000);

  /** Presses Tab until the element with this id has focus; returns the ids passed on the way. */
  async function tabTo(id: string): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.id ?? "");
      seen.push(focused);
      if (focused === id) return seen;
    }
    throw new Error(`Tab never reached #${id}: ${seen.join(", ")}`);
  }

  it("picks one table and inserts it with the keyboard alone", async () => {
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    // The view tabs come first: one tab stop for the tablist (roving tabindex), then the view.
    expect(await tabTo("tabell")).toEqual(["tab-tabeller", "tabell"]);
    await page.keyboard.press("ArrowDown"); // Hovedgrupper → Tiltaksgrupper
    expect(await page.locator("#tabell").evaluate((el) => (el as HTMLElement & { value: string }).value)).toBe("tiltaksgrupper");
    expect(await tabTo("sett-inn-tabell")).toEqual(["sett-inn-tabell"]);
    await page.keyboard.press("Enter");
    await expect.poll(statusText, { timeout: 20_000 }).toBe("1 ark satt inn.");
    expect(await page.locator("#tabs button").allTextContents()).toEqual(["Ark1", "Tiltaksgrupper"]);
  }, 60_000);

  it("inserts all tables from the keyboard: Tab to the button, Enter", async () => {
    await page.locator("#tabell").focus();
    expect(await tabTo("sett-inn-alle")).toEqual(["sett-inn-tabell", "sett-inn-alle"]);
    await page.keyboard.press("Enter");
    await expect.poll(statusText, { timeout: 20_000 }).toBe("8 ark satt inn, 1 ark oppdatert.");
    expect(await page.locator("#tabs button").allTextContents()).toEqual([
      "Ark1",
      "Tiltaksgrupper",
      "Om tabellene",
      "Hovedgrupper",
      "Tiltaksgrupper per hovedgruppe",
      "Tiltaksgrupper x hovedgrupper",
      "Tiltak og hovedgrupper",
      "Pivotdata tiltak",
      "Pivotdata endring",
      "Pivottabell",
    ]);
  }, 60_000);

  it("renders the published figures: «83 484», and «*» where NAV suppressed", async () => {
    const rows = await gridRows("Tiltak og hovedgrupper");
    const row = (label: string) => rows.find((r) => r[0] === label);
    expect(row("I alt")?.slice(0, 5)).toEqual(["I alt", "83 484", "2 951", "20 331", "60 202"]);
    expect(row("Avklaring i skjermet virksomhet")?.slice(1, 5)).toEqual(["592", "*", "*", "590"]);
    expect(row("I alt avklaringstiltak")?.slice(1, 5)).toEqual(["3 303", "337", "451", "2 515"]);
    // Total rows are bold in the grid, as in the publication.
    const weight = await page
      .locator('table.grid[data-sheet="Tiltak og hovedgrupper"] tbody tr', { hasText: "I alt avklaringstiltak" })
      .locator("td")
      .first()
      .evaluate((td) => getComputedStyle(td).fontWeight);
    expect(Number(weight)).toBeGreaterThanOrEqual(600);

    const pivot = await gridRows("Pivotdata tiltak");
    const header = pivot.findIndex((r) => r[0] === "Periode");
    expect(pivot[header]?.slice(0, 6)).toEqual(["Periode", "Hovedgruppe", "Tiltaksgruppe", "Tiltak", "Antall", "Prikket"]);
    const hidden = pivot.find((r) => r[3] === "Avklaring i skjermet virksomhet" && r[1] === "Arbeidssøkere på tiltak");
    expect(hidden?.slice(4, 6)).toEqual(["", "Ja"]);
  }, 60_000);

  it("refreshes with the mouse and shows the result", async () => {
    await page.locator("#oppdater").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("9 ark oppdatert.");
    expect(await page.locator("#tabs button").count()).toBe(10);
  }, 60_000);

  it("made no request beyond 127.0.0.1, threw no errors, and looks right", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await gridRows("Hovedgrupper");
    await page.screenshot({ path: join(ARTIFACTS, "taskpane.png") });
    expect(existsSync(join(ARTIFACTS, "taskpane.png"))).toBe(true);
    expect(requests.length).toBeGreaterThan(0);
    const outside = requests.filter((u) => !u.startsWith(`${base}/`) && !/^(data|blob):/.test(u));
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
  it("Prikkekontroll: lists the revealed cells, marks them on the inserted sheet and clears them", async () => {
    // A fresh page: an empty fake workbook, so the test stands alone.
    await page.goto(`${base}/preview.html`);
    await page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
    const fresh = requests.length;
    const chunkLoaded = () => requests.slice(fresh).some((u) => /\/prikkekontroll(\.[0-9a-f]+)?\.js$/.test(u));
    // The solver is not loaded until the view is shown.
    expect(chunkLoaded()).toBe(false);

    // With the keyboard: focus the view tabs, arrow to Prikkekontroll.
    await page.locator("#tab-tabeller").focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("#tab-prikkekontroll").getAttribute("aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-prikkekontroll");
    const panel = page.locator("#panel-prikkekontroll");
    await expect
      .poll(() => panel.locator("#prikk-oppsummering").textContent(), { timeout: 20_000 })
      .toBe("16 av 16 prikkede celler kan regnes ut eksakt.");
    expect(chunkLoaded()).toBe(true);
    expect(await panel.locator("section[data-sheet] h2").allTextContents()).toEqual([
      "Tiltaksgrupper per hovedgruppe",
      "Tiltak og hovedgrupper",
    ]);
    // «Forslag til sikker prikking»: the extra cells per sheet, the count against the bound, the caution.
    const forslag = panel.locator("#forslag");
    expect(await forslag.getByRole("heading", { level: 2 }).textContent()).toBe("Forslag til sikker prikking");
    expect(await forslag.locator("#forslag-oppsummering").textContent()).toBe(
      "NAV måtte ha skjult 27 tall til (30 celler i arkene). Ingen trygg prikking klarer seg med færre enn 25 tall (nedre grense).",
    );
    expect(await forslag.locator("h3").allTextContents()).toEqual([
      "Tiltaksgrupper per hovedgruppe (6 celler)",
      "Tiltak og hovedgrupper (24 celler)",
    ]);
    const extra = forslag.getByRole("table", { name: "Tiltak og hovedgrupper (24 celler)" });
    const mentor = extra.locator("tbody tr").filter({ hasText: "Mentor" }).filter({ hasText: "Andre på tiltak (" });
    expect(await mentor.locator("td").textContent()).toBe(": (skjules)");
    expect(await forslag.textContent()).toContain("er bare til intern kontroll");
    const amo = panel
      .locator('section[data-sheet="Tiltak og hovedgrupper"] tbody tr')
      .filter({ hasText: "Nettbasert arbeidsmarkedsopplæring (AMO)" })
      .filter({ hasText: "I alt (" });
    expect(await amo.locator("td").textContent()).toBe("= 2");
    const change = panel.locator('section[data-sheet="Tiltaksgrupper per hovedgruppe"] tbody tr').first();
    expect(await change.locator("th").textContent()).toContain("Andre på tiltak: Jobbskaping og egenetablering");
    expect(await change.locator("td").innerText()).toBe("= -1\ni fjor: 1");

    // Nothing inserted yet: the pane says so instead of failing.
    await page.locator("#marker-celler").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Ingen celler ble markert. Se merknadene under.");
    expect(await page.locator(".status").getAttribute("data-state")).toBe("warning");
    expect(await page.locator(".status-messages").textContent()).toContain("er ikke satt inn i denne arbeidsboken");

    // Insert all tables, then mark from the keyboard.
    await page.locator("#tab-tabeller").click();
    await page.locator("#sett-inn-alle").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("9 ark satt inn.");
    await page.locator("#tab-prikkekontroll").click();
    await page.locator("#marker-celler").focus();
    await page.keyboard.press("Enter");
    await expect.poll(statusText, { timeout: 20_000 }).toBe("16 celler markert på 2 ark.");

    // The sheet with most of the cells is shown, and the grid draws the fill on exactly those.
    const grid = page.locator('table.grid[data-sheet="Tiltak og hovedgrupper"]');
    await grid.waitFor();
    const fills = () =>
      grid
        .locator("tbody tr")
        .evaluateAll((rows) =>
          rows.flatMap((tr, r) =>
            [...tr.querySelectorAll("td")].flatMap((td, c) =>
              getComputedStyle(td).backgroundColor === "rgb(255, 199, 206)" ? [`${r}:${c}`] : [],
            ),
          ),
        );
    const row = grid.locator("tbody tr").filter({ hasText: "Nettbasert arbeidsmarkedsopplæring (AMO)" });
    const background = (c: number) =>
      row
        .locator("td")
        .nth(c)
        .evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(await row.locator("td").nth(1).textContent()).toBe("*");
    expect(await background(1)).toBe("rgb(255, 199, 206)"); // I alt: = 2
    expect(await background(2)).not.toBe("rgb(255, 199, 206)"); // Andre: empty, not suppressed
    expect(await fills()).toHaveLength(14);

    mkdirSync(ARTIFACTS, { recursive: true });
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "prikkekontroll.png") });

    // «Fjern markering» gives the cells their own fill back.
    await page.locator("#fjern-markering").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Markeringen er fjernet fra 16 celler på 2 ark.");
    await expect.poll(fills).toEqual([]);

    const outside = requests.filter((u) => !u.startsWith(`${base}/`) && !/^(data|blob):/.test(u));
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it("reports an Excel error in the middle of an operation, and the user's sheet keeps its cells", async () => {
    await page.goto(`${base}/preview.html?feil=40`);
    await page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
    // The user's own sheet, with content, before the add-in runs.
    await page.evaluate(() => {
      const preview = (
        globalThis as unknown as { navTiltakPreview: { fake: { state: { setValues(s: string, a: string, v: unknown[][]): void } } } }
      ).navTiltakPreview;
      preview.fake.state.setValues("Ark1", "A1:B2", [
        ["Post", "Beløp"],
        ["Lønn", 1200],
      ]);
    });
    await page.locator("#sett-inn-alle").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Noe gikk galt i Excel. Se feilmeldingen under.");
    expect(await page.locator(".status").getAttribute("data-state")).toBe("error");
    const alert = page.getByRole("alert");
    expect(await alert.textContent()).toContain("Excel stoppet operasjonen: GeneralException");
    expect(await alert.textContent()).toContain("Ark du har laget selv, er ikke endret.");
    const user = await gridRows("Ark1");
    expect(user.slice(0, 2).map((r) => r.slice(0, 2))).toEqual([
      ["Post", "Beløp"],
      ["Lønn", "1200"],
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "taskpane-error.png") });
  }, 60_000);
});

describe("charts in Chromium (preview page)", () => {
  it("«Diagrammer»: inserts both chart sheets; the preview draws each chart as SVG; screenshots in test-artifacts/", async () => {
    await page.goto(`${base}/preview.html`);
    await page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
    await page.locator("#tab-diagrammer").click();
    const panel = page.locator("#panel-diagrammer");
    expect(await panel.locator("li[data-chart]").count()).toBe(2);
    // The chart data arrives with the view's chunk, loaded when the view is first shown.
    await expect
      .poll(() => panel.locator('li[data-chart="diagram-hovedgrupper"]').textContent(), { timeout: 20_000 })
      .toContain("Ingen verdier er utelatt.");
    await page.locator("#sett-inn-diagrammer").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("2 ark satt inn.");
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [sheet, file, series, bars] of [
      ["Diagram hovedgrupper", "diagram-hovedgrupper.png", ["Andre", "Arbeidssøkere", "Nedsatt arbeidsevne"], 24],
      ["Diagram endring", "diagram-endring.png", ["Endring fra i fjor"], 10],
    ] as const) {
      await page.locator(`#tabs button[data-sheet="${sheet}"]`).click();
      const svg = page.locator("svg.chart");
      await svg.waitFor();
      expect(await svg.count(), sheet).toBe(1);
      expect(await svg.getAttribute("aria-label")).toMatch(
        /^Diagram: (Deltakere per tiltaksgruppe og hovedgruppe|Endring i antall deltakere)/,
      );
      // One bar per drawn value: the cross table has 6 empty cells among its 30 (gaps, not zeros).
      expect(await svg.locator("rect[fill]:not([fill='#fff'])").evaluateAll((r) => r.filter((x) => x.querySelector("title")).length)).toBe(
        bars,
      );
      const texts = await svg.locator("text").allTextContents();
      for (const name of series) expect(texts, sheet).toContain(name);
      expect(texts).toContain("Tiltaksgruppe");
      // The chart itself (scrolled into view), as the preview draws it beside its data.
      await svg.screenshot({ path: join(ARTIFACTS, file) });
      expect(existsSync(join(ARTIFACTS, file))).toBe(true);
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
