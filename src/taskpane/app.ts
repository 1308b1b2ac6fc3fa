// The task pane shell: Fluent components and tokens, the header, the views, the status area.
// Runs against real Excel (taskpane.ts) and against the fake workbook (the preview page) alike:
// all it needs is an ExcelHost.

import {
  accentBaseColor,
  baseLayerLuminance,
  fluentButton,
  fluentOption,
  fluentProgress,
  fluentSelect,
  provideFluentDesignSystem,
  SwatchRGB,
} from "@fluentui/web-components";
import { defaultPeriod } from "../core/default-period.js";
import type { Dataset } from "../core/types.js";
import type { ExcelHost } from "../excel/operation-types.js";
import { activeDataset } from "../functions/dataset-source.js";
import { rovingTabs, trackActions, uncover } from "./a11y.js";
import { append, h } from "./dom.js";
import { periodPicker } from "./period-picker.js";
import { StatusArea } from "./status.js";
import { PANE_VIEWS } from "./registry.js";
import type { PaneServices, PaneView } from "./views.js";

/** NAV's blue (#0067C5) as the Fluent accent. */
const NAV_BLUE = SwatchRGB.create(0x00 / 255, 0x67 / 255, 0xc5 / 255);

let registered = false;

function registerFluent(root: HTMLElement): void {
  if (!registered) {
    // Only the components the pane uses, to keep the bundle small.
    provideFluentDesignSystem().register(fluentButton(), fluentSelect(), fluentOption(), fluentProgress());
    registered = true;
  }
  baseLayerLuminance.setValueFor(root, 1);
  accentBaseColor.setValueFor(root, NAV_BLUE);
}

// The footer has the full foreground colour, not the hint colour: it sits on the grey layer, where
// hint text is below 4.5:1. (No comments inside the CSS: they would ship in the bundle, which has a
// size budget.)
const STYLES = `
.nav-pane {
  font-family: var(--body-font, "Segoe UI", sans-serif);
  font-size: var(--type-ramp-base-font-size, 14px);
  line-height: var(--type-ramp-base-line-height, 20px);
  color: var(--neutral-foreground-rest, #242424);
  background: var(--neutral-layer-2, #f5f5f5);
  min-height: 100%;
  box-sizing: border-box;
  display: flex;
  flex-direction: column;
}
.nav-pane *, .nav-pane *::before, .nav-pane *::after { box-sizing: border-box; }
.nav-pane header {
  padding: 16px 16px 12px;
  background: var(--neutral-layer-1, #fff);
  border-bottom: 1px solid var(--neutral-stroke-divider-rest, #e0e0e0);
}
.nav-pane h1 { font-size: var(--type-ramp-plus-2-font-size, 20px); line-height: var(--type-ramp-plus-2-line-height, 26px); font-weight: 600; margin: 0; }
.nav-pane .subtitle { margin: 2px 0 0; color: var(--neutral-foreground-hint, #616161); font-size: var(--type-ramp-minus-1-font-size, 12px); }
.nav-pane h2 { font-size: var(--type-ramp-plus-1-font-size, 16px); line-height: var(--type-ramp-plus-1-line-height, 22px); font-weight: 600; margin: 0 0 4px; }
.nav-pane .card {
  background: var(--neutral-layer-1, #fff);
  border-radius: calc(var(--layer-corner-radius, 8) * 1px);
  margin: 12px 12px 0;
  padding: 12px 14px 14px;
  box-shadow: 0 1px 2px rgba(0, 0, 0, 0.12);
}
.nav-pane .hint { margin: 0 0 10px; color: var(--neutral-foreground-hint, #616161); font-size: var(--type-ramp-minus-1-font-size, 12px); line-height: var(--type-ramp-minus-1-line-height, 16px); }
.nav-pane .label { display: block; font-weight: 600; margin: 0 0 4px; }
.nav-pane .field, .nav-pane fluent-select { width: 100%; min-width: 0; }
.nav-pane .actions { margin-top: 8px; }
.nav-pane .actions fluent-button { width: 100%; }
.nav-pane .tabs { display: flex; flex-wrap: wrap; gap: 0 2px; padding: 8px 8px 0; }
.nav-pane .tabs button { font: inherit; border: 0; background: none; padding: 6px 8px; border-bottom: 2px solid transparent; cursor: pointer; color: inherit; }
.nav-pane .tabs button[aria-selected="true"] { border-bottom-color: var(--accent-fill-rest, #0067c5); font-weight: 600; }
.nav-pane .tabs button:focus-visible { outline: 2px solid var(--focus-stroke-outer, #000); outline-offset: 1px; }
.nav-pane .status { position: sticky; bottom: 0; z-index: 1; max-height: 40vh; overflow-y: auto; margin: auto 0 0; padding: 8px 14px; background: var(--neutral-layer-1, #fff); border-top: 1px solid var(--neutral-stroke-rest, #d1d1d1); border-left: 4px solid var(--neutral-stroke-rest, #d1d1d1); box-shadow: 0 -2px 4px rgba(0, 0, 0, 0.08); }
.nav-pane .status[data-state="ok"] { border-left-color: #107c10; }
.nav-pane .status[data-state="warning"] { border-left-color: #bc4b09; }
.nav-pane .status[data-state="error"] { border-left-color: #c50f1f; }
.nav-pane .status[data-state="busy"] { border-left-color: var(--accent-fill-rest, #0067c5); }
.nav-pane .status-text { margin: 4px 0; font-weight: 600; }
.nav-pane .status-doing { margin: 4px 0; }
.nav-pane .status-progress { margin: 6px 0; }
.nav-pane .status-messages { list-style: none; margin: 4px 0 0; padding: 0; }
.nav-pane .message { margin: 6px 0 0; font-size: var(--type-ramp-minus-1-font-size, 12px); line-height: var(--type-ramp-minus-1-line-height, 16px); }
.nav-pane .message-level { font-weight: 600; }
.nav-pane .message-warning .message-level { color: #8a5300; }
.nav-pane .message-error { color: #c50f1f; font-weight: 600; }
.nav-pane footer { margin: 12px 16px 12px; color: var(--neutral-foreground-rest, #242424); font-size: var(--type-ramp-minus-1-font-size, 12px); }
.nav-pane .period { margin-top: 10px; }
.nav-pane .period-select { font: inherit; width: 100%; padding: 4px 6px; color: inherit; background: var(--neutral-fill-input-rest, #fff); border: 1px solid #767676; border-radius: 4px; }
.nav-pane .period-select:focus-visible { outline: 2px solid var(--focus-stroke-outer, #000); outline-offset: 1px; }
.nav-pane .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

export interface PaneOptions {
  dataset?: Dataset;
  /** The views, in tab order (default: PANE_VIEWS from registry.ts). */
  views?: readonly PaneView[];
  /** Called after every operation, e.g. for the preview to redraw the fake workbook. */
  onWorkbookChanged?: () => void;
}

/** Builds the pane top to bottom, in the order the user sees it: header, tabs, views, footer, status. */
export function startPane(root: HTMLElement, host: ExcelHost, options: PaneOptions = {}): PaneServices {
  // The functions' dataset module is imported here so the functions bundle shares its instance.
  const base = options.dataset ?? activeDataset();
  registerFluent(root);

  const style = document.createElement("style");
  style.textContent = STYLES;
  document.head.appendChild(style);

  const status = new StatusArea();
  const pane = h("main", { class: "nav-pane", "aria-labelledby": "pane-title" });
  const services = paneServices(pane, status, { host, dataset: base, period: defaultPeriod(base)?.period ?? "" }, options);

  const views = options.views ?? PANE_VIEWS;
  const panels = views.map((v) => {
    const panel = v.render(services);
    panel.id = `panel-${v.id}`;
    return panel;
  });

  const subtitle = h("p", { class: "subtitle" }, subtitleText(base, services.period));
  // Every view reads the dataset and the period when it renders: a new dataset («Egen fil») or a
  // picked period redraws them all, here, keeping each panel's place, id and tab state.
  const redraw = () => {
    subtitle.textContent = subtitleText(services.dataset, services.period);
    panels.forEach((old, i) => {
      const fresh = views[i]!.render(services);
      for (const a of ["id", "role", "aria-labelledby", "hidden"]) if (old.hasAttribute(a)) fresh.setAttribute(a, old.getAttribute(a)!);
      old.replaceWith(fresh);
      panels[i] = fresh;
    });
  };
  const picker = periodPicker((period) => {
    services.period = period;
    redraw();
  });
  picker.show(base, services.period);
  append(pane, h("header", {}, h("h1", { id: "pane-title" }, "NAV tiltak"), subtitle, picker.element));
  if (views.length > 1) pane.appendChild(tabList(views, panels));
  // «Egen fil» (user-file-view.ts, a lazy chunk): the user's own NAV file, kept in the workbook. A new
  // dataset from it shows its newest period.
  const userFile = h("div", { class: "user-file" });
  const useDataset = (next: Dataset) => {
    services.dataset = next;
    services.period = defaultPeriod(next)?.period ?? "";
    picker.show(next, services.period);
    redraw();
  };
  void import(/* webpackChunkName: "egen-fil" */ "./user-file-view.js").then((m) =>
    m.mountUserFile(userFile, { host, base, onDataset: useDataset }),
  );
  append(
    pane,
    ...panels,
    userFile,
    // «§\u00a02\u20116»: a no-break space and a non-breaking hyphen keep the reference on one line
    // in a narrow pane (it used to break into «§ 2-» and «6»), without markup or CSS.
    h(
      "footer",
      {},
      "Tall fra 1 til 3 vises som * (Statistikklovens §\u00a02\u20116). Tallene følger med tillegget; ingen data hentes fra nettet.",
    ),
    // Last, in one place for every view and action: at the bottom of the pane, stuck to the
    // window's bottom edge when the view is taller than the window (status.ts).
    status.element,
  );
  root.appendChild(pane);
  return services;
}

/** «Deltakere i arbeidsrettede tiltak · November 2016»: the publication and the period the pane shows. */
function subtitleText(dataset: Dataset, period: string): string {
  return `${dataset.title.replace(/\. Tiltak\. En måned$/, "")} · ${dataset.periods.find((p) => p.period === period)?.label ?? ""}`;
}

/** What the views get: the host, the figures and the period shown, and the way to run an operation. */
function paneServices(
  pane: HTMLElement,
  status: StatusArea,
  shown: Pick<PaneServices, "host" | "dataset" | "period">,
  options: PaneOptions,
): PaneServices {
  const actions = trackActions(pane);
  return {
    ...shown,
    async runOperation(label, op) {
      // Focus, busy state and where the result shows: src/taskpane/a11y.ts.
      const trigger = actions.trigger();
      const end = actions.begin(trigger);
      pane.setAttribute("aria-busy", "true");
      status.start(label);
      try {
        const report = await op((fraction, text) => status.update(fraction, text));
        status.finish(report);
        return report;
      } catch (error) {
        status.fail(error);
        return null;
      } finally {
        pane.removeAttribute("aria-busy");
        end();
        uncover(trigger, status.element);
        options.onWorkbookChanged?.();
      }
    },
  };
}

/** The tabs over the views' panels: arrows, Home and End move between them (WAI-ARIA tabs pattern, automatic activation). */
function tabList(views: readonly PaneView[], panels: HTMLElement[]): HTMLElement {
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Visninger" });
  const select = (i: number) => {
    [...tabs.children].forEach((t, j) => {
      t.setAttribute("aria-selected", String(i === j));
      t.setAttribute("tabindex", i === j ? "0" : "-1");
    });
    panels.forEach((p, j) => (p.hidden = i !== j));
  };
  const tabEls = views.map((v, i) => {
    const tab = h("button", { type: "button", role: "tab", id: `tab-${v.id}`, "aria-controls": `panel-${v.id}` }, v.title);
    tab.addEventListener("click", () => select(i));
    tabs.appendChild(tab);
    panels[i]!.setAttribute("role", "tabpanel");
    panels[i]!.setAttribute("aria-labelledby", `tab-${v.id}`);
    return tab;
  });
  rovingTabs(tabEls, 0, (i) => {
    select(i);
    tabEls[i]!.focus();
  });
  select(0);
  return tabs;
}
