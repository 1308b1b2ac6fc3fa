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
import { buildOnce } from "../helpers/build.js";
import { serveStatic } from "../helpers/browser.js";
import { CHROMIUM_ARGS, chromiumExecutable } from "../helpers/chromium.js";

const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts");

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
    await expect.poll(statusText, { timeout: 20_000 }).toBe("1 ark satt inn: «Tiltaksgrupper».");
    expect(await page.locator("#tabs button").allTextContents()).toEqual(["Ark1", "Tiltaksgrupper"]);
  }, 60_000);

  it("inserts all tables from the keyboard: Tab to the button, Enter; the summary names every sheet", async () => {
    await page.locator("#tabell").focus();
    expect(await tabTo("sett-inn-alle")).toEqual(["sett-inn-tabell", "sett-inn-alle"]);
    await page.keyboard.press("Enter");
    await expect
      .poll(statusText, { timeout: 20_000 })
      .toBe(
        "5 ark satt inn: «Om tabellene», «Hovedgrupper», «Tiltaksgrupper per hovedgruppe», «Tiltaksgrupper x hovedgrupper» og «Tiltak og hovedgrupper». 1 ark oppdatert: «Tiltaksgrupper».",
      );
    // The published tables only: the pivot sheets are «Pivotklare data»'s.
    expect(await page.locator("#tabs button").allTextContents()).toEqual([
      "Ark1",
      "Tiltaksgrupper",
      "Om tabellene",
      "Hovedgrupper",
      "Tiltaksgrupper per hovedgruppe",
      "Tiltaksgrupper x hovedgrupper",
      "Tiltak og hovedgrupper",
    ]);
    await page.locator("#pivotklare-data").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("3 ark satt inn: «Pivotdata tiltak», «Pivotdata endring» og «Pivottabell».");
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
    await expect
      .poll(statusText, { timeout: 20_000 })
      .toMatch(/^9 ark oppdatert: «Om tabellene», «Hovedgrupper», «Tiltaksgrupper», .* og «Pivottabell»\.$/);
    expect(await page.locator("#tabs button").count()).toBe(10);
  }, 60_000);

  it("Pivottabell as inserted: every heading and name whole, the notes wrapped", async () => {
    await gridRows("Pivottabell");
    const grid = page.locator('table.grid[data-sheet="Pivottabell"]');
    // Row 7 holds the report's headings (Tiltaksgruppe, Tiltak, one per hovedgruppe, Totalsum); the
    // rows below the names. A cell whose text is wider than its column is cut.
    const cut = await grid
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows
          .slice(6, 60)
          .flatMap((tr) =>
            [...tr.querySelectorAll("td")]
              .filter((td) => td.textContent && td.scrollWidth > td.clientWidth + 1)
              .map((td) => td.textContent),
          ),
      );
    expect(cut).toEqual([]);
    const headings = await grid.locator("tbody tr").nth(6).locator("td").allTextContents();
    expect(headings.slice(0, 6)).toEqual([
      "Tiltaksgruppe",
      "Tiltak",
      "Andre på tiltak",
      "Arbeidssøkere på tiltak",
      "Nedsatt arbeidsevne, på tiltak",
      "Totalsum",
    ]);
    // The note on NAV's total (83 484) wraps inside the sheet instead of running off to the right.
    const note = grid.locator("td", { hasText: "NAVs publiserte totalsum" });
    expect(await note.evaluate((td) => getComputedStyle(td).whiteSpace)).toBe("normal");
    expect(await note.evaluate((td) => td.scrollWidth <= td.clientWidth + 1)).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "pivottabell.png") });
    // Scrolled to the hovedgruppe columns: their headings whole beside the names.
    await page
      .locator("#grid")
      .evaluate(
        (box) => (box.scrollLeft = box.querySelector<HTMLElement>('table.grid[data-sheet="Pivottabell"] #celle-C7')!.offsetLeft - 40),
      );
    await page.screenshot({ path: join(ARTIFACTS, "pivottabell-kolonner.png") });
  }, 60_000);

  it("a clicked sheet tab is the workbook's active sheet, and «Oppdater» keeps it; a typed value is kept as «(endret)»", async () => {
    const active = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as { navTiltakPreview: { fake: { state: { activeSheetName(): string } } } }
        ).navTiltakPreview.fake.state.activeSheetName(),
      );
    // The add-in reads it through Office.js, as in Excel: getActiveWorksheet() sees the click.
    const viaApi = () =>
      page.evaluate(() =>
        Excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getActiveWorksheet().load("name");
          await context.sync();
          return sheet.name;
        }),
      );
    await page.locator('#tabs button[data-sheet="Hovedgrupper"]').click();
    expect(await active()).toBe("Hovedgrupper");
    expect(await viaApi()).toBe("Hovedgrupper");
    expect(await page.locator("#tabs [aria-selected=true]").textContent()).toBe("Hovedgrupper");

    // Type into the add-in's sheet: a number over «I alt» (B6), a text and a formula in the blank
    // row between the table and its note (both inside what the add-in wrote).
    const cell = (address: string) => page.locator(`table.grid[data-sheet="Hovedgrupper"] #celle-${address}`);
    expect(await cell("A6").textContent()).toBe("I alt");
    await cell("B6").click();
    await page.keyboard.type("12345");
    await page.keyboard.press("Enter");
    await cell("A10").dblclick();
    await page.keyboard.type("Min merknad");
    await page.keyboard.press("Enter");
    await cell("B10").click();
    await page.keyboard.type("=B6*2");
    await page.keyboard.press("Enter");
    expect(await cell("B6").textContent()).toBe("12 345");
    expect(await cell("A10").textContent()).toBe("Min merknad");
    // A formula is shown as the text it is: the preview, like the add-in, never evaluates one.
    expect(await cell("B10").textContent()).toBe("=B6*2");

    await page.locator("#oppdater").click();
    await expect.poll(() => page.locator(".status").getAttribute("data-state"), { timeout: 20_000 }).toBe("warning");
    // The same sheet is shown, and it is still the workbook's active sheet.
    expect(await active()).toBe("Hovedgrupper");
    expect(await page.locator("#tabs [aria-selected=true]").textContent()).toBe("Hovedgrupper");
    expect(await cell("B6").textContent()).toBe("83 484");
    expect(await cell("B10").textContent()).toBe("");
    // One announcement, when it ends, with where the changed sheet was kept.
    const announced = await page.locator(".status [role=status]").textContent();
    expect(announced).toMatch(/^9 ark oppdatert: .*Se merknadene under\./);
    expect(announced).toContain("din versjon er tatt vare på i arket «Hovedgrupper (endret)»");
    expect(await page.locator("#tabs button").allTextContents()).toContain("Hovedgrupper (endret)");
    await page.locator('#tabs button[data-sheet="Hovedgrupper (endret)"]').click();
    const kept = (address: string) => page.locator(`table.grid[data-sheet="Hovedgrupper (endret)"] #celle-${address}`);
    expect(await kept("B6").textContent()).toBe("12 345");
    expect(await kept("A10").textContent()).toBe("Min merknad");
    expect(await kept("B10").textContent()).toBe("=B6*2");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "preview-endret.png") });
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
      "NAV måtte ha skjult 27 tall til (30 celler i arkene). Det er det færreste mulige.",
    );
    // The two units, explained.
    expect(await forslag.locator("#forslag-enheter").textContent()).toContain("telles da som ett tall");
    // Long lists are collapsed under their summaries: the view stays short in a 320 px pane.
    expect(await forslag.locator("details summary").allTextContents()).toEqual([
      "Tiltaksgrupper per hovedgruppe (6 celler)",
      "Tiltak og hovedgrupper (24 celler)",
    ]);
    expect(await forslag.locator("details[open]").count()).toBe(0);
    expect(await panel.locator("details[open]").count()).toBe(0);
    // Opened with the keyboard, as any disclosure.
    await forslag.locator("details summary").nth(1).focus();
    await page.keyboard.press("Enter");
    expect(await forslag.locator("details").nth(1).getAttribute("open")).toBe("");
    await panel.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const extra = forslag.getByRole("table", { name: "Tiltak og hovedgrupper (24 celler)" });
    const mentor = extra.locator("tbody tr").filter({ hasText: "Mentor" }).filter({ hasText: "Andre på tiltak (" });
    expect(await mentor.locator("td").textContent()).toBe(": (skjules)");
    expect(await forslag.textContent()).toContain("er bare til intern kontroll");
    // The command line is a footnote, not the way in.
    expect(await forslag.locator(".forslag-note").textContent()).toContain("nav-tiltak prikk");
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
    await expect.poll(statusText, { timeout: 20_000 }).toMatch(/^6 ark satt inn: /);
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

    // «Forslag til sikker prikking» marked in the sheets too, in its own colour, and copied as a list.
    const yellow = () =>
      grid.locator("td").evaluateAll((tds) => tds.filter((td) => getComputedStyle(td).backgroundColor === "rgb(255, 235, 156)").length);
    await page.locator("#marker-forslag").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("30 celler fra forslaget markert på 2 ark.");
    expect(await yellow()).toBe(24);
    await page.screenshot({ path: join(ARTIFACTS, "prikkekontroll-forslag-markert.png") });
    await page.locator("#fjern-forslag").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Markeringen er fjernet fra 30 celler fra forslaget på 2 ark.");
    await expect.poll(yellow).toBe(0);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    await page.locator("#kopier-forslag").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Listen over 30 celler er kopiert. Lim den inn i et ark med Ctrl+V.");
    const copied = (await page.evaluate(() => navigator.clipboard.readText())).split("\n");
    expect(copied[0]).toBe("Ark\tCelle\tRad\tKolonne\tVis som");
    expect(copied).toHaveLength(31);
    expect(copied.some((l) => /^Tiltak og hovedgrupper\t[A-Z]+\d+\t.*Mentor\tAndre på tiltak\t:$/.test(l))).toBe(true);

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
    await expect.poll(statusText, { timeout: 20_000 }).toBe("2 ark satt inn: «Diagram hovedgrupper» og «Diagram endring».");
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
      // The bars in the table's order, top to bottom: the category labels from the top of the
      // chart down read as column A of the data does (the writer reverses the category axis).
      const tableOrder = (
        await page
          .locator(`table.grid[data-sheet="${sheet}"] tbody tr`)
          .evaluateAll((rows) => rows.slice(5).map((tr) => tr.querySelector("td")?.textContent ?? ""))
      ).filter((label, i, all) => label !== "" && all.slice(0, i).every((x) => x !== ""));
      const drawnOrder = await svg.locator('text[text-anchor="end"]').evaluateAll((labels) =>
        labels
          .map((t) => ({ y: Number(t.getAttribute("y")), text: t.textContent ?? "" }))
          .sort((a, b) => a.y - b.y)
          .map((t) => t.text),
      );
      expect(drawnOrder, sheet).toEqual(tableOrder);
      expect(drawnOrder[0]).toBe("Avklaringstiltak");
      // Sized to the window it is seen in: the whole chart fits beside the task pane at 1 280 px.
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(1280 - 320 - 40);
      // The chart itself (scrolled into view), as the preview draws it beside its data.
      await svg.screenshot({ path: join(ARTIFACTS, file) });
      expect(existsSync(join(ARTIFACTS, file))).toBe(true);
    }
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("the preview as a workbook (Chromium)", () => {
  const activeSheet = () =>
    page.evaluate(() =>
      (
        globalThis as unknown as { navTiltakPreview: { fake: { state: { activeSheetName(): string } } } }
      ).navTiltakPreview.fake.state.activeSheetName(),
    );

  it("sheet tabs and cells from the keyboard: arrows, Home and End activate sheets; arrows, typing, F2, Escape and Enter edit", async () => {
    await page.goto(`${base}/preview.html`);
    await page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
    await page.locator("#sett-inn-alle").click();
    await expect.poll(statusText, { timeout: 20_000 }).toMatch(/^6 ark satt inn: /);
    // The add-in showed the first sheet it made, a sheet the user asked for.
    expect(await activeSheet()).toBe("Om tabellene");
    await page.locator('#tabs [aria-selected="true"]').focus();
    await page.keyboard.press("End");
    expect(await activeSheet()).toBe("Tiltak og hovedgrupper");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sheet)).toBe("Tiltak og hovedgrupper");
    await page.keyboard.press("Home");
    expect(await activeSheet()).toBe("Ark1");
    await page.keyboard.press("ArrowRight");
    expect(await activeSheet()).toBe("Om tabellene");
    // One tab stop for the row of sheet tabs.
    expect(await page.locator('#tabs [tabindex="0"]').count()).toBe(1);

    // Into the user's own sheet, by keyboard only.
    await page.keyboard.press("Home");
    const grid = page.locator('table.grid[data-sheet="Ark1"]');
    await grid.focus();
    // A1 is the active cell to begin with, as in Excel: down to A2, right to B2.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.type("Tekst");
    await page.keyboard.press("Escape"); // dropped
    expect(await grid.locator("#celle-B2").textContent()).toBe("");
    await page.keyboard.type("42");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-sheet"))).toBe("Ark1");
    const cells = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as { navTiltakPreview: { fake: { state: { getValues(s: string, a: string): unknown[][] } } } }
        ).navTiltakPreview.fake.state.getValues("Ark1", "B2:B3"),
      );
    // A number is stored as a number; Enter moves down, as in Excel.
    expect(await cells()).toEqual([[42], [""]]);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("F2"); // edits what is there
    await page.keyboard.type("0");
    await page.keyboard.press("Enter");
    expect(await cells()).toEqual([[420], [""]]);
  }, 60_000);

  it("no sideways scroll at 320 px; the row numbers cover column A when the grid is scrolled", async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    try {
      for (const view of ["tab-tabeller", "tab-prikkekontroll", "tab-diagrammer"]) {
        await page.locator(`#${view}`).click();
        await page.waitForTimeout(300);
        const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        expect(scroll, view).toBeLessThanOrEqual(client);
        const pane = await page.locator("#pane").evaluate((p) => [p.scrollWidth, p.clientWidth]);
        expect(pane[0], view).toBeLessThanOrEqual(pane[1]!);
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "preview-320.png"), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
    await page.locator('#tabs button[data-sheet="Tiltak og hovedgrupper"]').click();
    const gridBox = page.locator("#grid");
    await gridBox.evaluate((g) => g.scrollBy(150, 150));
    // The row numbers' column, pixel by pixel: its grey, its borders and the grey numbers only.
    // Column A's names (#242424) and the table's black rules scrolled under it must not show.
    const box = (await gridBox.boundingBox())!;
    const strip = await page.screenshot({ clip: { x: box.x + 1, y: box.y + 24, width: 37, height: 240 } });
    const dark = await page.evaluate(async (png) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 80 && data[i + 1]! < 80 && data[i + 2]! < 80) n++;
      return n;
    }, strip.toString("base64"));
    expect(dark).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "preview-rad-numre.png"), clip: { x: box.x, y: box.y, width: 400, height: 300 } });
  }, 60_000);
});
