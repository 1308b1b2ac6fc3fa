// The period picker in the pane's header: a native <select> with a visible label (keyboard and
// screen readers get the browser's own control, WCAG 2.1 AA), the dataset's months newest first,
// grouped by year so a long time series stays easy to scan. Shown only when there is a choice (more
// than one period). A change is announced once, politely, in a live region of its own; the shell
// (app.ts) decides what a change does (sets the period and redraws the views).

import type { Dataset } from "../core/types.js";
import { clear, h } from "./dom.js";

export interface PeriodPicker {
  /** The header part: label, select and the live region (hidden when there is nothing to pick). */
  element: HTMLElement;
  /** Fills the list from `dataset` with `period` selected (a new dataset: «Egen fil»); says nothing. */
  show(dataset: Dataset, period: string): void;
}

/** `onPick` gets the chosen period (`ÅÅÅÅ-MM`) and its label («Mars 2026») after each change. */
export function periodPicker(onPick: (period: string, label: string) => void): PeriodPicker {
  const select = h("select", { id: "periode", class: "period-select" }) as HTMLSelectElement;
  const said = h("span", { class: "visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const element = h("div", { class: "period", hidden: true }, h("label", { for: "periode", class: "label" }, "Periode"), select, said);
  select.addEventListener("change", () => {
    const option = select.selectedOptions[0];
    if (!option) return;
    onPick(option.value, option.text);
    // Once per change, after the views are redrawn, in one atomic region of its own (the status
    // area's region is for operations).
    said.textContent = `Viser ${option.text}.`;
  });
  return {
    element,
    show(dataset, period) {
      clear(select);
      said.textContent = "";
      const years = new Map<string, HTMLElement>();
      for (const p of [...dataset.periods].reverse()) {
        const year = p.period.slice(0, 4);
        if (!years.has(year)) years.set(year, select.appendChild(h("optgroup", { label: year })));
        years.get(year)!.appendChild(h("option", { value: p.period, ...(p.period === period ? { selected: true } : {}) }, p.label));
      }
      element.hidden = dataset.periods.length < 2;
    },
  };
}
