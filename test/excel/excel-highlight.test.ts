// Highlighting the revealed cells ("Prikkekontroll") on the add-in's sheets, against the fake
// workbook: exactly those cells, on the add-in's sheet whatever it is called now, never on a
// user's sheet, in at most two round trips; clearing gives the sheets back as they were.

import { afterEach, describe, expect, it, vi } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { revealedCells } from "../../src/core/disclosure-audit.js";
import { buildLayouts } from "../../src/core/layout.js";
import { HIGHLIGHT_FILL, SUGGESTION_FILL, cellRects, clearHighlights, highlightRevealed, writerFill } from "../../src/excel/highlight.js";
import { BUNDLED_SUGGESTION, suggestionBySheet } from "../../src/taskpane/suggestion-view.js";
import { layoutSheet } from "../../src/excel/sheet-specs.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { type FakeExcel, type RichApiRequest, RichApiServer } from "@nav-tiltak/excel-simulator";
import { fakeHost, userDoes, widenDataset, workbookState } from "../helpers/excel-fake.js";

const ds = BUNDLED_DATASET;
const revealed = revealedCells(ds);
const layouts = buildLayouts(ds);
const TILTAK = "Tiltak og hovedgrupper";
const PER_HG = "Tiltaksgrupper per hovedgruppe";

/** "row:col" of every cell with the highlight fill on a sheet (grid from A1). */
function highlighted(fake: FakeExcel, sheet: string, fill = HIGHLIGHT_FILL): string[] {
  const out: string[] = [];
  fake.state.sheetView(sheet).cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.format.fillColor.toUpperCase() === fill) out.push(`${r}:${c}`);
    }),
  );
  return out;
}

const expected = (cells: readonly { row: number; col: number }[], dr = 0, dc = 0) => cells.map((c) => `${c.row + dr}:${c.col + dc}`).sort();

async function inserted(options: Parameters<typeof fakeHost>[0] = {}) {
  const h = fakeHost(options);
  const report = await insert(h.host, { dataset: ds, sheets: "all" });
  expect(report.ok, JSON.stringify(report.messages)).toBe(true);
  h.fake.stats.reset();
  return h;
}

/** Every sheet's formats and values, for "nothing else changed" comparisons. */
const sheets = (fake: FakeExcel) => Object.fromEntries(fake.state.sheetNames().map((n) => [n, fake.state.sheet(n)]));

describe("cell rectangles", () => {
  it("joins adjacent cells into rectangles and covers nothing else", () => {
    const cells = [
      { row: 5, col: 2 },
      { row: 5, col: 3 },
      { row: 6, col: 2 },
      { row: 6, col: 3 },
      { row: 6, col: 5 },
      { row: 9, col: 1 },
      { row: 5, col: 3 }, // duplicate
    ];
    const rects = cellRects(cells);
    expect(rects).toEqual([
      { row: 5, col: 2, rows: 2, cols: 2 },
      { row: 6, col: 5, rows: 1, cols: 1 },
      { row: 9, col: 1, rows: 1, cols: 1 },
    ]);
    const covered = rects.flatMap((r) =>
      Array.from({ length: r.rows * r.cols }, (_, i) => `${r.row + Math.floor(i / r.cols)}:${r.col + (i % r.cols)}`),
    );
    expect(covered.sort()).toEqual([...new Set(cells.map((c) => `${c.row}:${c.col}`))].sort());
  });

  it("knows the fill the writer gives a cell: none in the body, the header's own fill on the header", () => {
    const l = layouts.find((x) => x.name === TILTAK)!;
    const spec = layoutSheet(l);
    for (const c of revealed[TILTAK]!) expect(writerFill(spec, c.row, c.col)).toBeUndefined();
    expect(writerFill(spec, l.blocks[0]!.headerRow, 1)).toMatch(/^#[0-9A-F]{6}$/i);
  });
});

describe("highlightRevealed", () => {
  it("marks exactly the revealed cells, on the add-in's sheets only, in at most two round trips", async () => {
    const { fake, host } = await inserted();
    const before = sheets(fake);
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    expect(report.cells).toBe(16);
    expect(report.summary).toBe("16 celler markert på 2 ark.");
    expect(report.messages).toEqual([]);
    expect(report.sheets.map((s) => s.sheet).sort()).toEqual([TILTAK, PER_HG].sort());

    for (const name of fake.state.sheetNames()) {
      expect(highlighted(fake, name).sort(), name).toEqual(expected(revealed[name] ?? []));
    }
    // Nothing but the fill of those cells changed.
    const after = sheets(fake);
    for (const name of Object.keys(before)) {
      const cells = new Set(expected(revealed[name] ?? []));
      const a = after[name]!;
      const b = before[name]!;
      expect({ ...a, formats: undefined }, name).toEqual({ ...b, formats: undefined });
      a.formats.forEach((row, r) =>
        row.forEach((f, c) => {
          if (cells.has(`${r}:${c}`)) expect({ ...f, fillColor: "" }).toEqual({ ...b.formats[r]![c]!, fillColor: "" });
          else expect(f, `${name} ${r}:${c}`).toEqual(b.formats[r]![c]);
        }),
      );
    }
    // The «Nettbasert AMO» row: I alt, Arbeidssøkere and Nedsatt arbeidsevne are marked, Andre (empty) not.
    const view = fake.state.sheetView(TILTAK);
    const r = view.cells.findIndex((row) => row[0]!.text === "Nettbasert arbeidsmarkedsopplæring (AMO)");
    expect(view.cells[r]!.slice(1, 5).map((c) => [c.text, c.format.fillColor.toUpperCase() === HIGHLIGHT_FILL])).toEqual([
      ["*", true],
      ["", false],
      ["*", true],
      ["*", true],
    ]);
    // Shown where the user looks: the sheet with most of the cells.
    expect(fake.state.activeSheetName()).toBe(TILTAK);
  });

  it("finds a sheet the user renamed", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.getItem(TILTAK).name = "Mine tiltak";
    });
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok).toBe(true);
    expect(report.cells).toBe(16);
    expect(report.sheets.map((s) => s.sheet)).toContain("Mine tiltak");
    expect(highlighted(fake, "Mine tiltak").sort()).toEqual(expected(revealed[TILTAK]!));
  });

  it("marks a hidden add-in sheet without trying to show it", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.getItem("Hovedgrupper").activate();
      ctx.workbook.worksheets.getItem(TILTAK).visibility = "Hidden";
    });
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(highlighted(fake, TILTAK).sort()).toEqual(expected(revealed[TILTAK]!));
    expect(fake.state.activeSheetName()).toBe(PER_HG);
  });

  it("marks the add-in's «(2)» sheet, never the user's sheet with the table's name", async () => {
    const mine = { name: TILTAK, cells: { A1: [["Mine egne tall"], ["*", "*", "*", "*", "*"]] } };
    const { fake, host } = await inserted({ sheets: [mine] });
    const ours = `${TILTAK} (2)`;
    expect(fake.state.sheetNames()).toContain(ours);
    const userBefore = fake.state.sheet(TILTAK);
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(highlighted(fake, ours).sort()).toEqual(expected(revealed[TILTAK]!));
    expect(fake.state.sheet(TILTAK)).toEqual(userBefore);
    expect(highlighted(fake, TILTAK)).toEqual([]);
  });

  it("marks the right cells after the user moved the block with rows above it or a column left of it", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      const tiltak = ctx.workbook.worksheets.getItem(TILTAK);
      tiltak.getRange("1:2").insert("Down");
      tiltak.getRange("A1").values = [["Mine notater"]];
      ctx.workbook.worksheets.getItem(PER_HG).getRange("A:A").insert("Right");
    });
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(report.cells).toBe(16);
    expect(highlighted(fake, TILTAK).sort()).toEqual(expected(revealed[TILTAK]!, 2).sort());
    expect(highlighted(fake, PER_HG).sort()).toEqual(expected(revealed[PER_HG]!, 0, 1).sort());

    // And after a refresh, which writes the blocks where they are now, the marks land there again.
    const refreshed = await refresh(host, { dataset: ds });
    expect(refreshed.sheets.every((s) => !s.keptAs)).toBe(true);
    expect(highlighted(fake, TILTAK)).toEqual([]);
    await highlightRevealed(host, ds, revealed);
    expect(highlighted(fake, TILTAK).sort()).toEqual(expected(revealed[TILTAK]!, 2).sort());
    const cleared = await clearHighlights(host, ds, revealed);
    expect(cleared.ok).toBe(true);
    expect(highlighted(fake, TILTAK)).toEqual([]);
    expect(highlighted(fake, PER_HG)).toEqual([]);
  });

  it("reports sheets that are not inserted, and changes nothing", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, sheets: ["hovedgrupper"] });
    fake.stats.reset();
    const before = workbookState(fake);
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok).toBe(true);
    expect(report.cells).toBe(0);
    expect(report.syncs).toBe(1);
    expect(report.summary).toBe("Ingen celler ble markert. Se merknadene under.");
    expect(report.messages).toEqual([
      {
        level: "warning",
        text:
          `«${PER_HG}» og «${TILTAK}» er ikke satt inn i denne arbeidsboken, så cellene der kan ikke markeres. ` +
          "Bruk «Sett inn alle tabeller» under Tabeller først.",
      },
    ]);
    expect(workbookState(fake)).toEqual(before);
  });

  it("treats a deleted add-in sheet as not inserted", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => ctx.workbook.worksheets.getItem(TILTAK).delete());
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok).toBe(true);
    expect(report.cells).toBe(2);
    expect(report.messages.map((m) => m.text).join(" ")).toContain(`«${TILTAK}» er ikke satt inn`);
    expect(highlighted(fake, PER_HG).sort()).toEqual(expected(revealed[PER_HG]!));
  });

  it("leaves a protected sheet alone and says so", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => ctx.workbook.worksheets.getItem(TILTAK).protection.protect());
    const before = fake.state.sheet(TILTAK);
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok).toBe(true);
    expect(report.cells).toBe(2);
    expect(fake.state.sheet(TILTAK)).toEqual(before);
    expect(report.messages).toEqual([
      expect.objectContaining({ level: "warning", text: expect.stringContaining(`«${TILTAK}» er beskyttet`) }),
    ]);
  });

  it("leaves a sheet written from other figures alone until it is refreshed", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: widenDataset(ds, 2), sheets: "all" });
    const before = fake.state.sheet(TILTAK);
    const report = await highlightRevealed(host, ds, revealed);
    expect(fake.state.sheet(TILTAK)).toEqual(before);
    expect(report.messages.map((m) => m.text).join(" ")).toContain(`Arket «${TILTAK}» viser ikke de samme tallene`);
    await refresh(host, { dataset: ds });
    const again = await highlightRevealed(host, ds, revealed);
    expect(again.cells).toBe(16);
    expect(highlighted(fake, TILTAK).sort()).toEqual(expected(revealed[TILTAK]!));
  });

  it("has nothing to do when nothing is revealed", async () => {
    const { fake, host } = await inserted();
    const report = await highlightRevealed(host, ds, Object.fromEntries(layouts.map((l) => [l.name, []])));
    expect(report).toMatchObject({ ok: true, syncs: 0, cells: 0, summary: "Ingen avslørte celler å markere." });
    expect(fake.stats.runs).toBe(0);
  });

  it("refuses politely on Excel older than ExcelApi 1.7", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.6" });
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok).toBe(false);
    expect(report.messages[0]!.text).toContain("krever ExcelApi 1.7");
    expect(fake.stats.runs).toBe(0);
  });

  it("reports an Excel error and marks nothing", async () => {
    const { fake, host } = await inserted();
    fake.failOn({ when: (op) => op.member === "color" });
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok).toBe(false);
    expect(report.messages[0]!.text).toMatch(/^Excel stoppet operasjonen: /);
    expect(report.summary).toBe("Noe gikk galt i Excel. Se feilmeldingen under.");
  });
});

describe("clearHighlights", () => {
  it("gives the sheets back exactly as the writer left them", async () => {
    const { fake, host } = await inserted();
    const before = sheets(fake);
    await highlightRevealed(host, ds, revealed);
    fake.stats.reset();
    const report = await clearHighlights(host, ds, revealed);
    expect(report.ok).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    expect(report.summary).toBe("Markeringen er fjernet fra 16 celler på 2 ark.");
    expect(sheets(fake)).toEqual(before);
  });

  it("is not needed after a refresh, which rewrites the formats", async () => {
    const { fake, host } = await inserted();
    await highlightRevealed(host, ds, revealed);
    expect(highlighted(fake, TILTAK).length).toBeGreaterThan(0);
    await refresh(host, { dataset: ds });
    for (const name of fake.state.sheetNames()) expect(highlighted(fake, name), name).toEqual([]);
  });
});

/**
 * Copies of the requests the client sends from now on (copies: after an answer the client rewrites
 * the paths of objects it keeps to reference ids, in the request object itself).
 */
function recordRequests(): RichApiRequest[] {
  const seen: RichApiRequest[] = [];
  const execute = RichApiServer.prototype.execute;
  vi.spyOn(RichApiServer.prototype, "execute").mockImplementation(function (this: RichApiServer, request) {
    seen.push(structuredClone(request));
    return execute.call(this, request);
  });
  return seen;
}

/** First arguments of the object paths named `method` that the client sent (once per path and request). */
function pathCalls(requests: RichApiRequest[], method: string): unknown[] {
  return requests.flatMap((request) =>
    Object.values(request.ObjectPaths)
      .filter((p) => p.Name === method)
      .map((p) => p.ArgumentInfo?.Arguments?.[0]),
  );
}

describe("RangeAreas (ExcelApi 1.9)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("formats each sheet's cells through one getRanges call, with the same result", async () => {
    const { fake, host } = await inserted();
    const requests = recordRequests();
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    const calls = pathCalls(requests, "GetRanges");
    expect(calls).toHaveLength(2);
    expect(pathCalls(requests, "GetRangeByIndexes")).toEqual([]);
    // The «Nettbasert AMO» row's three cells: B alone, D:E as one area.
    const amo = revealed[TILTAK]!.filter((c) => c.rowLabel === "Nettbasert arbeidsmarkedsopplæring (AMO)");
    const row = amo[0]!.row + 1;
    expect(calls.join(", ")).toContain(`B${row}, D${row}:E${row}`);
    for (const name of fake.state.sheetNames()) expect(highlighted(fake, name).sort(), name).toEqual(expected(revealed[name] ?? []));

    const cleared = await clearHighlights(host, ds, revealed);
    expect(cleared.ok).toBe(true);
    expect(pathCalls(requests, "GetRanges")).toHaveLength(4);
    for (const name of fake.state.sheetNames()) expect(highlighted(fake, name), name).toEqual([]);
  });

  it("falls back to one range per rectangle where ExcelApi 1.9 is missing", async () => {
    const { fake, host } = await inserted({ apiVersion: "1.8" });
    const requests = recordRequests();
    const report = await highlightRevealed(host, ds, revealed);
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(pathCalls(requests, "GetRanges")).toEqual([]);
    expect(highlighted(fake, TILTAK).sort()).toEqual(expected(revealed[TILTAK]!));
  });
});

describe("marking «Forslag til sikker prikking»", () => {
  const suggested = suggestionBySheet(BUNDLED_SUGGESTION.cells);

  it("fills exactly the suggestion's cells in their own colour, and clearing gives the sheets back", async () => {
    const { fake, host } = await inserted();
    const before = sheets(fake);
    const report = await highlightRevealed(host, ds, suggested, { kind: "suggestion", period: BUNDLED_SUGGESTION.period });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(report.cells).toBe(BUNDLED_SUGGESTION.cells.length);
    expect(report.summary).toBe(`${BUNDLED_SUGGESTION.cells.length} celler fra forslaget markert på 2 ark.`);
    for (const name of fake.state.sheetNames()) {
      expect(highlighted(fake, name, SUGGESTION_FILL).sort(), name).toEqual(expected(suggested[name] ?? []));
      // Not the red of a revealed «*»: the two markings can be told apart.
      expect(highlighted(fake, name), name).toEqual([]);
    }
    const cleared = await clearHighlights(host, ds, suggested, { kind: "suggestion", period: BUNDLED_SUGGESTION.period });
    expect(cleared.summary).toBe(`Markeringen er fjernet fra ${BUNDLED_SUGGESTION.cells.length} celler fra forslaget på 2 ark.`);
    expect(sheets(fake)).toEqual(before);
  });
});
