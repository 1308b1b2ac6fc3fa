// "Prikkekontroll": the suppressed cells that the published totals give away, per sheet, and
// buttons that highlight them on the inserted sheets (and take the highlight off).
//
// Bundle size: this module is only the view's frame. The exact bounds solver, the result tables
// and the highlighter (disclosure-results.ts) are loaded with a dynamic import() the first time the
// view is shown, as a chunk of their own. The budget in test/build/build.test.ts (60 KB gzip) is for what
// taskpane.html loads at startup, which is what every session pays: that page is also the shared
// runtime that registers the custom functions whenever a workbook with the add-in opens, and most
// sessions never open this view. The chunk is not free either, so test/pane/taskpane-disclosure.test.ts
// gives it a budget of its own, caps startup + chunk together, and checks that the startup bundle
// does not carry the solver.

import type { Computed } from "./disclosure-results.js";
import { append, clear, h } from "./dom.js";
import type { PaneServices, PaneView } from "./views.js";

// The frame's own styles; the result tables bring theirs (disclosure-results.ts).
const STYLE_ID = "prikkekontroll-style";
const STYLES = `
.nav-pane .prikk-summary { margin: 0 0 8px; font-weight: 600; }
.nav-pane .actions-row { display: flex; gap: 8px; margin-top: 8px; }
.nav-pane .actions-row fluent-button { flex: 1 1 0; min-width: 0; }
`;

function addStyles(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = STYLES;
  document.head.appendChild(style);
}

type Results = typeof import("./disclosure-results.js");

/** Copies text to the clipboard: the async Clipboard API, else a selected textarea and «copy». */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h("textarea", { "aria-hidden": "true", style: "position: fixed; opacity: 0" }) as HTMLTextAreaElement;
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** The suggestion card's buttons (suggestion-view.ts renders them): mark, unmark, copy. */
function wireSuggestion(services: PaneServices, mod: Results): void {
  const { host, dataset } = services;
  const s = mod.BUNDLED_SUGGESTION;
  const cells = mod.suggestionBySheet(s.cells);
  const on = (id: string, run: () => void) => document.getElementById(id)?.addEventListener("click", run);
  on("marker-forslag", () => {
    void services.runOperation("Markerer forslaget", (onProgress) =>
      mod.highlightRevealed(host, dataset, cells, { onProgress, kind: "suggestion", period: s.period }),
    );
  });
  on("fjern-forslag", () => {
    void services.runOperation("Fjerner markeringen", (onProgress) =>
      mod.clearHighlights(host, dataset, cells, { onProgress, kind: "suggestion", period: s.period }),
    );
  });
  on("kopier-forslag", () => {
    void services.runOperation("Kopierer listen", async () => {
      const ok = await copyText(mod.suggestionTsv(s.cells));
      const n = s.cells.length;
      return {
        ok,
        syncs: 0,
        sheets: [],
        messages: ok ? [] : [{ level: "error", text: "Nettleseren lot ikke tillegget kopiere. Merk tabellene under og kopier dem selv." }],
        summary: ok ? `Listen over ${n} celler er kopiert. Lim den inn i et ark med Ctrl+V.` : "Listen ble ikke kopiert.",
      };
    });
  });
}

export const disclosureView: PaneView = {
  id: "prikkekontroll",
  title: "Prikkekontroll",
  render(services: PaneServices): HTMLElement {
    const { host, dataset, period } = services;
    addStyles();

    const summary = h("p", { class: "prikk-summary", id: "prikk-oppsummering" }, "Regner ut …");
    // Disabled, and outside the shell's data-action set, until there is something to mark.
    const mark = h("fluent-button", { id: "marker-celler", appearance: "accent", type: "button", disabled: true }, "Marker i arkene");
    const unmark = h("fluent-button", { id: "fjern-markering", appearance: "neutral", type: "button", disabled: true }, "Fjern markering");
    const results = h("div", { class: "prikk-results", "aria-busy": "true" });
    const root = h(
      "div",
      { class: "view" },
      h(
        "section",
        { class: "card", "aria-labelledby": "prikk-heading" },
        h("h2", { id: "prikk-heading" }, "Prikkekontroll"),
        h(
          "p",
          { class: "hint" },
          "Tall fra 1 til 3 er prikket (*), men prikkingen beskytter ikke en celle som kan regnes ut fra summene som publiseres ved siden av. " +
            "Her er de prikkede cellene som summene avslører, regnet ut eksakt for hver tabell for seg.",
        ),
        h("div", { role: "status", "aria-live": "polite" }, summary),
        h("div", { class: "actions-row" }, mark, unmark),
        h(
          "p",
          { class: "hint", style: "margin: 8px 0 0" },
          "Markeringen er lys rød fyll i cellene. «Oppdater» under Tabeller fjerner den også.",
        ),
      ),
      results,
    );

    let loaded: { mod: Results; computed: Computed } | null = null;

    const load = async (): Promise<void> => {
      try {
        const mod = await import(/* webpackChunkName: "prikkekontroll" */ "./disclosure-results.js");
        loaded = { mod, computed: mod.compute(dataset, period) };
      } catch (error) {
        // A failed chunk load, or InfeasibleAuditError with a Norwegian message naming the equations.
        const text = error instanceof Error ? error.message : String(error);
        summary.textContent = "Prikkekontrollen kunne ikke gjøres.";
        results.removeAttribute("aria-busy");
        append(results, h("section", { class: "card", role: "alert" }, h("p", { class: "message message-error" }, text)));
        return;
      }
      const { mod, computed } = loaded;
      summary.textContent = mod.summaryText(mod.totals(computed.findings));
      mod.renderFindings(results, computed.findings);
      mod.renderSuggestion(results, computed.period);
      wireSuggestion(services, mod);
      results.removeAttribute("aria-busy");
      if (computed.findings.some((f) => f.cells.length > 0)) {
        for (const b of [mark, unmark]) {
          b.setAttribute("data-action", b.id);
          // While another operation runs, the shell re-enables every data-action button when it ends.
          if (!root.closest("[aria-busy]")) b.removeAttribute("disabled");
        }
      }
    };

    let started = false;
    const start = () => {
      if (started || root.hidden || !root.isConnected) return;
      started = true;
      clear(results);
      void load();
    };
    // Computed the first time the view is shown, not at startup: the shell toggles `hidden`.
    new MutationObserver(start).observe(root, { attributes: true, attributeFilter: ["hidden"] });
    // Shown from the start (the first or only view): the shell has attached it by then.
    setTimeout(start, 0);

    mark.addEventListener("click", () => {
      if (!loaded) return;
      const { mod, computed } = loaded;
      void services.runOperation("Markerer avslørte celler", (onProgress) =>
        mod.highlightRevealed(host, dataset, computed.cells, { onProgress, period: computed.period }),
      );
    });
    unmark.addEventListener("click", () => {
      if (!loaded) return;
      const { mod, computed } = loaded;
      void services.runOperation("Fjerner markeringen", (onProgress) =>
        mod.clearHighlights(host, dataset, computed.cells, { onProgress, period: computed.period }),
      );
    });

    return root;
  },
};
