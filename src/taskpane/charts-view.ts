// "Diagrammer": inserts the two chart sheets (a clustered bar chart each) and says what each chart
// shows and what it leaves out. «Oppdater» in «Tabeller» redraws them with the other sheets.

import { buildCharts } from "../core/charts.js";
import { insertCharts } from "../excel/writer.js";
import { h } from "./dom.js";
import type { PaneServices, PaneView } from "./views.js";

export const chartsView: PaneView = {
  id: "diagrammer",
  title: "Diagrammer",
  render(services: PaneServices): HTMLElement {
    const { host, dataset } = services;
    const charts = buildCharts(dataset);
    const insert = h("fluent-button", { id: "sett-inn-diagrammer", appearance: "accent", "data-action": "sett-inn-diagrammer", type: "button" }, "Sett inn diagrammer");
    insert.addEventListener("click", () => {
      void services.runOperation("Setter inn diagrammer", (onProgress) => insertCharts(host, dataset, { onProgress }));
    });
    return h(
      "div",
      { class: "view" },
      h(
        "section",
        { class: "card", "aria-labelledby": "diagrammer-heading" },
        h("h2", { id: "diagrammer-heading" }, "Diagrammer"),
        h(
          "p",
          { class: "hint" },
          "Setter inn to stolpediagrammer, hvert på sitt ark med tallene det bygger på. «Oppdater» under Tabeller tegner dem på nytt.",
        ),
        h(
          "ul",
          { class: "chart-list", id: "diagram-liste" },
          ...charts.map((c) => h("li", { "data-chart": c.key }, h("strong", {}, c.sheetName), ": ", c.title, ". ", c.notes[1] ?? "")),
        ),
        h("div", { class: "actions" }, insert),
      ),
    );
  },
};
