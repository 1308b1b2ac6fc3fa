// Accessibility of the task pane (WCAG 2.1 AA): axe-core over every view and state at the task
// pane's narrowest (320 px) and a wide (450 px) width, focus after each action, one announcement per
// action in the status's one fixed place, and keyboard-only use of every feature.
// Saves test-artifacts/a11y-<state>-<width>.png.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreview, type PreviewSession } from "../helpers/browser.js";

const ARTIFACTS = join(import.meta.dirname, "..", "..", "test-artifacts");
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
    await expect.poll(statusText, { timeout: 20_000 }).toMatch(/^6 ark satt inn: «Om tabellene», /);
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
    // Nothing sticks out of its card, nor is cut inside its button (a long button name once
    // overflowed at 320 px): a Fluent button's label is in its shadow root's control.
    const outside = await page.locator("#pane .card fluent-button, #pane .card summary").evaluateAll((all) =>
      all
        .filter((el) => {
          const control = el.shadowRoot?.querySelector<HTMLElement>(".control") ?? (el as HTMLElement);
          const card = el.closest(".card")!.getBoundingClientRect();
          return control.getBoundingClientRect().right > card.right + 0.5 || control.scrollWidth > control.clientWidth + 1;
        })
        .map((el) => el.id || el.textContent),
    );
    expect(outside).toEqual([]);
    // The lists collapsed under their summaries keep the view short; opened, they pass axe too.
    const height = await page.locator("#panel-prikkekontroll").evaluate((p) => p.getBoundingClientRect().height);
    expect(height).toBeLessThan(2000);
    await page.locator("#panel-prikkekontroll details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await axe()).toEqual([]);
    await page.locator("#panel-prikkekontroll details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = false)));
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

  /**
   * Counts what the status's live region announces: each time its text changes to something
   * non-empty is one announcement (the region is atomic, so a screen reader reads it whole).
   */
  async function watchAnnouncements(): Promise<void> {
    await page.evaluate(() => {
      const region = document.querySelector(".status [role=status]")!;
      const w = window as unknown as { announced: string[] };
      w.announced = [];
      new MutationObserver(() => {
        const text = region.textContent ?? "";
        if (text !== "" && text !== w.announced[w.announced.length - 1]) w.announced.push(text);
      }).observe(region, { childList: true, subtree: true, characterData: true });
    });
  }

  /**
   * Activates the focused button with this key and waits for the operation to end: focus stays on
   * the button, nothing moved it (the status has one fixed place), and the live region announced
   * once, at the end, with the result.
   */
  async function activate(id: string, key: "Enter" | " ", expected?: string | RegExp): Promise<string[]> {
    expect(await focusedId()).toBe(id);
    // The button's place in the pane (not the window, which may scroll): nothing pushes it.
    const place = (b: Element) => b.getBoundingClientRect().top - b.closest("main")!.getBoundingClientRect().top;
    const before = await page.locator(`#${id}`).evaluate(place);
    await page.evaluate(() => ((window as unknown as { announced: string[] }).announced = []));
    await page.keyboard.press(key === " " ? "Space" : key);
    await expect.poll(() => page.locator(".status").getAttribute("data-state"), { timeout: 20_000 }).not.toBe("busy");
    if (typeof expected === "string") await expect.poll(statusText, { timeout: 20_000 }).toBe(expected);
    else if (expected) await expect.poll(statusText, { timeout: 20_000 }).toMatch(expected);
    expect(await focusedId()).toBe(id);
    expect(await page.locator(`#${id}`).evaluate(place)).toBe(before);
    // The status in its one place (the pane's last element, stuck to the bottom of the window),
    // in view, and not over the button the user pressed.
    const where = await page.evaluate((buttonId) => {
      const status = document.querySelector<HTMLElement>(".status")!;
      const r = status.getBoundingClientRect();
      const b = document.getElementById(buttonId)!.getBoundingClientRect();
      return {
        last: status.parentElement?.lastElementChild === status,
        inView: r.bottom <= window.innerHeight + 1 && r.top >= 0,
        buttonClear: b.bottom <= r.top + 0.5 && b.top >= 0,
      };
    }, id);
    expect({ id, ...where }).toEqual({ id, last: true, inView: true, buttonClear: true });
    const announced = await page.evaluate(() => (window as unknown as { announced: string[] }).announced);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toContain(await statusText());
    return announced;
  }

  it("uses every feature of both views from the keyboard, with focus and results where the user is", async () => {
    await open(320);
    await watchAnnouncements();
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await tabTo("tab-tabeller");
    await tabTo("tabell");
    await page.keyboard.press("ArrowDown");
    await tabTo("sett-inn-tabell");
    await activate("sett-inn-tabell", "Enter", "1 ark satt inn: «Tiltaksgrupper».");
    await tabTo("sett-inn-alle");
    await activate("sett-inn-alle", " ", /^5 ark satt inn: «Om tabellene», .*\. 1 ark oppdatert: «Tiltaksgrupper»\.$/);
    await tabTo("pivotklare-data");
    await activate("pivotklare-data", "Enter", "3 ark satt inn: «Pivotdata tiltak», «Pivotdata endring» og «Pivottabell».");
    // A value typed into an add-in cell (the preview's grid) is kept, and the one announcement says where.
    await page.evaluate(() =>
      (
        globalThis as unknown as { navTiltakPreview: { fake: { state: { setValues(s: string, a: string, v: unknown[][]): void } } } }
      ).navTiltakPreview.fake.state.setValues("Hovedgrupper", "B6", [[1]]),
    );
    await page.locator("#oppdater").focus();
    const [refreshed] = await activate("oppdater", "Enter", /^9 ark oppdatert: .* Se merknadene under\.$/);
    expect(refreshed).toContain("din versjon er tatt vare på i arket «Hovedgrupper (endret)»");
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
    // The suggestion's own buttons, further down the view, from the keyboard too.
    await tabTo("marker-forslag");
    await activate("marker-forslag", "Enter", "30 celler fra forslaget markert på 2 ark.");
    await shot("tastatur-forslag-markert", 320);
    await tabTo("fjern-forslag");
    await activate("fjern-forslag", " ", "Markeringen er fjernet fra 30 celler fra forslaget på 2 ark.");
    expect(session.errors).toEqual([]);
  }, 120_000);

  it("view tabs: arrows, Home and End (WAI-ARIA tabs), one tab stop, the panel shown with its tab", async () => {
    await open(320);
    await page.locator("#tab-tabeller").focus();
    const state = () =>
      page.evaluate(() => ({
        focused: document.activeElement?.id,
        selected: document.querySelector(".tabs [aria-selected=true]")?.id,
        tabbable: [...document.querySelectorAll(".tabs [role=tab]")].filter((t) => (t as HTMLElement).tabIndex === 0).map((t) => t.id),
        shown: [...document.querySelectorAll("[role=tabpanel]")].filter((p) => !(p as HTMLElement).hidden).map((p) => p.id),
      }));
    await page.keyboard.press("End");
    expect(await state()).toEqual({
      focused: "tab-diagrammer",
      selected: "tab-diagrammer",
      tabbable: ["tab-diagrammer"],
      shown: ["panel-diagrammer"],
    });
    await page.keyboard.press("Home");
    expect(await state()).toEqual({
      focused: "tab-tabeller",
      selected: "tab-tabeller",
      tabbable: ["tab-tabeller"],
      shown: ["panel-tabeller"],
    });
    await page.keyboard.press("ArrowLeft");
    expect((await state()).selected).toBe("tab-diagrammer");
    await page.keyboard.press("ArrowRight");
    expect((await state()).selected).toBe("tab-tabeller");
    await shot("faner", 320);
  }, 60_000);

  it("after an Excel error, focus stays on the button and the alert is in the status, announced once", async () => {
    await open(320, "?feil=40");
    await watchAnnouncements();
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
    await expect.poll(statusText, { timeout: 20_000 }).toMatch(/^6 ark satt inn: /);
    // A second run would have reported «6 ark oppdatert: …» after the first.
    await new Promise((r) => setTimeout(r, 500));
    expect(await statusText()).toMatch(/^6 ark satt inn: /);
  }, 60_000);
});
