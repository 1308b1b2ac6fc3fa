// The real task pane in headless Chromium: the production build's preview page (the pane beside
// the fake workbook), served from 127.0.0.1 by a tiny static server. Inserts all tables with the
// keyboard, checks the rendered sheets, refreshes, and asserts nothing left 127.0.0.1.
// Saves test-artifacts/taskpane.png.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "./helpers/build.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".map": "application/json; charset=utf-8",
};

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, "");
    const file = join(root, path || "index.html");
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let server: Server;
let context: BrowserContext;
let profile: string;
let page: Page;
let base: string;
const requests: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`).toBe(true);
  const dist = await buildOnce();
  server = await serve(dist);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), "nav-tiltak-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    locale: "nb-NO",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
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
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
  );
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
    expect(await tabTo("tabell")).toEqual(["tabell"]);
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
});
