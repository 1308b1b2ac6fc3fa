// Draws a chart of the fake workbook as SVG for the preview page: a clustered bar chart laid out
// as Excel lays one out by default (title on top, categories on the vertical axis with the first
// category at the bottom, a bar per series in each category, gaps for empty cells, value gridlines,
// axis titles, legend at the chosen place). With the category axis's reversePlotOrder set, the
// first category is at the top and the value axis's labels move to the top too, since that axis
// still crosses at the first category (Excel's "Categories in reverse order"). Drawn at the size
// of the cells the chart covers. Enough to look at, not a chart engine.

import type { ChartView } from "@nav-tiltak/excel-simulator";
import { formatInteger } from "../core/text.js";

const SVG = "http://www.w3.org/2000/svg";
/** Office's default series colours, in order. */
const COLORS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Round gridline steps (1, 2 or 5 × 10^n) giving about five intervals. */
function ticks(min: number, max: number): number[] {
  const span = max - min || 1;
  const raw = span / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const out: number[] = [];
  // From the step at or below the minimum to the first at or above the maximum, so every bar fits.
  for (let v = Math.floor(min / step) * step; ; v += step) {
    out.push(Math.round(v));
    if (v >= max) break;
  }
  return out;
}

/** `height`: the height of the cells the chart covers; without it, tall enough for every category. */
// eslint-disable-next-line max-lines-per-function -- draws one chart top to bottom: frame, grid, bars, titles, legend
export function chartSvg(chart: ChartView, width = 640, height?: number): SVGElement {
  const n = chart.categories.length;
  const seriesCount = Math.max(1, chart.series.length);
  const reversed = chart.categoriesReversed;
  const left = Math.min(210, Math.round(width * 0.36));
  const right = 24;
  // Value labels above the plot when the categories are reversed (see the header comment).
  const top = reversed ? 62 : 44;
  const bottom = reversed ? 52 : 70;
  const band = height ? Math.max(8, (height - top - bottom) / Math.max(1, n)) : Math.max(22, 6 + 8 * seriesCount);
  const plotHeight = band * Math.max(1, n);
  height = top + plotHeight + bottom;
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const grid = ticks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = grid[0]!;
  const hi = grid[grid.length - 1]!;
  const x = (v: number) => left + ((v - lo) / (hi - lo || 1)) * (width - left - right);

  const svg = el("svg", {
    xmlns: SVG,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Diagram: ${chart.title}`,
    class: "chart",
    "data-chart": chart.name,
    "font-family": "Calibri, 'Segoe UI', sans-serif",
  });
  svg.appendChild(el("rect", { x: 0, y: 0, width, height, fill: "#fff", stroke: "#d9d9d9" }));
  svg.appendChild(el("text", { x: width / 2, y: 24, "text-anchor": "middle", "font-size": 15, fill: "#404040" }, chart.title));

  for (const t of grid) {
    svg.appendChild(el("line", { x1: x(t), x2: x(t), y1: top, y2: top + plotHeight, stroke: t === 0 ? "#8c8c8c" : "#e3e3e3" }));
    const ty = reversed ? top - 6 : top + plotHeight + 14;
    svg.appendChild(el("text", { x: x(t), y: ty, "text-anchor": "middle", "font-size": 10, fill: "#595959" }, formatInteger(t)));
  }
  // Excel draws a bar chart's first category at the bottom of the axis, unless it is reversed.
  chart.categories.forEach((category, i) => {
    const y0 = reversed ? top + i * band : top + plotHeight - (i + 1) * band;
    svg.appendChild(el("text", { x: left - 6, y: y0 + band / 2 + 4, "text-anchor": "end", "font-size": 11, fill: "#404040" }, category));
    const barHeight = (band - 6) / seriesCount;
    // Within a category Excel also stacks the series bottom-up (the first series lowest), and
    // top-down when the axis is reversed: the series follow the categories' direction.
    chart.series.forEach((s, k) => {
      const v = s.values[i];
      if (v === null || v === undefined) return;
      const y = reversed ? y0 + 3 + k * barHeight : y0 + band - 3 - (k + 1) * barHeight;
      const a = x(Math.min(0, v));
      const b = x(Math.max(0, v));
      const bar = el("rect", { x: a, y, width: Math.max(1, b - a), height: barHeight, fill: COLORS[k % COLORS.length]! });
      bar.appendChild(el("title", {}, `${category} – ${s.name}: ${formatInteger(v)}`));
      svg.appendChild(bar);
    });
  });

  if (chart.valueAxisTitle) {
    svg.appendChild(
      el(
        "text",
        {
          x: (left + width - right) / 2,
          y: reversed ? top - 22 : top + plotHeight + 32,
          "text-anchor": "middle",
          "font-size": 11,
          fill: "#595959",
        },
        chart.valueAxisTitle,
      ),
    );
  }
  if (chart.categoryAxisTitle) {
    const cy = top + plotHeight / 2;
    svg.appendChild(
      el(
        "text",
        { x: 14, y: cy, transform: `rotate(-90 14 ${cy})`, "text-anchor": "middle", "font-size": 11, fill: "#595959" },
        chart.categoryAxisTitle,
      ),
    );
  }
  // Legend, centred under the plot.
  const legendY = top + plotHeight + (reversed ? 30 : 54);
  let lx = left;
  chart.series.forEach((s, k) => {
    svg.appendChild(el("rect", { x: lx, y: legendY - 9, width: 10, height: 10, fill: COLORS[k % COLORS.length]! }));
    svg.appendChild(el("text", { x: lx + 14, y: legendY, "font-size": 11, fill: "#404040" }, s.name));
    lx += 26 + s.name.length * 6.5;
  });
  return svg;
}
