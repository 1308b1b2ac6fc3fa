// The "Prikkekontroll" view: its texts and per-sheet findings (in Node), and how it is bundled:
// the solver is a lazily loaded chunk, not part of what the task pane page loads at startup.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isDevelopmentFile } from "../../src/build/hosting.mjs";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import type { RevealedCell } from "../../src/core/disclosure-audit.js";
import { columnText, compute, lastYearText, rowText, summaryText, totals, valueText } from "../../src/taskpane/disclosure-results.js";
import { BUNDLED_SUGGESTION, UNITS_TEXT, suggestionBySheet, suggestionTsv } from "../../src/taskpane/suggestion-view.js";
import { buildOnce } from "../helpers/build.js";
import { decemberDataset } from "../helpers/december.js";

const { cells, findings } = compute(BUNDLED_DATASET, BUNDLED_DATASET.periods.at(-1)!.period);
const find = (sheet: string, row: string, col: string): RevealedCell =>
  cells[sheet]!.find((c) => c.rowLabel === row && c.colLabel === col)!;

function cell(over: Partial<RevealedCell>): RevealedCell {
  return {
    table: "T",
    row: 5,
    col: 1,
    rowLabel: "Rad",
    colLabel: "I alt",
    hovedgruppe: "I alt",
    kind: "count",
    min: 1,
    max: 2,
    pinned: false,
    domain: { min: 1, max: 3 },
    narrowed: true,
    ...over,
  };
}

describe("Prikkekontroll texts", () => {
  it("sums up the publication: 16 of 16 suppressed cells can be worked out", () => {
    expect(totals(findings)).toEqual({ suppressed: 16, pinned: 16, narrowed: 0 });
    expect(summaryText(totals(findings))).toBe("16 av 16 prikkede celler kan regnes ut eksakt.");
    const bySheet = Object.fromEntries(findings.map((f) => [f.sheet, [f.pinned, f.suppressed]]));
    expect(bySheet).toEqual({
      Hovedgrupper: [0, 0],
      Tiltaksgrupper: [0, 0],
      "Tiltaksgrupper per hovedgruppe": [2, 2],
      "Tiltaksgrupper x hovedgrupper": [0, 0],
      "Tiltak og hovedgrupper": [14, 14],
    });
  });

  it("shows a pinned count as «= 2», with its column and address", () => {
    const amo = find("Tiltak og hovedgrupper", "Nettbasert arbeidsmarkedsopplæring (AMO)", "I alt");
    expect(valueText(amo)).toBe("= 2");
    expect(rowText(amo)).toBe("Nettbasert arbeidsmarkedsopplæring (AMO)");
    expect(columnText(amo)).toBe(`I alt (B${amo.row + 1})`);
    expect(lastYearText(amo)).toBe("");
  });

  it("shows a change with the last-year count it gives away, and names the hovedgruppe", () => {
    const change = find("Tiltaksgrupper per hovedgruppe", "Jobbskaping og egenetablering", "Endring fra i fjor Antall");
    expect(valueText(change)).toBe("= -1");
    expect(lastYearText(change)).toBe("i fjor: 1");
    expect(rowText(change)).toBe("Andre på tiltak: Jobbskaping og egenetablering");
    const percent = find("Tiltaksgrupper per hovedgruppe", "Jobbskaping og egenetablering", "Endring fra i fjor Prosent");
    expect(valueText(percent)).toBe("= -100 %");
    expect(lastYearText(percent)).toBe("");
  });

  it("shows ranges when the figures only narrow a cell", () => {
    expect(valueText(cell({}))).toBe("1–2");
    expect(valueText(cell({ kind: "change", min: -3, max: -1 }))).toBe("-3 til -1");
    expect(lastYearText(cell({ kind: "change", min: -3, max: -2, lastYear: { min: 2, max: 3, pinned: false } }))).toBe("i fjor: 2–3");
    expect(valueText(cell({ min: 2, max: 2, pinned: true }))).toBe("= 2");
  });

  it("audits the period the pane shows, not the newest", () => {
    const december = decemberDataset().periods[0]!;
    const both = { ...BUNDLED_DATASET, periods: [...BUNDLED_DATASET.periods, december] };
    const november = BUNDLED_DATASET.periods.at(-1)!.period;
    const shown = compute(both, november);
    expect(shown.period).toBe(november);
    expect(shown.findings).toEqual(findings);
    expect(compute(both, december.period).period).toBe(december.period);
  });

  it("words the summary for every case", () => {
    expect(summaryText({ suppressed: 0, pinned: 0, narrowed: 0 })).toBe("Ingen prikkede celler.");
    expect(summaryText({ suppressed: 1, pinned: 0, narrowed: 0 })).toBe("Den prikkede cellen kan ikke regnes ut fra summene.");
    expect(summaryText({ suppressed: 5, pinned: 0, narrowed: 0 })).toBe("Ingen av de 5 prikkede cellene kan regnes ut fra summene.");
    expect(summaryText({ suppressed: 1, pinned: 1, narrowed: 0 })).toBe("1 av 1 prikket celle kan regnes ut eksakt.");
    expect(summaryText({ suppressed: 5, pinned: 2, narrowed: 1 })).toBe(
      "2 av 5 prikkede celler kan regnes ut eksakt. 1 til kan snevres inn.",
    );
  });
});

describe("«Forslag til sikker prikking» as a list and per sheet", () => {
  it("copies as tab-separated lines: a header, then one line per cell with its address and symbol", () => {
    const lines = suggestionTsv(BUNDLED_SUGGESTION.cells).split("\n");
    expect(lines[0]).toBe("Ark\tCelle\tRad\tKolonne\tVis som");
    expect(lines).toHaveLength(BUNDLED_SUGGESTION.cells.length + 1);
    const c = BUNDLED_SUGGESTION.cells[0]!;
    expect(lines[1]!.split("\t")).toEqual([
      c.sheet,
      `${String.fromCharCode(65 + c.col)}${c.row + 1}`,
      expect.stringContaining(c.rowLabel),
      c.colLabel,
      c.symbol,
    ]);
  });

  it("groups the cells per sheet for marking, every cell once", () => {
    const by = suggestionBySheet(BUNDLED_SUGGESTION.cells);
    expect(Object.keys(by)).toEqual(["Tiltaksgrupper per hovedgruppe", "Tiltak og hovedgrupper"]);
    expect(Object.values(by).flat()).toHaveLength(BUNDLED_SUGGESTION.cells.length);
    // The two units the view uses, explained in one line.
    expect(UNITS_TEXT).toMatch(/«Celler».*«tall»/);
  });
});

/**
 * What is honest to count: the 60 KB budget in build.test.ts is for what taskpane.html loads at
 * startup (every session pays it; the page is also the custom functions' shared runtime). The
 * Prikkekontroll chunk loads only when that view is opened, so it gets a budget of its own, and
 * startup plus every lazy chunk (the writer at the first insert, the chart data in «Diagrammer»,
 * code those two share, Prikkekontroll, «Egen fil») together get one too: a whole session that uses
 * every feature loads no more than this. It was 81 885 bytes (80 KiB budget) when A1 addresses became a
 * package shared with the Excel simulator and the writer's and pane's long functions were split:
 * about 0.6 KB more in a production build, and in this build (with the preview page) the chunk the
 * writer and Prikkekontroll share also carries the A1 code the simulator uses (webpack generates a
 * shared module once for every runtime that loads it), 1.3 KB in all. Hence 82 KiB, plus «Egen fil»'s
 * two chunks' own budget (test/pane/user-file-build.test.ts): the card, loaded after start to read back a
 * kept file, and the import and audit, loaded only with a file.
 */
const LAZY_BUDGET_GZIP = 14 * 1024;
// NAV's time series (issue 22) add =NAV.SERIE to the functions bundle and the «..» symbol to the
// rule and the layouts: about 0.7 KB gzip. Reading them in «Egen fil» adds the TILT reader to its
// audit chunk and the zip and XML libraries (fflate, fast-xml-parser: about 24 KB gzip) as a chunk
// only that one loads: «Egen fil» is 48 KiB of this budget, all of it loaded only with a file.
// The line chart over months (the series data in the Diagrammer chunk, 3.6 KB) and the period
// picker at start-up (0.5 KB) add 4 KiB more. NAV-shaped time-series sheets in the writer
// (core/series-layout.ts with the TILT names, suppression and notes it shares with «Egen fil»'s
// reader, the request record's short form) and «Sett inn tidsserier» at start-up (0.3 KB) add
// 2.5 KB (136 033 → 138 545 bytes): 3 KiB more. A chunk of their own would cost 0.4 KB more in all.
const ALL_PANE_JS_BUDGET_GZIP = 82 * 1024 + 48 * 1024 + 4 * 1024 + 3 * 1024;

describe("Prikkekontroll in the production build", () => {
  const gz = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const scripts = (html: string) => [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>?]+)/g)].map((m) => m[1]!);

  it("loads the solver as a chunk of its own, not at startup", async () => {
    const dist = await buildOnce();
    const startup = scripts(readFileSync(join(dist, "taskpane.html"), "utf8")).filter((s) => !/^https?:/.test(s));
    // Not lazy: the development pages' bundles, and functions.js (the manifest's stable-named copy
    // of the functions bundle the page loads).
    const lazy = readdirSync(dist).filter(
      (f) => f.endsWith(".js") && !startup.includes(f) && !isDevelopmentFile(f) && f !== "functions.js",
    );
    // Named by the import's webpackChunkName (a content hash may follow, for caching).
    const chunk = lazy.find((f) => /^prikkekontroll(\.[0-9a-f]+)?\.js$/.test(f));
    expect(chunk, lazy.join(", ")).toBeDefined();
    // A Norwegian text of the solver survives minification: it must be in the chunk only.
    const marker = "fjorårets antall (Antall − Endring)";
    expect(readFileSync(join(dist, chunk!), "utf8")).toContain(marker);
    for (const s of startup) expect(readFileSync(join(dist, s), "utf8"), s).not.toContain(marker);
    // «Forslag til sikker prikking» is computed at build time and read from its JSON in this chunk:
    // neither protection nor HiGHS is in any file of the pane.
    const suggestion = "Forslag til sikker prikking";
    expect(readFileSync(join(dist, chunk!), "utf8")).toContain(suggestion);
    for (const s of startup) expect(readFileSync(join(dist, s), "utf8"), s).not.toContain(suggestion);
    for (const f of [...startup, ...lazy]) {
      const text = readFileSync(join(dist, f), "utf8");
      expect(text, f).not.toContain("highs.wasm");
      expect(text, f).not.toContain("Skjermingen fant ingen løsning");
    }
    // The page finds the chunk next to itself (no absolute or external URL baked in).
    const pane = startup.find((s) => s.startsWith("taskpane."));
    expect(pane, startup.join(", ")).toBeDefined();
    expect(readFileSync(join(dist, pane!), "utf8")).toContain("prikkekontroll");

    const sizes = Object.fromEntries([...startup, ...lazy].map((f) => [f, gz(dist, f)]));
    // This budget is Prikkekontroll's own chunk (the writer and the chart data are other chunks).
    const lazyTotal = sizes[chunk!]!;
    const all = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`task pane JavaScript, gzip: ${JSON.stringify(sizes)}; Prikkekontroll ${lazyTotal}, all ${all} bytes`);
    expect(lazyTotal, JSON.stringify(sizes)).toBeLessThanOrEqual(LAZY_BUDGET_GZIP);
    expect(all, JSON.stringify(sizes)).toBeLessThanOrEqual(ALL_PANE_JS_BUDGET_GZIP);
  }, 200_000); // the shared production build may start here
});
