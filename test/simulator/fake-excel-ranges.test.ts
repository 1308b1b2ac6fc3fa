// The Excel simulator's ranges: values, formats, date-shaped text, displayed text, copyFrom,
// inserting and deleting cells, RangeAreas.
import { describe, expect, it } from "vitest";
import { createFakeExcel, renderText, NB_NO, EN_US } from "@nav-tiltak/excel-simulator";
import { codeOf } from "../helpers/simulator-failure.js";

describe("ranges", () => {
  it("throws InvalidArgument when a 2-D array does not match the range, and fills from a scalar", async () => {
    const fake = createFakeExcel();
    const ws = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Ark1");
    for (const set of [
      (c: Excel.RequestContext) => (ws(c).getRange("A1:B2").values = [[1, 2]]),
      (c: Excel.RequestContext) => (ws(c).getRange("A1:B2").values = [[1], [2]]),
      (c: Excel.RequestContext) =>
        (ws(c).getRange("A1:B2").numberFormat = [
          ["0", "0", "0"],
          ["0", "0", "0"],
        ]),
      (c: Excel.RequestContext) => (ws(c).getRange("A1:A2").formulas = [["=1"]]),
    ]) {
      expect(await codeOf(fake, async (ctx) => void set(ctx))).toBe("InvalidArgument");
    }
    await fake.run(async (ctx) => {
      // Office.js takes one value for every cell; its typings only name the 2-D form.
      const r = ws(ctx).getRange("A1:B2") as unknown as { values: unknown; numberFormat: unknown };
      r.values = 7;
      r.numberFormat = "0.0";
    });
    expect(fake.workbook.getValues("Ark1", "A1:B2")).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(fake.workbook.getText("Ark1", "A1:B1")).toEqual([["7,0", "7,0"]]);
  });

  it("rejects addresses outside 1,048,576 rows × 16,384 columns", async () => {
    const fake = createFakeExcel();
    for (const address of ["XFE1", "A1048577", "A0", "not an address"]) {
      expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange(address).load("address"))).toBe(
        "InvalidArgument",
      );
    }
    expect(
      await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRangeByIndexes(1_048_575, 0, 2, 1).load("address")),
    ).toBe("InvalidArgument");
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      const last = ws.getRange("XFD1048576").load("address");
      const cols = ws.getRange("A:C").load("address,rowCount");
      const rows = ws.getRange("2:3").load("address,columnCount");
      await ctx.sync();
      expect(last.address).toBe("Ark1!XFD1048576");
      expect([cols.address, cols.rowCount]).toEqual(["Ark1!A:C", 1_048_576]);
      expect([rows.address, rows.columnCount]).toEqual(["Ark1!2:3", 16_384]);
    });
  });

  it("navigates with getCell, getRow, getColumn, getOffsetRange, getResizedRange and getUsedRange", async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Ark1",
          cells: {
            B2: [
              [1, 2],
              [3, 4],
            ],
          },
        },
      ],
    });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      const base = ws.getRange("B2:C3");
      const got = [
        base.getCell(1, 1),
        base.getRow(0),
        base.getColumn(1),
        base.getOffsetRange(1, 1),
        base.getResizedRange(1, -1),
        ws.getUsedRange(),
      ].map((r) => r.load("address"));
      await ctx.sync();
      expect(got.map((r) => r.address)).toEqual(["Ark1!C3", "Ark1!B2:C2", "Ark1!C2:C3", "Ark1!C3:D4", "Ark1!B2:B4", "Ark1!B2:C3"]);
    });
    expect(
      await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("A1").getOffsetRange(-1, 0).load("address")),
    ).toBe("InvalidArgument");
  });

  it("stores formulas as text and converts numeric strings like Excel", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.getRange("A1:A3").values = [["12"], ["=SUM(B1:B2)"], ["12 345"]];
      ws.getRange("B1").numberFormat = [["@"]];
      ws.getRange("B1").values = [["007"]];
    });
    expect(fake.workbook.getValues("Ark1", "A1:A3")).toEqual([[12], ["=SUM(B1:B2)"], ["12 345"]]);
    expect(fake.workbook.getFormulas("Ark1", "A2")).toEqual([["=SUM(B1:B2)"]]);
    expect(fake.workbook.getValues("Ark1", "B1")).toEqual([["007"]]);
  });

  it("applies formats to every cell and reads mixed values as null", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.getRange("A1:C1").format.font.bold = true;
      ws.getRange("A1").format.fill.color = "#ffcc00";
      ws.getRange("A1:A2").format.columnWidth = 120;
      ws.getRange("A1:C1").format.borders.getItem("EdgeBottom").style = "Continuous";
      const row = ws.getRange("A1:C1");
      const mixed = ws.getRange("A1:A2");
      row.format.font.load("bold");
      row.format.fill.load("color");
      mixed.format.font.load("bold");
      ws.getRange("A1:B1").format.load("columnWidth");
      const widths = ws.getRange("A1:B1").format.load("columnWidth");
      const a1Fill = ws.getRange("A1").format.fill.load("color");
      const below = ws.getRange("A2:C2").format.borders.getItem("EdgeTop").load("style");
      await ctx.sync();
      expect(row.format.font.bold).toBe(true);
      expect(row.format.fill.color).toBeNull();
      expect(mixed.format.font.bold).toBeNull();
      expect(widths.columnWidth).toBeNull();
      expect(a1Fill.color).toBe("#FFCC00");
      // A bottom border is also the top border of the cells below.
      expect(below.style).toBe("Continuous");
    });
    const snap = fake.workbook.sheet("Ark1");
    expect(snap.bold).toEqual([[true, true, true]]);
    expect(snap.columnWidths).toEqual({ A: 120 });
    expect(fake.workbook.getCellFormat("Ark1", "B1").borders.bottom.style).toBe("Continuous");
  });

  it("validates format values", async () => {
    const fake = createFakeExcel();
    const fmt = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Ark1").getRange("A1").format;
    expect(await codeOf(fake, async (ctx) => void (fmt(ctx).horizontalAlignment = "Middle" as never))).toBe("InvalidArgument");
    expect(await codeOf(fake, async (ctx) => void (fmt(ctx).fill.color = "not-a-colour"))).toBe("InvalidArgument");
    expect(await codeOf(fake, async (ctx) => void (fmt(ctx).rowHeight = 500))).toBe("InvalidArgument");
    expect(await codeOf(fake, async (ctx) => void (fmt(ctx).borders.getItem("DiagonalDown" as never).style = "Continuous"))).toBe(
      "InvalidArgument",
    );
  });

  it("merges keeping the top-left value and computes bounding rectangles", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [["keep", "drop"]] } }] });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.getRange("A1:B1").merge();
      const box = ws.getRange("B2").getBoundingRect("D4").load("address");
      await ctx.sync();
      expect(box.address).toBe("Ark1!B2:D4");
    });
    expect(fake.workbook.getValues("Ark1", "A1:B1")).toEqual([["keep", ""]]);
    expect(fake.workbook.sheet("Ark1").merged).toEqual(["A1:B1"]);
  });

  it("clears contents and formats separately", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [[1, 2]] } }] });
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Ark1").getRange("A1:B1");
      r.format.font.bold = true;
      r.clear("Contents");
    });
    expect(fake.workbook.getValues("Ark1", "A1:B1")).toEqual([["", ""]]);
    expect(fake.workbook.getCellFormat("Ark1", "A1").bold).toBe(true);
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Ark1").getRange("A1:B1").clear());
    expect(fake.workbook.getCellFormat("Ark1", "A1").bold).toBe(false);
    expect(fake.workbook.usedRange("Ark1")).toBeNull();
  });

  it("formats whole columns without counting them as used", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [["x"]] } }] });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.getRange("A:B").format.horizontalAlignment = "Right";
      ws.getRange("A1").format.horizontalAlignment = "Left";
      const col = ws.getRange("B:B").format.load("horizontalAlignment");
      const both = ws.getRange("A:B").format.load("horizontalAlignment");
      await ctx.sync();
      expect(col.horizontalAlignment).toBe("Right");
      expect(both.horizontalAlignment).toBeNull();
    });
    expect(fake.workbook.getCellFormat("Ark1", "B500000").horizontalAlignment).toBe("Right");
    expect(fake.workbook.usedRange("Ark1")).toBe("A1");
  });
});

describe("date-shaped text", () => {
  it("becomes a date serial with a date format in a General cell, and stays text with «@»", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.getRange("B1:B2").numberFormat = [["@"], ["#,##0"]];
      ws.getRange("A1:A6").values = [
        ["November 2016"],
        ["2016-11"],
        ["2016-11-05"],
        ["11/5/2016"],
        ["Desember 2016"],
        ["2-årig opplæring"],
      ];
      ws.getRange("B1:B2").values = [["November 2016"], ["2016-11"]];
    });
    expect(fake.workbook.getValues("Ark1", "A1:B6")).toEqual([
      [42675, "November 2016"],
      [42675, 42675],
      [42679, ""],
      [42679, ""],
      ["Desember 2016", ""],
      ["2-årig opplæring", ""],
    ]);
    const sheet = fake.workbook.sheet("Ark1");
    expect(sheet.numberFormats.map((r) => r[0])).toEqual(["mmm-yy", "mmm-yy", "m/d/yyyy", "m/d/yyyy", "General", "General"]);
    expect(sheet.numberFormats[1]![1]).toBe("#,##0");
    expect(fake.workbook.sheetText("Ark1").map((r) => r[0])).toEqual([
      "Nov-16",
      "Nov-16",
      "11/5/2016",
      "11/5/2016",
      "Desember 2016",
      "2-årig opplæring",
    ]);
  });
});

describe("text rendering", () => {
  it("renders nb-NO number formats", () => {
    expect(renderText(83484, "#,##0", NB_NO)).toBe("83 484");
    expect(renderText(-1216, "#,##0", NB_NO)).toBe("-1 216");
    expect(renderText(1234567.891, "#,##0.00", NB_NO)).toBe("1 234 567,89");
    expect(renderText(2.5, "0", NB_NO)).toBe("3");
    expect(renderText(0.123, "0%", NB_NO)).toBe("12%");
    expect(renderText(-0.0456, "0.0%", NB_NO)).toBe("-4,6%");
    expect(renderText(0.1 + 0.2, "General", NB_NO)).toBe("0,3");
    expect(renderText(1 / 3, "General", NB_NO)).toBe("0,3333333333");
    expect(renderText(5, '0" stk"', NB_NO)).toBe("5 stk");
    expect(renderText(-5, "0;(0);-", NB_NO)).toBe("(5)");
    expect(renderText(0, "0;(0);-", NB_NO)).toBe("-");
    expect(renderText("*", "#,##0", NB_NO)).toBe("*");
    expect(renderText(true, "General", NB_NO)).toBe("SANN");
    expect(renderText(83484, "#,##0", EN_US)).toBe("83,484");
  });

  it("exposes Range.text and a sheet dump from A1", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      const r = ws.getRange("B2:C3");
      r.values = [
        ["Antall", "Endring"],
        [83484, -0.0123],
      ];
      r.numberFormat = [
        ["General", "General"],
        ["#,##0", "0.0%"],
      ];
      r.load("text");
      await ctx.sync();
      expect(r.text).toEqual([
        ["Antall", "Endring"],
        ["83 484", "-1,2%"],
      ]);
    });
    expect(fake.workbook.sheetText("Ark1")).toEqual([
      ["", "", ""],
      ["", "Antall", "Endring"],
      ["", "83 484", "-1,2%"],
    ]);
    expect(fake.workbook.sheetView("Ark1").cells[2]![1]!.format.numberFormat).toBe("#,##0");
  });
});

describe("Range.copyFrom", () => {
  it("copies contents and formats to another sheet, the destination taking the source's size", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [["Tekst", 1234.5]] } }, "Ark2"] });
    await fake.run(async (ctx) => {
      const src = ctx.workbook.worksheets.getItem("Ark1");
      src.getRange("A2").formulas = [["=B1*2"]];
      src.getRange("B1").numberFormat = [["0.0"]];
      src.getRange("A1").format.font.bold = true;
      ctx.workbook.worksheets.getItem("Ark2").getRange("C3").copyFrom("Ark1!A1:B2", "All");
    });
    expect(fake.workbook.getFormulas("Ark2", "C3:D4")).toEqual([
      ["Tekst", 1234.5],
      ["=B1*2", ""],
    ]);
    const cells = fake.workbook.sheetView("Ark2").cells;
    expect(cells[2]![2]!.format.bold).toBe(true);
    expect(cells[2]![3]!.format.numberFormat).toBe("0.0");
    expect(fake.workbook.sheetText("Ark2")[2]![3]).toBe("1234,5");
    const old = createFakeExcel({ apiVersion: "1.8" });
    await expect(
      old.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("A1").copyFrom("Ark1!B1")),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("inserting and deleting cells (Range.insert / Range.delete)", () => {
  const cells = { A1: [["Tittel"], [""], ["Gruppe", "Antall"], ["A", 1], ["B", 2]] };

  it("inserting rows moves cells, formats, row heights, names, tables and frozen panes down", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells }] });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.tables.add("A3:B5", true).name = "T";
      ctx.workbook.names.add("Blokk", ws.getRange("A1:B5"), "");
      ctx.workbook.names.add("Over", ws.getRange("D1"), "");
      ws.getRange("A1").format.font.bold = true;
      ws.getRange("3:3").format.rowHeight = 30;
      ws.freezePanes.freezeRows(3);
    });
    await fake.run(async (ctx) => {
      const blank = ctx.workbook.worksheets.getItem("Ark1").getRange("1:2").insert("Down");
      blank.load("address");
      await ctx.sync();
      expect(blank.address).toBe("Ark1!1:2");
    });
    const wb = fake.workbook;
    expect(wb.getValues("Ark1", "A1:B7")).toEqual([
      ["", ""],
      ["", ""],
      ["Tittel", ""],
      ["", ""],
      ["Gruppe", "Antall"],
      ["A", 1],
      ["B", 2],
    ]);
    expect(wb.getCellFormat("Ark1", "A3").bold).toBe(true);
    // Nothing above row 1 to copy a format from.
    expect(wb.getCellFormat("Ark1", "A1").bold).toBe(false);
    expect(wb.getRowHeight("Ark1", 5)).toBe(30);
    expect(wb.getRowHeight("Ark1", 3)).toBe(15);
    expect(wb.names().map((n) => [n.name, n.formula])).toEqual([
      ["Blokk", "=Ark1!$A$3:$B$7"],
      ["Over", "=Ark1!$D$3"],
    ]);
    expect(wb.tables()[0]!.address).toBe("Ark1!A5:B7");
    // The split moves with the rows inserted above it.
    expect(wb.sheet("Ark1").frozenRows).toBe(5);
  });

  it("inserting a column moves names and tables right; inserted cells take the format on their left", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells }] });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.tables.add("A3:B5", true).name = "T";
      ctx.workbook.names.add("Blokk", ws.getRange("A1:B5"), "");
      ws.getRange("A:A").format.columnWidth = 100;
      ws.getRange("A4").format.fill.color = "#FFC7CE";
    });
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("A:A").insert("Right"));
    const wb = fake.workbook;
    expect(wb.getValues("Ark1", "A3:C3")).toEqual([["", "Gruppe", "Antall"]]);
    expect(wb.names()[0]!.formula).toBe("=Ark1!$B$1:$C$5");
    expect(wb.tables()[0]!.address).toBe("Ark1!B3:C5");
    expect(wb.getColumnWidth("Ark1", "B")).toBe(100);
    expect(wb.getCellFormat("Ark1", "B4").fillColor).toBe("#FFC7CE");
    expect(wb.getCellFormat("Ark1", "A4").fillColor).toBe("#FFFFFF");

    // A column inserted inside the table: the table and the name grow, the header gets a name.
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("C:C").insert("Right"));
    expect(wb.tables()[0]!.address).toBe("Ark1!B3:D5");
    expect(wb.tables()[0]!.headers).toEqual(["Gruppe", "Kolonne2", "Antall"]);
    expect(wb.names()[0]!.formula).toBe("=Ark1!$B$1:$D$5");
    // Format same as left: the inserted column copies column B's fill.
    expect(wb.getCellFormat("Ark1", "C4").fillColor).toBe("#FFC7CE");
  });

  it("refuses to move part of a table or PivotTable, and changes nothing then", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells }] });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.tables.add("A3:B5", true);
      const pt = ws.pivotTables.add("P", "Ark1!A3:B5", "Ark1!E3");
      pt.rowHierarchies.add(pt.hierarchies.getItem("Gruppe"));
      pt.dataHierarchies.add(pt.hierarchies.getItem("Antall"));
    });
    const before = fake.workbook.sheet("Ark1");
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("A1:A2").insert("Down"))).toBe(
      "InsertDeleteConflict",
    );
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("E1").insert("Down"))).toBe(
      "InvalidOperation",
    );
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("4:4").insert("Down"))).toBe(
      "InvalidOperation",
    );
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("1:1").insert("Right"))).toBe(
      "InvalidArgument",
    );
    expect(fake.workbook.sheet("Ark1")).toEqual(before);
    // Whole rows above both move them, the PivotTable's report included.
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("1:2").insert("Down"));
    expect(fake.workbook.tables()[0]!.address).toBe("Ark1!A5:B7");
    expect(fake.workbook.pivotTables()[0]!.destination).toBe("Ark1!E5");
    expect(fake.workbook.pivotTables()[0]!.output).toBe("Ark1!E5:F8");
    expect(fake.workbook.getValues("Ark1", "E5")).toEqual([["Radetiketter"]]);
  });

  it("deleting rows moves things up, shrinks a name and turns a deleted one into #REF!", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells }] });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.tables.add("A3:B5", true).name = "T";
      ctx.workbook.names.add("Blokk", ws.getRange("A1:B5"), "");
      ctx.workbook.names.add("Tittel", ws.getRange("A1"), "");
    });
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("1:2").delete("Up"));
    const wb = fake.workbook;
    expect(wb.getValues("Ark1", "A1:B3")).toEqual([
      ["Gruppe", "Antall"],
      ["A", 1],
      ["B", 2],
    ]);
    expect(wb.names().map((n) => n.formula)).toEqual(["=Ark1!$A$1:$B$3", "=#REF!$A$1"]);
    expect(wb.tables()[0]!.address).toBe("Ark1!A1:B3");
    // A table's body row can go; its header row alone cannot.
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("2:2").delete("Up"));
    expect(wb.tables()[0]!.address).toBe("Ark1!A1:B2");
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("1:1").delete("Up"))).toBe(
      "InsertDeleteConflict",
    );
  });

  it("respects sheet protection, which allows whole rows only when it says so", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells }] });
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Ark1").protection.protect({ allowInsertRows: true }));
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("A1").insert("Down"))).toBe(
      "AccessDenied",
    );
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").getRange("1:1").insert("Down"));
    expect(fake.workbook.getValues("Ark1", "A2")).toEqual([["Tittel"]]);
  });
});

describe("RangeAreas (Worksheet.getRanges)", () => {
  it("formats every area at once and reads back one value only when all areas agree", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Ark2"] });
    await fake.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem("Ark1").getRanges("B2, D2:E3");
      areas.format.fill.color = "#ffc7ce";
      areas.format.font.bold = true;
      areas.load("address,areaCount,cellCount,isEntireRow");
      const fill = areas.format.fill.load("color");
      await ctx.sync();
      expect([areas.address, areas.areaCount, areas.cellCount, areas.isEntireRow]).toEqual(["Ark1!B2, Ark1!D2:E3", 2, 5, false]);
      expect(fill.color).toBe("#FFC7CE");
      ctx.workbook.worksheets.getItem("Ark1").getRanges("B2, C2").format.fill.clear();
      const mixed = ctx.workbook.worksheets.getItem("Ark1").getRanges("B2, D2").format.fill.load("color");
      await ctx.sync();
      expect(mixed.color).toBeNull();
    });
    const wb = fake.workbook;
    expect(["B2", "C2", "D2", "E3", "C3"].map((a) => wb.getCellFormat("Ark1", a).fillColor)).toEqual([
      "#FFFFFF",
      "#FFFFFF",
      "#FFC7CE",
      "#FFC7CE",
      "#FFFFFF",
    ]);
    expect(wb.getCellFormat("Ark1", "E2").bold).toBe(true);
    expect(wb.getCellFormat("Ark2", "B2").fillColor).toBe("#FFFFFF");
  });

  it("needs ExcelApi 1.9, areas of its own sheet and valid addresses", async () => {
    const old = createFakeExcel({ apiVersion: "1.8" });
    expect(
      await codeOf(old, async (ctx) => void (ctx.workbook.worksheets.getItem("Ark1").getRanges("A1, B2").format.fill.color = "red")),
    ).toBe("ApiNotFound");
    const fake = createFakeExcel({ sheets: ["Ark1", "Ark2"] });
    for (const address of ["A1, B", "", "Ark2!A1, B2"]) {
      expect(
        await codeOf(fake, async (ctx) => void (ctx.workbook.worksheets.getItem("Ark1").getRanges(address).format.fill.color = "red")),
        address,
      ).toBe("InvalidArgument");
    }
    expect(fake.workbook.sheet("Ark1").usedRange).toBeNull();
  });
});
