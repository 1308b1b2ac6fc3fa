// "Tabeller": insert one or all published tables, the pivot-ready data, and refresh.

import { buildLayouts } from "../core/layout.js";
import { insertPivotRanges, insertSheets, refresh } from "../excel/lazy-writer.js";
import { h } from "./dom.js";
import type { PaneServices, PaneView } from "./views.js";

function section(id: string, title: string, ...body: (HTMLElement | string)[]): HTMLElement {
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title), ...body);
}

function button(id: string, text: string, appearance: "accent" | "neutral" = "neutral"): HTMLElement {
  return h("fluent-button", { id, appearance, "data-action": id, type: "button" }, text);
}

export const tablesView: PaneView = {
  id: "tabeller",
  title: "Tabeller",
  render(services: PaneServices): HTMLElement {
    const { host, dataset } = services;
    const layouts = buildLayouts(dataset);
    const byKey = new Map(layouts.map((l) => [l.key, l]));

    const select = h(
      "fluent-select",
      { id: "tabell", "aria-labelledby": "tabell-label", class: "field" },
      ...layouts.map((l, i) => h("fluent-option", { value: l.key, ...(i === 1 ? { selected: true } : {}) }, l.name)),
    );
    const insertOne = button("sett-inn-tabell", "Sett inn tabell");
    const insertEvery = button("sett-inn-alle", "Sett inn alle tabeller", "accent");
    const pivot = button("pivotklare-data", "Pivotklare data");
    const update = button("oppdater", "Oppdater");

    insertOne.addEventListener("click", () => {
      const key = (select as HTMLElement & { value?: string }).value ?? "";
      const layout = byKey.get(key as never);
      if (!layout) return;
      void services.runOperation(`Setter inn «${layout.name}»`, (onProgress) => insertSheets(host, [layout], { onProgress }));
    });
    // The six published tables, and nothing else. The pivot-ready sheets (two long tables, the
    // names per hovedgruppe and a PivotTable) are «Pivotklare data»'s, one button down: they are
    // not tables NAV published, and making them here too gave the user three sheets they had not
    // asked for, each a sheet «Oppdater» then keeps rewriting. (The writer's insertAll, which does
    // both, stays for the xlsx export and the tests' whole-workbook runs.)
    insertEvery.addEventListener("click", () => {
      void services.runOperation("Setter inn alle tabeller", (onProgress) => insertSheets(host, layouts, { onProgress }));
    });
    pivot.addEventListener("click", () => {
      void services.runOperation("Setter inn pivotklare data", (onProgress) => insertPivotRanges(host, dataset, { onProgress }));
    });
    update.addEventListener("click", () => {
      void services.runOperation("Oppdaterer", (onProgress) => refresh(host, dataset, { onProgress }));
    });

    return h(
      "div",
      { class: "view" },
      section(
        "tabeller-heading",
        "Tabeller",
        h("p", { class: "hint" }, "Setter inn tabellene fra publikasjonen som formaterte ark, med prikking som hos NAV."),
        h("label", { id: "tabell-label", for: "tabell", class: "label" }, "Tabell"),
        select,
        h("div", { class: "actions" }, insertOne),
        h("div", { class: "actions" }, insertEvery),
      ),
      section(
        "pivot-heading",
        "Pivotklare data",
        h("p", { class: "hint" }, "Én rad per tiltak og hovedgruppe i en Excel-tabell, med navn per hovedgruppe og en ferdig pivottabell."),
        h("div", { class: "actions" }, pivot),
      ),
      section(
        "oppdater-heading",
        "Oppdater",
        h("p", { class: "hint" }, "Skriver arkene NAV tiltak har laget på nytt. Ark du har laget selv, blir ikke rørt."),
        h("div", { class: "actions" }, update),
      ),
    );
  },
};
