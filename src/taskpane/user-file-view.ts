// «Egen fil»: the analyst's own NAV file in the pane. A real <input type="file"> (keyboard, screen
// reader and the system's own picker, nothing uploaded: the browser reads the file), progress while
// it is read, checked and kept, and one announcement when it is done (this card's status region).
// Findings are listed with file and line; a rejected file changes nothing. Loaded lazily by app.ts,
// which also hands it the pane's way to take a new dataset; at start it reads back what the
// workbook keeps (user-file-session.ts).

import { formatFinding, type Finding } from "../core/findings.js";
import { MAX_FILE_BYTES } from "../core/limits.js";
import type { Dataset } from "../core/types.js";
import type { UserFile } from "../core/user-file/read-user-files.js";
import type { ExcelHost } from "../excel/operation-types.js";
import { append, clear, h } from "./dom.js";
import { removeUserFiles, restoreUserFiles, useUserFiles, type UserFileOutcome } from "./user-file-session.js";

export interface UserFileContext {
  host: ExcelHost;
  /** The bundled months the user's join. */
  base: Dataset;
  /** Makes the pane's views use `dataset` (app.ts). */
  onDataset(dataset: Dataset): void;
}

const CSS = `
.nav-pane .file-input { display: block; width: 100%; margin: 4px 0 0; font: inherit; }
.nav-pane .file-input:focus-visible { outline: 2px solid var(--focus-stroke-outer, #000); outline-offset: 2px; }
.nav-pane .user-file-findings { margin: 8px 0 0; padding: 0; list-style: none; }
`;

const LEVEL: Record<Finding["severity"], string> = { error: "message-error", warning: "message-warning" };

/** The file's bytes, unless it is over the limit: then only its size, so it is never read into memory. */
async function readFile(file: File): Promise<UserFile> {
  if (file.size > MAX_FILE_BYTES) return { name: file.name, bytes: new Uint8Array(0), size: file.size };
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Lets the browser paint (progress) before the synchronous audit runs. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// eslint-disable-next-line max-lines-per-function -- builds the card and wires its two actions
export function mountUserFile(container: HTMLElement, ctx: UserFileContext): void {
  const style = document.createElement("style");
  style.textContent = CSS;
  document.head.appendChild(style);

  let current: Pick<UserFileOutcome, "dataset" | "kept" | "months"> = { dataset: ctx.base, kept: [], months: [] };
  let busy = false;
  const input = h("input", {
    type: "file",
    id: "egen-fil",
    class: "file-input",
    accept: ".txt,.xlsx,text/plain",
    multiple: true,
    "aria-describedby": "egen-fil-hint egen-fil-i-bruk",
  }) as HTMLInputElement;
  const remove = h("fluent-button", { id: "fjern-egen-fil", appearance: "neutral", type: "button", hidden: true }, "Fjern egen fil");
  const inUse = h("p", { id: "egen-fil-i-bruk", class: "hint" }, "Ingen egen fil i arbeidsboken.");
  const progress = h("fluent-progress", {
    class: "status-progress",
    hidden: true,
    "aria-label": "Fremdrift for egen fil",
    min: 0,
    max: 100,
  });
  const progressText = h("p", { class: "hint", hidden: true });
  const status = h("div", { role: "status", id: "egen-fil-status", class: "status-text" });
  const findings = h("ul", { class: "user-file-findings", id: "egen-fil-funn", "aria-label": "Funn i filen", hidden: true });

  const showState = () => {
    inUse.textContent =
      current.kept.length === 0
        ? "Ingen egen fil i arbeidsboken."
        : `I bruk fra arbeidsboken: ${current.kept.map((f) => `«${f.name}»`).join(", ")}${current.months.length > 0 ? ` (${current.months.join(", ")})` : ""}.`;
    remove.hidden = current.kept.length === 0;
  };
  const showProgress = (fraction: number | null, text = "") => {
    progress.hidden = progressText.hidden = fraction === null;
    if (fraction !== null) progress.setAttribute("value", String(Math.round(fraction * 100)));
    progressText.textContent = text;
  };
  const finish = (outcome: Pick<UserFileOutcome, "ok" | "summary" | "findings">) => {
    showProgress(null);
    clear(findings);
    for (const f of outcome.findings) append(findings, h("li", { class: `message ${LEVEL[f.severity]}` }, formatFinding(f)));
    findings.hidden = outcome.findings.length === 0;
    // The one announcement: the findings are in place before it, for a screen reader to go on to.
    status.textContent = outcome.summary;
    container.dataset.state = outcome.ok ? "ok" : "error";
  };
  const apply = (outcome: UserFileOutcome) => {
    if (outcome.dataset !== current.dataset) ctx.onDataset(outcome.dataset);
    current = outcome;
    showState();
  };
  const failed = (error: unknown) => finish({ ok: false, summary: error instanceof Error ? error.message : String(error), findings: [] });

  const run = async (work: () => Promise<UserFileOutcome>) => {
    if (busy) return;
    busy = true;
    container.setAttribute("aria-busy", "true");
    try {
      const outcome = await work();
      if (outcome.ok) apply(outcome);
      finish(outcome);
    } catch (error) {
      failed(error);
    } finally {
      busy = false;
      container.removeAttribute("aria-busy");
    }
  };

  input.addEventListener("change", () => {
    const picked = [...(input.files ?? [])];
    if (picked.length === 0) return;
    void run(async () => {
      status.textContent = "";
      const files: UserFile[] = [];
      for (const [i, file] of picked.entries()) {
        showProgress(i / (picked.length + 2), `Leser «${file.name}» (${i + 1} av ${picked.length})`);
        files.push(await readFile(file));
      }
      showProgress(picked.length / (picked.length + 2), "Kontrollerer filen");
      await nextFrame();
      const outcome = await useUserFiles(ctx.host, ctx.base, current, files, (f, text) => showProgress(f, text));
      // The same file can be picked again after it is fixed.
      input.value = "";
      return outcome;
    });
  });
  remove.addEventListener("click", () => {
    void run(() => removeUserFiles(ctx.host, ctx.base));
  });

  append(
    container,
    h(
      "section",
      { class: "card", "aria-labelledby": "egen-fil-heading" },
      h("h2", { id: "egen-fil-heading" }, "Egen fil"),
      h(
        "p",
        { class: "hint", id: "egen-fil-hint" },
        "NAVs tekstfil for en måned tillegget ikke har (.txt), eller NAVs tidsserie-regneark (TILT100–TILT180, .xlsx). Filen kontrolleres som i kommandolinjen, leses bare på denne maskinen " +
          "og lagres i arbeidsboken, så Oppdater, tabellene og NAV-funksjonene bruker den. Et nytt valg erstatter det forrige.",
      ),
      inUse,
      h("label", { for: "egen-fil", class: "label" }, "Bruk egen fil"),
      input,
      progress,
      progressText,
      status,
      findings,
      h("div", { class: "actions" }, remove),
    ),
  );

  // What the workbook keeps is read back once, quietly unless something is wrong with it.
  void restoreUserFiles(ctx.host, ctx.base).then((outcome) => {
    if (!outcome) return;
    apply(outcome.ok ? outcome : { ...outcome, dataset: current.dataset });
    if (!outcome.ok || outcome.findings.some((f) => f.severity === "error")) finish(outcome);
  }, failed);
}
