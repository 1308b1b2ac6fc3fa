// Development page (npm start → /preview.html): the real task pane beside a fake workbook held in
// memory and drawn as a grid. The page loads Microsoft's Excel client library (a <script> tag in
// preview.html, before this bundle) and the fake answers its requests, so the pane runs exactly the
// Office.js code it runs in Excel, through Microsoft's client. Used by the browser tests.
//
// As in Excel, a click on a sheet tab activates that sheet in the workbook (the state the add-in's
// getActiveWorksheet() reads), and cells can be typed into (grid-edit.ts), so a newcomer can see
// what «Oppdater» does with a changed cell. The page never chooses what to show by itself: it
// always draws the workbook's active sheet, so it shows what Excel would show after an operation.
//
// ?api=1.7 simulates an older Excel (no PivotTables, no custom properties).
// ?feil=N makes the N-th Excel operation fail (GeneralException), to see how the pane reports it.
// navTiltakPreview.reopen() in the console «saves, closes and reopens» the workbook: a new fake on a
// copy of its state, a fresh functions dataset and a new pane, as a new Excel session would start.

import {
  chartViews,
  createFakeExcel,
  type CellFormat,
  type SheetView,
  browserOfficeClient,
  pageLibrary,
} from "@nav-tiltak/excel-simulator";
import { columnLetters } from "@nav-tiltak/a1";
import { NavFunctions, type ScalarFunctionId } from "../core/functions.js";
import { EXCEL_ERROR_TEXT, type Arg } from "../core/lookup.js";
import { officeHost } from "../excel/host.js";
import { activeDataset, useDataset } from "../functions/dataset-source.js";
import { startPane } from "../taskpane/app.js";
import { clear, h } from "../taskpane/dom.js";
import { rovingTabs } from "../taskpane/a11y.js";
import { chartSvg } from "./chart-svg.js";
import { gridEditor } from "./grid-edit.js";
import { installPreviewOffice } from "./office-globals.js";

const params = new URLSearchParams(location.search);
const apiVersion = params.get("api") ?? "1.17";
const library = pageLibrary();
let fake = createFakeExcel({ apiVersion: /^\d+\.\d+$/.test(apiVersion) ? apiVersion : "1.17", client: browserOfficeClient(library) });
const failAt = Number(params.get("feil"));
if (Number.isInteger(failAt) && failAt > 0) fake.failOn({ nth: failAt, code: "GeneralException", message: "Simulert feil i Excel" });
installPreviewOffice(fake, library);
// For poking at the workbook from the browser console (and the browser tests): the fake, a reopen,
// and a NAV.* function as the functions bundle answers it (over the same dataset-source.ts).
(globalThis as { navTiltakPreview?: unknown }).navTiltakPreview = {
  get fake() {
    return fake;
  },
  reopen,
  call(id: ScalarFunctionId, ...args: Arg[]) {
    const r = new NavFunctions(activeDataset()).call(id, args);
    return r.error ? `${EXCEL_ERROR_TEXT[r.error.kind]} ${r.error.message}` : r.value;
  },
};

const gridEl = document.getElementById("grid")!;
const tabsEl = document.getElementById("tabs")!;
const noteEl = document.getElementById("grid-note")!;

const MAX_ROWS = 300;
/** Empty rows and columns drawn past the used range, to type into (and a grid for an empty sheet). */
const SPARE_ROWS = 5;
const SPARE_COLS = 2;
const MIN_ROWS = 20;
const MIN_COLS = 8;
/** Excel's default column width (8.43 characters) in points. */
const DEFAULT_WIDTH_PT = 48;
const ptToPx = (pt: number) => Math.round((pt * 4) / 3);

function border(b: CellFormat["borders"]["top"]): string {
  if (!b || b.style === "None") return "";
  const width = b.weight === "Thick" ? 3 : b.weight === "Medium" ? 2 : 1;
  const style = b.style === "Double" ? "double" : b.style.startsWith("Dash") ? "dashed" : b.style === "Dot" ? "dotted" : "solid";
  return `${width}px ${style} ${b.color || "#000"}`;
}

function cellStyle(td: HTMLElement, f: CellFormat, isNumber: boolean): void {
  const s = td.style;
  if (f.bold) s.fontWeight = "bold";
  if (f.italic) s.fontStyle = "italic";
  if (f.fontColor && f.fontColor.toUpperCase() !== "#000000") s.color = f.fontColor;
  if (f.fillColor && f.fillColor.toUpperCase() !== "#FFFFFF") s.background = f.fillColor;
  if (f.fontSize && f.fontSize !== 11) s.fontSize = `${Math.round((f.fontSize * 4) / 3)}px`;
  const align = f.horizontalAlignment === "General" ? (isNumber ? "right" : "left") : f.horizontalAlignment.toLowerCase();
  s.textAlign = align === "centeracrossselection" ? "center" : align;
  if (f.wrapText) td.classList.add("wrap");
  for (const side of ["top", "bottom", "left", "right"] as const) {
    const css = border(f.borders[side]);
    if (css) s.setProperty(`border-${side}`, css);
  }
}

function drawGrid(view: SheetView, cover: { rows: number; cols: number }): HTMLTableElement {
  const rowCount = Math.min(MAX_ROWS, Math.max(MIN_ROWS, view.rowCount + SPARE_ROWS, cover.rows));
  const columnCount = Math.max(MIN_COLS, view.columnCount + SPARE_COLS, cover.cols);
  const widths = Array.from({ length: columnCount }, (_, c) => ptToPx(view.columnWidths[c] ?? DEFAULT_WIDTH_PT));
  const table = h("table", { class: "grid", "aria-label": `Arket ${view.name}`, "data-sheet": view.name }) as HTMLTableElement;
  const cols = h("colgroup", {}, h("col", { style: "width: 40px" }));
  widths.forEach((w) => cols.appendChild(h("col", { style: `width: ${w}px` })));
  // A fixed-layout table takes its columns' widths only when its own width is their sum.
  table.style.width = `${40 + widths.reduce((sum, w) => sum + w, 0)}px`;
  table.appendChild(cols);
  const head = h("tr", {}, h("th", { class: "row corner" }, ""));
  for (let c = 0; c < columnCount; c++) head.appendChild(h("th", { scope: "col" }, columnLetters(c)));
  table.appendChild(h("thead", {}, head));
  const body = h("tbody");
  for (let r = 0; r < rowCount; r++) {
    const row = view.cells[r] ?? [];
    const tr = h("tr", { ...(view.frozenRows > 0 && r === view.frozenRows - 1 ? { class: "frozen-last" } : {}) });
    const height = view.rowHeights[r];
    if (height && height !== 15) tr.style.height = `${ptToPx(height)}px`;
    tr.appendChild(h("th", { class: "row", scope: "row" }, r + 1));
    for (let c = 0; c < columnCount; c++) {
      const cell = row[c];
      const address = `${columnLetters(c)}${r + 1}`;
      const td = h("td", { id: `celle-${address}`, "data-address": address }, cell?.text ?? "");
      if (cell) {
        cellStyle(td, cell.format, typeof cell.value === "number");
        if (cell.formula !== undefined) td.dataset.formula = cell.formula;
        // Text runs on over empty neighbours, as in Excel.
        if (typeof cell.value === "string" && cell.text !== "" && !cell.format.wrapText && (row[c + 1]?.text ?? "") === "") {
          td.classList.add("spill");
        }
      }
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  table.appendChild(body);
  return table;
}

const editor = gridEditor({
  commit: (sheet, row, col, text) => fake.state.setValues(sheet, `${columnLetters(col)}${row + 1}`, [[text]]),
  say: (text) => {
    noteEl.textContent = text;
  },
  changed: () => render(),
});

function render(): void {
  const names = fake.state.sheetNames();
  const shown = fake.state.activeSheetName();
  const hadFocus = tabsEl.contains(document.activeElement);
  clear(tabsEl);
  const tabs = names.map((name) =>
    h(
      "button",
      { type: "button", role: "tab", "aria-selected": String(name === shown), "aria-controls": "grid", "data-sheet": name },
      name,
    ),
  );
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => activate(names[i]!, false));
    tabsEl.appendChild(tab);
  });
  // Arrow keys, Home and End move between the tabs and activate the sheet, as the pane's tabs do.
  rovingTabs(tabs, names.indexOf(shown), (i) => activate(names[i]!, true));
  if (hadFocus) tabs[names.indexOf(shown)]?.focus();
  const gridHadFocus = gridEl.contains(document.activeElement);
  noteEl.textContent = "";
  clear(gridEl);
  const charts = chartViews(fake.state, shown);
  // The grid reaches at least as far as the cells the charts cover.
  const cover = { rows: 0, cols: 0 };
  for (const c of charts) {
    if (!c.position) continue;
    cover.rows = Math.max(cover.rows, c.position.row + c.position.rows);
    cover.cols = Math.max(cover.cols, c.position.col + c.position.cols);
  }
  const grid = drawGrid(fake.state.sheetView(shown), cover);
  editor.attach(grid, shown);
  const sheet = h("div", { class: "wb-sheet" }, grid);
  gridEl.appendChild(sheet);
  // Typing on after an edit: the redrawn grid keeps the keyboard focus the old one had.
  if (gridHadFocus) grid.focus({ preventScroll: true });
  // Charts float over the cells they were placed on (Chart.setPosition), at that size, as in Excel.
  let below = grid.offsetHeight + 16;
  for (const c of charts) {
    const from = c.position && grid.querySelector<HTMLElement>(`#celle-${columnLetters(c.position.col)}${c.position.row + 1}`);
    const to =
      c.position &&
      grid.querySelector<HTMLElement>(`#celle-${columnLetters(c.position.col + c.position.cols - 1)}${c.position.row + c.position.rows}`);
    const box =
      from && to
        ? {
            left: from.offsetLeft,
            top: from.offsetTop,
            width: to.offsetLeft + to.offsetWidth - from.offsetLeft,
            height: to.offsetTop + to.offsetHeight - from.offsetTop,
          }
        : { left: 40, top: below, width: 480, height: 0 };
    const svg = chartSvg(c, box.width, box.height || undefined);
    svg.style.left = `${box.left}px`;
    svg.style.top = `${box.top}px`;
    sheet.appendChild(svg);
    if (!from || !to) below += svg.getBoundingClientRect().height + 16;
  }
}

/** A tab click: the sheet becomes the workbook's active sheet, as in Excel. */
function activate(name: string, focusTab: boolean): void {
  fake.state.activateSheet(name);
  render();
  if (focusTab) tabsEl.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
}

function start(): void {
  startPane(document.getElementById("pane")!, officeHost(), {
    // Draws the workbook's active sheet: the one the user clicked, unless the add-in activated another.
    onWorkbookChanged: () => render(),
  });
}

function reopen(): void {
  fake = fake.fork();
  installPreviewOffice(fake, library);
  useDataset(undefined);
  clear(document.getElementById("pane")!);
  start();
  render();
}

start();
render();
