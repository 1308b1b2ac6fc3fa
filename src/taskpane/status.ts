// The pane's status area: progress while an operation runs, then its result. The summary sits in
// a polite live region; errors go to an assertive one so screen readers announce them at once.

import { NavTiltakError } from "../core/errors.js";
import type { Message, WriteReport } from "../excel/operation-types.js";
import { append, clear, h } from "./dom.js";

const LEVEL_LABEL: Record<Message["level"], string> = { info: "Info:", warning: "Merk:", error: "Feil:" };

export class StatusArea {
  readonly element: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly text: HTMLElement;
  private readonly list: HTMLElement;
  private readonly alert: HTMLElement;

  constructor() {
    this.progress = h("fluent-progress", { class: "status-progress", hidden: true, "aria-label": "Fremdrift", min: 0, max: 100 });
    this.text = h("p", { class: "status-text", id: "status-text" }, "Klar.");
    this.list = h("ul", { class: "status-messages", "aria-label": "Merknader" });
    this.alert = h("div", { class: "status-alert", role: "alert" });
    this.element = h(
      "section",
      { class: "status", "aria-labelledby": "status-heading" },
      h("h2", { id: "status-heading", class: "visually-hidden" }, "Status"),
      this.progress,
      h("div", { role: "status", "aria-live": "polite" }, this.text),
      this.alert,
      this.list,
    );
  }

  /**
   * Moves the status right after `anchor` (the action row of the button that started the
   * operation), so the result shows where the user is; with no anchor it stays where it is.
   */
  placeAfter(anchor: Element | null): void {
    if (anchor && anchor.nextElementSibling !== this.element) anchor.after(this.element);
  }

  start(label: string): void {
    clear(this.list);
    clear(this.alert);
    this.element.dataset.state = "busy";
    this.progress.hidden = false;
    this.progress.setAttribute("value", "0");
    this.text.textContent = `${label} …`;
  }

  update(fraction: number, text: string): void {
    this.progress.setAttribute("value", String(Math.round(fraction * 100)));
    this.text.textContent = text;
  }

  finish(report: WriteReport): void {
    this.progress.hidden = true;
    this.element.dataset.state = !report.ok ? "error" : report.messages.some((m) => m.level === "warning") ? "warning" : "ok";
    this.text.textContent = report.summary;
    clear(this.list);
    clear(this.alert);
    for (const m of report.messages) {
      const item = h(
        "li",
        { class: `message message-${m.level}` },
        h("span", { class: "message-level" }, LEVEL_LABEL[m.level]),
        " ",
        m.text,
      );
      if (m.level === "error") append(this.alert, h("p", { class: `message message-error` }, m.text));
      else this.list.appendChild(item);
    }
  }

  fail(error: unknown): void {
    this.progress.hidden = true;
    this.element.dataset.state = "error";
    this.text.textContent = "Noe gikk galt.";
    clear(this.alert);
    const detail = error instanceof Error ? error.message : String(error);
    // A typed error's message is written for the user; anything else is unexpected, and says so.
    const known = error instanceof NavTiltakError && error.kind !== "internal";
    append(this.alert, h("p", { class: "message message-error" }, known ? detail : `Uventet feil: ${detail}`));
  }
}
