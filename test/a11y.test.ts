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
  it("empty: no axe violations, and the footer keeps «§ 2-6» on one line", async () => {
    await open(width);
    expect(await axe()).toEqual([]);
    await shot("tom", width);
    const lines = await page.locator("footer").evaluate((footer) => {
      const walker = document.createTreeWalker(footer, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf("§\u00a02\u20116") ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 5);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }
      return 0;
    });
    expect(lines).toBe(1);
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
    // «Forslag til sikker prikking» is part of this state: its lists and caution are checked too.
    expect(await page.locator("#forslag table").count()).toBe(2);
    expect(await axe()).toEqual([]);
    await shot("prikkekontroll", width);
    await page.locator("#forslag").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shot("prikkekontroll-forslag", width);
    await page.locator("#marker-celler").click();
    await expect.poll(statusText, { timeout: 20_000 }).toBe("Ingen celler ble markert. Se merknadene under.");
    expect(await axe()).toEqual([]);
    await shot("prikkekontroll-markert", width);
  }, 60_000);
});

describe("keyboard only, at 320 px", () => {
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? "");

  /** Presses Tab (or Shift+Tab) until the element with this id has focus. */
  async function tabTo(id: string, back = false): Promise<void> {
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(back ? "Shift+Tab" : "Tab");
      const now = await focusedId();
      seen.push(now);
      if (now === id) return;
    }
    throw new Error(`Tab never reached #${id}: ${seen.join(", ")}`);
  }

  /** The status sits right after the acting button's row, in view with it, inside a live region. */
  async function statusNextTo(id: string): Promise<{ adjacent: boolean; gap: number; live: boolean }> {
    return page.evaluate((buttonId) => {
      const status = document.querySelector<HTMLElement>(".status")!;
      const button = document.getElementById(buttonId)!;
      const gap = status.getBoundingClientRect().top - button.getBoundingClientRect().bottom;
      const live = status.querySelector("#status-text")?.closest("[aria-live]") !== null;
      return { adjacent: status.previousElementSibling?.contains(button) ?? false, gap, live };
    }, id);
  }

  /** Activates the focused button with this key and waits for the operation to end. */
  async function activate(id: string, key: "Enter" | " ", expected?: string): Promise<void> {
    expect(await focusedId()).toBe(id);
    await page.keyboard.press(key === " " ? "Space" : key);
    await expect.poll(() => page.locator(".status").getAttribute("data-state"), { timeout: 20_000 }).not.toBe("busy");
    if (expected) await expect.poll(statusText, { timeout: 20_000 }).toBe(expected);
    // Focus is back on (or never left) the button, and the result is announced beside it.
    expect(await focusedId()).toBe(id);
    const near = await statusNextTo(id);
    expect(near.adjacent).toBe(true);
    expect(near.live).toBe(true);
    expect(near.gap).toBeGreaterThanOrEqual(0);
    expect(near.gap).toBeLessThan(40);
  }

  it("uses every feature of both views from the keyboard, with focus and results where the user is", async () => {
    await open(320);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await tabTo("tab-tabeller");
    await tabTo("tabell");
    await page.keyboard.press("ArrowDown");
    await tabTo("sett-inn-tabell");
    await activate("sett-inn-tabell", "Enter", "1 ark satt inn.");
    await tabTo("sett-inn-alle");
    await activate("sett-inn-alle", " ", "8 ark satt inn, 1 ark oppdatert.");
    await tabTo("pivotklare-data");
    await activate("pivotklare-data", "Enter");
    await tabTo("oppdater");
    await activate("oppdater", "Enter", "9 ark oppdatert.");
    await shot("tastatur-oppdatert", 320);

    // Back to the view tabs, arrow to Prikkekontroll, into its buttons.
    await tabTo("tab-tabeller", true);
    await page.keyboard.press("ArrowRight");
    expect(await focusedId()).toBe("tab-prikkekontroll");
    await expect.poll(() => page.locator("#marker-celler").getAttribute("disabled"), { timeout: 20_000 }).toBeNull();
    await tabTo("marker-celler");
    await activate("marker-celler", "Enter", "16 celler markert på 2 ark.");
    await shot("tastatur-markert", 320);
    await tabTo("fjern-markering");
    await activate("fjern-markering", " ", "Markeringen er fjernet fra 16 celler på 2 ark.");
    expect(session.errors).toEqual([]);
  }, 120_000);

  it("after an Excel error, focus stays on the button and the alert is next to it", async () => {
    await open(320, "?feil=40");
    await page.locator("#sett-inn-alle").focus();
    await activate("sett-inn-alle", "Enter", "Noe gikk galt i Excel. Se feilmeldingen under.");
    const alert = page.locator(".status [role=alert]");
    expect(await alert.textContent()).toContain("Excel stoppet operasjonen");
  }, 60_000);

  it("ignores a second activation while an operation runs", async () => {
    await open(320);
    // Two activations in one task: the second arrives while the first operation runs.
    await page.locator("#sett-inn-alle").evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
    await expect.poll(statusText, { timeout: 20_000 }).toBe("9 ark satt inn.");
    // A second run would have reported «9 ark oppdatert.» after the first.
    await new Promise((r) => setTimeout(r, 500));
    expect(await statusText()).toBe("9 ark satt inn.");
  }, 60_000);
});
