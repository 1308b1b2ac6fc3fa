// Development page (npm start → /preview.html): the real task pane beside a fake workbook held in
// memory and drawn as a grid. The page loads Microsoft's Excel client library (a <script> tag in
// preview.html, before this bundle) and the fake answers its requests, so the pane runs exactly the
// Office.js code it runs in Excel, through Microsoft's client. Used by the browser tests.
//
// ?api=1.7 simulates an older Excel (no PivotTables, no custom properties).
// ?feil=N makes the N-th Excel operation fail (GeneralException), to see how the pane reports it.
// navTiltakPreview.reopen() in the console «saves, closes and reopens» the workbook: a new fake on a
// copy of its state, a fresh functions dataset and a new pane, as a new Excel session would start.

import { NavFunctions, type ScalarFunctionId } from "../core/functions.js";
import { EXCEL_ERROR_TEXT, type Arg } from "../core/lookup.js";
import { chartViews, createFakeExcel, type CellFormat, type SheetView } from "../fake-excel/index.js";
import { officeHost } from "../excel/host.js";
import { browserOfficeClient, pageLibrary } from "../office-client/browser.js";
import { activeDataset, useDataset } from "../functions/dataset-source.js";
import { startPane } from "../taskpane/app.js";
import { clear, h } from "../taskpane/dom.js";
import { chartSvg } from "./chart-svg.js";
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
let shown: string | null = null;

const MAX_ROWS = 300;
const ptToPx = (pt: number) => Math.round((pt * 4) / 3);

function columnName(c: number): string {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

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

function drawGrid(view: SheetView): HTMLElement {
  if (view.rowCount === 0) return h("p", { class: "wb-empty" }, "Arket er tomt.");
  const table = h("table", { class: "grid", "aria-label": `Arket ${view.name}`, "data-sheet": view.name });
  const cols = h("colgroup", {}, h("col", { style: "width: 40px" }));
  view.columnWidths.forEach((w) => cols.appendChild(h("col", { style: `width: ${ptToPx(w)}px` })));
  // A fixed-layout table takes its columns' widths only when its own width is their sum.
  table.style.width = `${40 + view.columnWidths.reduce((sum, w) => sum + ptToPx(w), 0)}px`;
  table.appendChild(cols);
  const head = h("tr", {}, h("th", { class: "row" }, ""));
  for (let c = 0; c < view.columnCount; c++) head.appendChild(h("th", { scope: "col" }, columnName(c)));
  table.appendChild(h("thead", {}, head));
  const body = h("tbody");
  view.cells.slice(0, MAX_ROWS).forEach((row, r) => {
    const tr = h("tr", { ...(view.frozenRows > 0 && r === view.frozenRows - 1 ? { class: "frozen-last" } : {}) });
    const height = view.rowHeights[r];
    if (height && height !== 15) tr.style.height = `${ptToPx(height)}px`;
    tr.appendChild(h("th", { class: "row", scope: "row" }, r + 1));
    row.forEach((cell, c) => {
      const td = h("td", {}, cell.text);
      cellStyle(td, cell.format, typeof cell.value === "number");
      // Text runs on over empty neighbours, as in Excel.
      if (typeof cell.value === "string" && cell.text !== "" && !cell.format.wrapText && (row[c + 1]?.text ?? "") === "") {
        td.classList.add("spill");
      }
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  table.appendChild(body);
  return table;
}

function render(): void {
  const names = fake.state.sheetNames();
  const active = fake.state.activeSheetName();
  if (shown === null || !names.includes(shown)) shown = active;
  clear(tabsEl);
  for (const name of names) {
    const tab = h("button", { type: "button", role: "tab", "aria-selected": String(name === shown), "data-sheet": name }, name);
    tab.addEventListener("click", () => {
      shown = name;
      render();
    });
    tabsEl.appendChild(tab);
  }
  clear(gridEl);
  const grid = drawGrid(fake.state.sheetView(shown));
  // Charts float beside the sheet's data, as the add-in places them in Excel.
  const charts = chartViews(fake.state, shown);
  if (charts.length === 0) gridEl.appendChild(grid);
  else gridEl.appendChild(h("div", { class: "wb-with-charts" }, grid, h("div", { class: "wb-charts" }, ...charts.map((c) => chartSvg(c)))));
}

function start(): void {
  startPane(document.getElementById("pane")!, officeHost(), {
    onWorkbookChanged: () => {
      // Show the sheet the add-in activated, as Excel would.
      shown = fake.state.activeSheetName();
      render();
    },
  });
}

function reopen(): void {
  fake = fake.fork();
  installPreviewOffice(fake, library);
  useDataset(undefined);
  clear(document.getElementById("pane")!);
  shown = null;
  start();
  render();
}

start();
render();
