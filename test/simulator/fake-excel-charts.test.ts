// The fake's charts (packages/excel-simulator/src/chart-rules.ts) against what Microsoft documents for ExcelApi 1.1
// charts: add over a range, series by columns or rows, titles, getItem / getItemOrNullObject,
// charts floating over cells, and deleted with their sheet.
import { describe, expect, it } from "vitest";
import { chartViews, createFakeExcel, isFakeExcelError } from "@nav-tiltak/excel-simulator";

function withData() {
  const fake = createFakeExcel();
  return {
    fake,
    setup: () =>
      fake.runAsExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Ark1");
        ws.getRange("A1:C4").values = [
          ["Gruppe", "Andre", "Arbeidssøkere"],
          ["A", 10, 20],
          ["B", "*", 5],
          ["C", "", 7],
        ];
        await ctx.sync();
      }),
  };
}

async function rejection(p: Promise<unknown>): Promise<{ code: string }> {
  try {
    await p;
  } catch (e) {
    if (isFakeExcelError(e)) return e as unknown as { code: string };
    throw e;
  }
  throw new Error("expected the batch to fail");
}

describe("fake Excel charts", () => {
  it("add: a series per column named by the header row, categories from the first column, text and empty cells as gaps", async () => {
    const { fake, setup } = withData();
    await setup();
    await fake.runAsExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      const chart = ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns");
      chart.title.text = "Tittel";
      chart.axes.valueAxis.title.text = "Antall";
      const series = chart.series.load("items/name");
      await ctx.sync();
      expect(series.items.map((s) => s.name)).toEqual(["Andre", "Arbeidssøkere"]);
    });
    const [view] = chartViews(fake.state, "Ark1");
    expect(view).toMatchObject({
      type: "BarClustered",
      title: "Tittel",
      valueAxisTitle: "Antall",
      categoryAxisTitle: "",
      categories: ["A", "B", "C"],
    });
    expect(view!.series).toEqual([
      { name: "Andre", values: [10, null, null] },
      { name: "Arbeidssøkere", values: [20, 5, 7] },
    ]);
  });

  it("seriesBy Rows makes a series per row; Auto is columns, as in Excel on the web", async () => {
    const { fake, setup } = withData();
    await setup();
    await fake.runAsExcel((ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.charts.add("ColumnClustered", ws.getRange("A1:C4"), "Rows").name = "rader";
      ws.charts.add("ColumnClustered", ws.getRange("A1:C4"), "Auto").name = "auto";
    });
    const views = chartViews(fake.state, "Ark1");
    expect(views.find((v) => v.name === "rader")!.series.map((s) => s.name)).toEqual(["A", "B", "C"]);
    expect(views.find((v) => v.name === "auto")!.series.map((s) => s.name)).toEqual(["Andre", "Arbeidssøkere"]);
  });

  it("getItem fails with ItemNotFound; getItemOrNullObject gives a null object (ExcelApi 1.4)", async () => {
    const { fake } = withData();
    const e = await rejection(
      fake.runAsExcel(async (ctx) => {
        ctx.workbook.worksheets.getItem("Ark1").charts.getItem("Finnes ikke");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    await fake.runAsExcel(async (ctx) => {
      const c = ctx.workbook.worksheets.getItem("Ark1").charts.getItemOrNullObject("Finnes ikke");
      await ctx.sync();
      expect(c.isNullObject).toBe(true);
    });
    const old = createFakeExcel({ apiVersion: "1.3" });
    expect(
      (
        await rejection(
          old.runAsExcel(async (ctx) => {
            ctx.workbook.worksheets.getItem("Ark1").charts.getItemOrNullObject("x");
            await ctx.sync();
          }),
        )
      ).code,
    ).toBe("ApiNotFound");
  });

  it("floats over the cells: clearing them keeps the chart; deleting the sheet deletes it", async () => {
    const { fake, setup } = withData();
    await setup();
    await fake.runAsExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns").setPosition("E1", "J15");
      await ctx.sync();
      ws.getRange("A1:C4").clear("All");
    });
    expect(chartViews(fake.state, "Ark1")).toHaveLength(1);
    expect(chartViews(fake.state, "Ark1")[0]!.position).toEqual({ row: 0, col: 4, rows: 15, cols: 6 });
    await fake.runAsExcel(async (ctx) => {
      ctx.workbook.worksheets.add("Annet");
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Ark1").delete();
    });
    expect(fake.state.sheetNames()).toEqual(["Annet"]);
    expect(chartViews(fake.state, "Ark1")).toEqual([]);
  });

  it("a protected sheet refuses a new chart (AccessDenied); an unknown chart type is InvalidArgument", async () => {
    const { fake, setup } = withData();
    await setup();
    await fake.runAsExcel((ctx) => ctx.workbook.worksheets.getItem("Ark1").protection.protect());
    const denied = await rejection(
      fake.runAsExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Ark1");
        ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns");
        await ctx.sync();
      }),
    );
    expect(denied.code).toBe("AccessDenied");
    const bad = await rejection(
      fake.runAsExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.add("B");
        ws.charts.add("Sparkles" as Excel.ChartType, ws.getRange("A1:B2"), "Columns");
        await ctx.sync();
      }),
    );
    expect(bad.code).toBe("InvalidArgument");
  });

  it("loads chart names through the sheets collection (items/charts/items/name)", async () => {
    const { fake, setup } = withData();
    await setup();
    await fake.runAsExcel((ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns").name = "Et";
    });
    await fake.runAsExcel(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name,items/charts/items/name");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.charts.items.map((c) => c.name)])).toEqual([["Ark1", ["Et"]]]);
    });
  });

  it("ChartAxis.reversePlotOrder (ExcelApi 1.7): false for a new chart, set per axis, refused below 1.7", async () => {
    const { fake, setup } = withData();
    await setup();
    // One batch each: the chart object is not carried across a sync here.
    const fresh = await fake.runAsExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      const axis = ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns").axes.categoryAxis.load("reversePlotOrder");
      await ctx.sync();
      return axis.reversePlotOrder;
    });
    const read = await fake.runAsExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      const chart = ws.charts.add("BarClustered", ws.getRange("A1:C4"), "Columns");
      chart.axes.categoryAxis.reversePlotOrder = true;
      const category = chart.axes.categoryAxis.load("reversePlotOrder");
      const value = chart.axes.valueAxis.load("reversePlotOrder");
      await ctx.sync();
      return [fresh, category.reversePlotOrder, value.reversePlotOrder];
    });
    expect(read).toEqual([false, true, false]);
    expect(chartViews(fake.state, "Ark1").map((c) => c.categoriesReversed)).toEqual([false, true]);

    const old = createFakeExcel({ apiVersion: "1.6" });
    const failed = await rejection(
      old.runAsExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Ark1");
        ws.getRange("A1:B2").values = [
          ["", "S"],
          ["A", 1],
        ];
        ws.charts.add("BarClustered", ws.getRange("A1:B2"), "Columns").axes.categoryAxis.reversePlotOrder = true;
        await ctx.sync();
      }),
    );
    expect(failed.code).toBe("ApiNotFound");
    expect(chartViews(old.state, "Ark1")[0]?.categoriesReversed ?? false).toBe(false);
  });
});
