// "Tabeller": insert one or all published tables, the pivot-ready data, and refresh.

import { hasTimeSeries } from "../core/chart-names.js";
import { LAYOUT_KEYS, SHEET_NAMES, type LayoutKey } from "../core/layout.js";
import type { Dataset } from "../core/types.js";
import { insert, refresh } from "../excel/lazy-writer.js";
import { h } from "./dom.js";
import type { PaneServices, PaneView } from "./views.js";
import { listText } from "../core/text.js";

function section(id: string, title: string, ...body: (HTMLElement | string)[]): HTMLElement {
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title), ...body);
}

function button(id: string, text: string, appearance: "accent" | "neutral" = "neutral"): HTMLElement {
  return h("fluent-button", { id, appearance, "data-action": id, type: "button" }, text);
}

/**
 * «Tidsserier», only for a dataset with NAV's time series: the TILT tables of the shown period's
 * year as NAV lays them out. A year without them (the 2016 text beside 2026's workbooks) says
 * which years have them instead of offering a button that would write nothing.
 */
function seriesSection(services: PaneServices, dataset: Dataset, period: string): HTMLElement | null {
  if (!hasTimeSeries(dataset)) return null;
  const year = period.slice(0, 4);
  const tables = (dataset.series ?? []).filter((t) => String(t.year) === year);
  if (tables.length === 0) {
    const years = [...new Set((dataset.series ?? []).map((t) => String(t.year)))].sort();
    const list = listText(years, "eller");
    return section(
      "tidsserier-heading",
      "Tidsserier",
      h("p", { class: "hint" }, `Perioden som vises, har ingen tidsserier. Velg en måned fra ${list} under Periode.`),
    );
  }
  const insertSeries = button("sett-inn-tidsserier", "Sett inn tidsserier");
  insertSeries.addEventListener("click", () => {
    void services.runOperation(`Setter inn tidsseriene for ${year}`, (onProgress) =>
      insert(services.host, { dataset, period, sheets: "series" }, { onProgress }),
    );
  });
  const codes = tables
    .map((t) => t.code)
    .sort((a, b) => a - b)
    .map((c) => `TILT${c}`);
  const span = codes.length > 1 ? `${codes[0]}–${codes[codes.length - 1]}` : codes[0];
  return section(
    "tidsserier-heading",
    "Tidsserier",
    h(
      "p",
      { class: "hint" },
      `${span} for ${year} slik NAV setter dem opp: ett ark per tabell, månedene som kolonner og «Gjennomsnitt hittil i år».`,
    ),
    h("div", { class: "actions" }, insertSeries),
  );
}

export const tablesView: PaneView = {
  id: "tabeller",
  title: "Tabeller",
  render(services: PaneServices): HTMLElement {
    // The writer builds the sheets of the period shown when an operation runs; the list needs only
    // their names, which are the same in every period.
    const { host, dataset, period } = services;

    const select = h(
      "fluent-select",
      { id: "tabell", "aria-labelledby": "tabell-label", class: "field" },
      ...LAYOUT_KEYS.map((key, i) => h("fluent-option", { value: key, ...(i === 1 ? { selected: true } : {}) }, SHEET_NAMES[key])),
    );
    const insertOne = button("sett-inn-tabell", "Sett inn tabell");
    const insertEvery = button("sett-inn-alle", "Sett inn alle tabeller", "accent");
    const pivot = button("pivotklare-data", "Pivotklare data");
    const update = button("oppdater", "Oppdater");

    insertOne.addEventListener("click", () => {
      const key = (select as HTMLElement & { value?: string }).value ?? "";
      if (!LAYOUT_KEYS.includes(key as LayoutKey)) return;
      const sheets = [key as LayoutKey];
      void services.runOperation(`Setter inn «${SHEET_NAMES[key as LayoutKey]}»`, (onProgress) =>
        insert(host, { dataset, period, sheets }, { onProgress }),
      );
    });
    // The six published tables, and nothing else. The pivot-ready sheets (two long tables, the
    // names per hovedgruppe and a PivotTable) are «Pivotklare data»'s, one button down: they are
    // not tables NAV published, and making them here too gave the user three sheets they had not
    // asked for, each a sheet «Oppdater» then keeps rewriting. (The writer's "all", which does both,
    // stays for the xlsx export and the tests' whole-workbook runs.)
    insertEvery.addEventListener("click", () => {
      void services.runOperation("Setter inn alle tabeller", (onProgress) =>
        insert(host, { dataset, period, sheets: LAYOUT_KEYS }, { onProgress }),
      );
    });
    pivot.addEventListener("click", () => {
      void services.runOperation("Setter inn pivotklare data", (onProgress) =>
        insert(host, { dataset, period, sheets: "pivot" }, { onProgress }),
      );
    });
    update.addEventListener("click", () => {
      void services.runOperation("Oppdaterer", (onProgress) => refresh(host, { dataset, period }, { onProgress }));
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
      seriesSection(services, dataset, period),
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
