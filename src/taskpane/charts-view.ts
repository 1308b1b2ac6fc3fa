// "Diagrammer": inserts the chart sheets (a clustered bar chart each for the period shown, and for
// NAV's time series a line chart over months) and says what each chart shows and what it leaves
// out. «Oppdater» in «Tabeller» redraws them with the other sheets.
// The chart data (core/charts.ts) is loaded when the view is first shown, as the writer loads the
// chart sheets when it needs them: the pane's startup bundle carries neither.

import { CHART_SHEET_NAMES, chartKeysFor } from "../core/chart-names.js";
import { insert } from "../excel/lazy-writer.js";
import { append, h } from "./dom.js";
import type { PaneServices, PaneView } from "./views.js";

export const chartsView: PaneView = {
  id: "diagrammer",
  title: "Diagrammer",
  render(services: PaneServices): HTMLElement {
    const { host, dataset, period } = services;
    const insertButton = h(
      "fluent-button",
      { id: "sett-inn-diagrammer", appearance: "accent", "data-action": "sett-inn-diagrammer", type: "button" },
      "Sett inn diagrammer",
    );
    insertButton.addEventListener("click", () => {
      void services.runOperation("Setter inn diagrammer", (onProgress) =>
        insert(host, { dataset, period, sheets: "charts" }, { onProgress }),
      );
    });
    const keys = chartKeysFor(dataset);
    const items = new Map(keys.map((key) => [key, h("li", { "data-chart": key }, h("strong", {}, CHART_SHEET_NAMES[key]))]));
    const root = h(
      "div",
      { class: "view" },
      h(
        "section",
        { class: "card", "aria-labelledby": "diagrammer-heading" },
        h("h2", { id: "diagrammer-heading" }, "Diagrammer"),
        h(
          "p",
          { class: "hint" },
          `Setter inn to stolpediagrammer${keys.length > 2 ? " og et linjediagram over månedene" : ""}, hvert på sitt ark med tallene det bygger på. «Oppdater» under Tabeller tegner dem på nytt.`,
        ),
        h("ul", { class: "chart-list", id: "diagram-liste" }, ...items.values()),
        h("div", { class: "actions" }, insertButton),
      ),
    );
    let filled = false;
    const fill = () => {
      if (filled || root.offsetParent === null) return;
      filled = true;
      void Promise.all([
        import(/* webpackChunkName: "diagrammer" */ "../core/charts.js"),
        import(/* webpackChunkName: "diagrammer" */ "../core/series-chart.js"),
      ]).then(([{ buildCharts }, { monthlyChart }]) => {
        const charts = [...buildCharts(dataset, period), ...(items.has("diagram-maaneder") ? [monthlyChart(dataset)] : [])];
        for (const c of charts) append(items.get(c.key)!, ": ", c.title, ". ", c.notes[1] ?? "");
      });
    };
    // Filled when the panel is shown (the shell toggles `hidden`); never if the view is not opened.
    new MutationObserver(fill).observe(root, { attributes: true, attributeFilter: ["hidden"] });
    // Redrawn while shown (another period or dataset, app.ts): the shell has attached it by then.
    setTimeout(fill, 0);
    return root;
  },
};
