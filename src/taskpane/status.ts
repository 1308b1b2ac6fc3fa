// The pane's status area, in one fixed place (stuck to the bottom of the pane, app.ts), so a result
// never pushes the buttons around. While an operation runs it shows a progress bar and what is
// being done, for the eye only: a screen reader gets one announcement per operation, when it ends,
// with everything the user must know in it (the summary naming the sheets, and each note, such as
// where a changed sheet was kept). That polite live region is filled once, atomically; errors go to
// an assertive one (role=alert) so they are announced at once.

import { NavTiltakError } from "../core/errors.js";
import type { Message, WriteReport } from "../excel/operation-types.js";
import { append, clear, h } from "./dom.js";

const LEVEL_LABEL: Record<Message["level"], string> = { info: "Info:", warning: "Merk:", error: "Feil:" };

export class StatusArea {
  readonly element: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly doing: HTMLElement;
  private readonly text: HTMLElement;
  private readonly list: HTMLElement;
  private readonly alert: HTMLElement;

  constructor() {
    this.progress = h("fluent-progress", { class: "status-progress", hidden: true, "aria-label": "Fremdrift", min: 0, max: 100 });
    this.doing = h("p", { class: "status-doing", hidden: true });
    this.text = h("p", { class: "status-text", id: "status-text" }, "Klar.");
    this.list = h("ul", { class: "status-messages", "aria-label": "Merknader" });
    this.alert = h("div", { class: "status-alert", role: "alert" });
    this.element = h(
      "section",
      { class: "status", "aria-labelledby": "status-heading" },
      h("h2", { id: "status-heading", class: "visually-hidden" }, "Status"),
      this.doing,
      this.progress,
      h("div", { role: "status", "aria-live": "polite", "aria-atomic": "true" }, this.text, this.list),
      this.alert,
    );
  }

  start(label: string): void {
    clear(this.list);
    clear(this.alert);
    this.text.textContent = "";
    this.element.dataset.state = "busy";
    this.progress.hidden = false;
    this.progress.setAttribute("value", "0");
    this.doing.hidden = false;
    this.doing.textContent = `${label} …`;
  }

  /** Progress for the eye (outside the live region): no announcement per step. */
  update(fraction: number, text: string): void {
    this.progress.setAttribute("value", String(Math.round(fraction * 100)));
    this.doing.textContent = text;
  }

  finish(report: WriteReport): void {
    this.progress.hidden = true;
    this.doing.hidden = true;
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
    this.scrollable();
  }

  /** A status taller than its cap scrolls, and can then be reached with the keyboard to scroll it. */
  private scrollable(): void {
    if (this.element.scrollHeight > this.element.clientHeight) this.element.tabIndex = 0;
    else this.element.removeAttribute("tabindex");
  }

  fail(error: unknown): void {
    this.progress.hidden = true;
    this.doing.hidden = true;
    this.element.dataset.state = "error";
    this.text.textContent = "Noe gikk galt.";
    clear(this.alert);
    const detail = error instanceof Error ? error.message : String(error);
    // A typed error's message is written for the user; anything else is unexpected, and says so.
    const known = error instanceof NavTiltakError && error.kind !== "internal";
    append(this.alert, h("p", { class: "message message-error" }, known ? detail : `Uventet feil: ${detail}`));
    this.scrollable();
  }
}
