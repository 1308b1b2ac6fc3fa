// Accessibility helpers for pane operations, shared by every view (WCAG 2.1 AA):
// - the button that started an operation keeps keyboard focus while it runs (it is marked
//   aria-disabled rather than disabled, since a disabled button drops focus to <body>), and gets
//   it back afterwards if focus was lost meanwhile;
// - the status (progress, result, warnings) is shown right after that button's action row, so the
//   result appears where the user is looking, not far down a long view;
// - a second activation while the operation runs is ignored.
// A view only marks its buttons with data-action; the shell (app.ts) does the rest.

/** The action rows a status is placed after; a bare button otherwise. */
const ACTION_GROUP = ".actions, .actions-row";

export interface ActionTracker {
  /** The data-action element the user last activated (click, Enter or Space), if still in the page. */
  trigger(): HTMLElement | null;
  /** Disables the pane's actions for an operation; call the returned function when it ends. */
  begin(trigger: HTMLElement | null): () => void;
}

/** Watches activations of [data-action] elements inside `pane`. */
export function trackActions(pane: HTMLElement): ActionTracker {
  let last: HTMLElement | null = null;
  let busy = false;
  const all = () => pane.querySelectorAll<HTMLElement>("[data-action]");
  // Capture phase: runs before the view's own click handler calls runOperation.
  pane.addEventListener(
    "click",
    (event) => {
      const action = (event.target as Element).closest<HTMLElement>("[data-action]");
      if (action && busy) event.stopImmediatePropagation();
      else if (action) last = action;
    },
    true,
  );
  return {
    trigger: () => (last?.isConnected ? last : null),
    begin(trigger) {
      busy = true;
      for (const a of all()) a.setAttribute(a === trigger ? "aria-disabled" : "disabled", "true");
      return () => {
        busy = false;
        for (const a of all()) {
          a.removeAttribute("disabled");
          a.removeAttribute("aria-disabled");
        }
        returnFocus(trigger);
      };
    },
  };
}

/** Gives focus back to `trigger` when the operation left it on <body> and it is visible. */
export function returnFocus(trigger: HTMLElement | null): void {
  if (trigger?.isConnected && !trigger.closest("[hidden]") && document.activeElement === document.body) trigger.focus();
}

/** Where a status for an operation started by `trigger` goes: after its action row. */
export function statusAnchor(trigger: HTMLElement | null): Element | null {
  return trigger?.closest(ACTION_GROUP) ?? trigger;
}
