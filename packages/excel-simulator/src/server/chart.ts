/**
 * Charts (ExcelApi 1.1) as the simulator serves them: ChartCollection, Chart with its title,
 * axis titles, legend and series. The documented behaviour and the rules are in ../chart-rules.ts.
 */

import { parseAddress } from "../addresses";
import {
  type ChartState,
  addChart,
  chartAlive,
  chartSeries,
  deleteChart,
  liveCharts,
  setChartData,
  setChartPosition,
} from "../chart-rules";
import { excelError } from "../excel-errors";
import type { RangeRef, SheetState } from "../state";
import { type TypeDef, ServerObject, need, obj } from "./object-model";
import { RANGE, rangeArg } from "./range";

type Text = { text: string; visible: boolean };

/** A cell to place a chart at: a Range, or an address on the chart's own sheet. */
function cellArg(c: ChartState, cell: unknown): RangeRef {
  return cell instanceof ServerObject ? need(cell, RANGE) : { sheet: c.sheet, rect: parseAddress(String(cell)).rect };
}

function findChart(s: SheetState, name: unknown, wb: Parameters<typeof liveCharts>[0]): ChartState | null {
  return liveCharts(wb, s).find((x) => x.name === name) ?? null;
}

export const CHARTS: TypeDef<SheetState> = {
  name: "ChartCollection",
  alive: (s) => !s.deleted,
  props: { count: { get: (s, h) => liveCharts(h.wb, s).length } },
  items: (s, h) => liveCharts(h.wb, s).map((c) => obj(CHART, c)),
  getters: {
    getItem: {
      run: (s, [name], h) => {
        const c = findChart(s, name, h.wb);
        if (!c) throw excelError("ItemNotFound", `The chart '${String(name)}' does not exist.`);
        return obj(CHART, c);
      },
    },
    getItemOrNullObject: { api: "1.4", run: (s, [name], h) => obj(CHART, findChart(s, name, h.wb)) },
    getItemAt: {
      run: (s, [index], h) => {
        const c = liveCharts(h.wb, s)[index as number];
        if (!c) throw excelError("ItemNotFound", `There is no chart at index ${String(index)}.`);
        return obj(CHART, c);
      },
    },
  },
  methods: {
    add: { run: (s, [type, sourceData, seriesBy], h) => obj(CHART, addChart(h.wb, s, type, rangeArg(sourceData, h.wb, s), seriesBy)) },
    getCount: { api: "1.4", run: (s, _a, h) => liveCharts(h.wb, s).length },
  },
};

export const CHART: TypeDef<ChartState> = {
  name: "Chart",
  alive: chartAlive,
  identity: { field: "Id", prop: "id" },
  props: {
    name: {
      get: (c) => c.name,
      set: (c, v) => {
        if (typeof v !== "string" || v.trim() === "") throw excelError("InvalidArgument", "A chart name cannot be empty.");
        c.name = v;
      },
    },
    id: { api: "1.7", get: (c) => c.id },
    chartType: { api: "1.7", get: (c) => c.type },
  },
  navs: {
    title: (c) => obj(CHART_TITLE, c.title),
    axes: (c) => obj(AXES, c),
    legend: (c) => obj(LEGEND, c.legend),
    series: (c) => obj(SERIES_COLLECTION, c),
  },
  methods: {
    setData: { run: (c, [sourceData, seriesBy], h) => setChartData(h.wb, c, rangeArg(sourceData, h.wb, c.sheet), seriesBy) },
    setPosition: {
      run: (c, [startCell, endCell], h) => {
        const start = cellArg(c, startCell);
        setChartPosition(h.wb, c, start, endCell === undefined || endCell === null ? start : cellArg(c, endCell));
      },
    },
    delete: { run: (c, _a, h) => deleteChart(h.wb, c) },
  },
};

const textProps: TypeDef<Text>["props"] = {
  text: {
    get: (t) => t.text,
    /** Setting a title's text shows it (an axis title is hidden until it has one). */
    set: (t, v) => {
      t.text = String(v);
      t.visible = true;
    },
  },
  visible: { get: (t) => t.visible, set: (t, v) => void (t.visible = v === true) },
};

export const CHART_TITLE: TypeDef<Text> = { name: "ChartTitle", props: textProps };
const AXIS_TITLE: TypeDef<Text> = { name: "ChartAxisTitle", props: textProps };
type Axis = { chart: ChartState; which: "category" | "value" };
const AXIS: TypeDef<Axis> = {
  name: "ChartAxis",
  props: {
    reversePlotOrder: {
      api: "1.7",
      get: (a) => a.chart.reversePlotOrder[a.which],
      set: (a, v) => {
        if (typeof v !== "boolean") throw excelError("InvalidArgument", "reversePlotOrder takes true or false.");
        a.chart.reversePlotOrder[a.which] = v;
      },
    },
  },
  navs: { title: (a) => obj(AXIS_TITLE, a.chart.axisTitles[a.which]) },
};

const AXES: TypeDef<ChartState> = {
  name: "ChartAxes",
  navs: { categoryAxis: (c) => obj(AXIS, { chart: c, which: "category" }), valueAxis: (c) => obj(AXIS, { chart: c, which: "value" }) },
};

const LEGEND: TypeDef<ChartState["legend"]> = {
  name: "ChartLegend",
  props: {
    position: {
      get: (l) => l.position,
      set: (l, v) => {
        if (!["Top", "Bottom", "Left", "Right", "Corner", "Custom"].includes(v as string)) {
          throw excelError("InvalidArgument", `'${String(v)}' is not a legend position.`);
        }
        l.position = v as string;
      },
    },
    visible: { get: (l) => l.visible, set: (l, v) => void (l.visible = v === true) },
  },
};

interface SeriesEntity {
  chart: ChartState;
  index: number;
}

const SERIES_COLLECTION: TypeDef<ChartState> = {
  name: "ChartSeriesCollection",
  props: { count: { get: (c, h) => chartSeries(h.wb, c).length } },
  items: (c, h) => chartSeries(h.wb, c).map((_, index) => obj(SERIES, { chart: c, index })),
  getters: {
    getItemAt: {
      run: (c, [index], h) => {
        const i = index as number;
        if (i < 0 || i >= chartSeries(h.wb, c).length) throw excelError("ItemNotFound", `There is no series at index ${String(index)}.`);
        return obj(SERIES, { chart: c, index: i });
      },
    },
  },
};

const SERIES: TypeDef<SeriesEntity> = {
  name: "ChartSeries",
  props: { name: { get: (s, h) => chartSeries(h.wb, s.chart)[s.index]?.name ?? "" } },
};
