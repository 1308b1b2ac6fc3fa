// Accessibility helpers for pane operations, shared by every view (WCAG 2.1 AA):
// - the button that started an operation keeps keyboard focus while it runs (it is marked
//   aria-disabled rather than disabled, since a disabled button drops focus to <body>), and gets
//   it back afterwards if focus was lost meanwhile;
// - the status (progress, result, warnings) has one fixed place (status.ts), so nothing moves;
// - a second activation while the operation runs is ignored.
// A view only marks its buttons with data-action; the shell (app.ts) does the rest.

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

/**
 * The status sticks to the bottom of the pane; when a long result grows over the button the user
 * pressed, the pane scrolls just enough to show the button above it (WCAG 2.4.11's concern: a
 * focused control not hidden by sticky content). Nothing moves in the page itself.
 */
export function uncover(trigger: HTMLElement | null, status: HTMLElement): void {
  if (!trigger?.isConnected || trigger.closest("[hidden]")) return;
  const over = trigger.getBoundingClientRect().bottom - status.getBoundingClientRect().top;
  if (over <= 0) return;
  // The nearest scrolling ancestor: the page in Excel, the pane's own box in the preview.
  let box = trigger.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  (box ?? document.scrollingElement)?.scrollBy(0, over + 8);
}

/** Gives focus back to `trigger` when the operation left it on <body> and it is visible. */
export function returnFocus(trigger: HTMLElement | null): void {
  if (trigger?.isConnected && !trigger.closest("[hidden]") && document.activeElement === document.body) trigger.focus();
}

/**
 * WAI-ARIA tabs (manual activation aside): one tab stop for the row, the selected tab; Left/Right
 * move to the previous/next tab (wrapping), Home and End to the first and last, and `select`
 * is called with the tab's index (it shows the tab's panel and moves focus).
 */
export function rovingTabs(tabs: readonly HTMLElement[], selected: number, select: (index: number) => void): void {
  tabs.forEach((tab, i) => {
    tab.tabIndex = i === selected ? 0 : -1;
    tab.addEventListener("keydown", (e) => {
      const n = tabs.length;
      const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      select(to);
    });
  });
}
