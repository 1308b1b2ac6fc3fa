import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeExcel,
  type FakeExcelError,
  isFakeExcelError,
  createFakeExcel,
  installFakeOffice,
  renderText,
  NB_NO,
  EN_US,
  uninstallFakeOffice,
} from "@nav-tiltak/excel-simulator";

/** Runs a batch and returns the Office.js error code it failed with (or throws if it succeeded). */
async function failureOf(fake: FakeExcel, batch: (ctx: Excel.RequestContext) => Promise<unknown>): Promise<FakeExcelError> {
  try {
    await fake.run(batch);
  } catch (e) {
    expect(isFakeExcelError(e)).toBe(true);
    return e as FakeExcelError;
  }
  throw new Error("expected the batch to fail");
}

async function codeOf(fake: FakeExcel, batch: (ctx: Excel.RequestContext) => Promise<unknown>): Promise<string> {
  return (await failureOf(fake, batch)).code;
}

describe("workbook setup", () => {
  it("starts with one nb-NO sheet named Ark1, or the configured sheets", () => {
    expect(createFakeExcel().workbook.sheetNames()).toEqual(["Ark1"]);
    expect(createFakeExcel({ locale: "en-US" }).workbook.sheetNames()).toEqual(["Sheet1"]);
    const fake = createFakeExcel({ sheets: ["Data", { name: "Brukerark", cells: { B2: [["x", 1]] } }] });
    expect(fake.workbook.sheetNames()).toEqual(["Data", "Brukerark"]);
    expect(fake.workbook.getValues("Brukerark", "B2:C2")).toEqual([["x", 1]]);
  });

  it("names added sheets after the locale prefix", async () => {
    const fake = createFakeExcel();
    const name = await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add();
      ws.load("name");
      await ctx.sync();
      return ws.name;
    });
    expect(name).toBe("Ark2");
  });
});

describe("worksheet name rules", () => {
  const invalid = ["", "x".repeat(32), "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b", "'quoted", "quoted'", "History", "history"];

  it.each(invalid)("rejects %j with InvalidArgument", async (name) => {
    const fake = createFakeExcel();
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.add(name))).toBe("InvalidArgument");
    expect(fake.workbook.sheetNames()).toEqual(["Ark1"]);
  });

  it("accepts 31 characters and inner apostrophes", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.add("x".repeat(31));
      ctx.workbook.worksheets.add("Bob's data");
    });
    expect(fake.workbook.sheetNames()).toEqual(["Ark1", "x".repeat(31), "Bob's data"]);
  });

  it("keeps names unique ignoring case, on add and on rename", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Tiltak"] });
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.add("ARK1"))).toBe("ItemAlreadyExists");
    expect(
      await codeOf(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem("Tiltak").name = "ark1";
      }),
    ).toBe("ItemAlreadyExists");
    // Renaming a sheet to a different casing of its own name is fine.
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Tiltak").name = "TILTAK";
    });
    expect(fake.workbook.sheetNames()).toEqual(["Ark1", "TILTAK"]);
  });

  it("refuses to delete or hide the last visible sheet", async () => {
    const fake = createFakeExcel({ sheets: ["A", { name: "B", visibility: "Hidden" }] });
    expect(await codeOf(fake, async (ctx) => ctx.workbook.worksheets.getItem("A").delete())).toBe("InvalidOperation");
    expect(
      await codeOf(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem("A").visibility = "Hidden";
      }),
    ).toBe("InvalidOperation");
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("B").delete());
    expect(fake.workbook.sheetNames()).toEqual(["A"]);
  });
});

describe("load and sync", () => {
  it("throws PropertyNotLoaded before sync and returns values after it", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [[1, 2]] } }] });
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Ark1").getRange("A1:B1");
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(range.values).toEqual([[1, 2]]);
      // Only what was loaded is readable.
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies sets only at sync, in order, and loads see the state at their place in the batch", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      const before = ws.getRange("A1").load("values");
      ws.getRange("A1").values = [[42]];
      expect(fake.workbook.getValues("Ark1", "A1")).toEqual([[""]]);
      const after = ws.getRange("A1").load("values");
      await ctx.sync();
      expect(before.values).toEqual([[""]]);
      expect(after.values).toEqual([[42]]);
    });
  });

  it("supports the string, array and object load forms and collection items", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Ark2"] });
    await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      sheets.load("items/name,items/position");
      const a = sheets.getItem("Ark1").load(["name", "position"]);
      const b = sheets.getItem("Ark2").load({ select: "name" });
      const r = sheets.getItem("Ark1").getRange("B2:C4").load({ address: true, rowCount: true, columnIndex: true });
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.position])).toEqual([
        ["Ark1", 0],
        ["Ark2", 1],
      ]);
      expect([a.name, a.position, b.name]).toEqual(["Ark1", 0, "Ark2"]);
      expect([r.address, r.rowCount, r.columnIndex]).toEqual(["Ark1!B2:C4", 3, 1]);
    });
  });

  it("keeps an assigned value readable on the proxy before sync, as Office.js does", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.name = "Tiltak";
      expect(ws.name).toBe("Tiltak");
      expect(fake.workbook.sheetNames()).toEqual(["Ark1"]);
    });
    expect(fake.workbook.sheetNames()).toEqual(["Tiltak"]);
  });

  it("sets nested properties with set()", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets
        .getItem("Ark1")
        .getRange("A1:B1")
        .set({
          values: [["a", 2]],
          numberFormat: [["@", "0.00"]],
          format: { font: { bold: true, color: "#1f4e79" }, horizontalAlignment: "Center" },
        });
    });
    expect(fake.workbook.getText("Ark1", "A1:B1")).toEqual([["a", "2,00"]]);
    expect(fake.workbook.getCellFormat("Ark1", "B1")).toMatchObject({ bold: true, fontColor: "#1F4E79", horizontalAlignment: "Center" });
  });

  it("loads navigation paths on objects and on collection items in one call", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Låst"] });
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Låst").protection.protect());
    fake.stats.reset();
    await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name,items/protection/protected");
      const range = ctx.workbook.worksheets.getItem("Ark1").getRange("A1").load("address,format/font/bold,format/fill/color");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.protection.protected])).toEqual([
        ["Ark1", false],
        ["Låst", true],
      ]);
      expect([range.address, range.format.font.bold, range.format.fill.color]).toEqual(["Ark1!A1", false, "#FFFFFF"]);
    });
    expect(fake.stats.loads).toBe(2);
  });

  it("rejects unknown property names at sync", async () => {
    const fake = createFakeExcel();
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").load("nmae"))).toBe("InvalidArgument");
  });

  it("returns ClientResult values only after sync", async () => {
    const fake = createFakeExcel({ sheets: ["A", "B", "C"] });
    await fake.run(async (ctx) => {
      const count = ctx.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(expect.objectContaining({ code: "ValueNotLoaded" }));
      await ctx.sync();
      expect(count.value).toBe(3);
    });
  });
});

describe("null objects", () => {
  it("knows isNullObject after sync, not before", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const present = ctx.workbook.worksheets.getItemOrNullObject("ark1");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  it("ignores methods on a null object (delete-if-exists idiom)", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Old"] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItemOrNullObject("Nope").delete();
      ctx.workbook.worksheets.getItemOrNullObject("Old").delete();
    });
    expect(fake.workbook.sheetNames()).toEqual(["Ark1"]);
  });

  it("fails getItem of a missing item at sync with ItemNotFound", async () => {
    const fake = createFakeExcel();
    let queued = false;
    const err = await failureOf(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem("Nope");
      queued = true;
      await ctx.sync();
    });
    expect(queued).toBe(true);
    expect(err.code).toBe("ItemNotFound");
  });
});

describe("errors inside a batch", () => {
  it("keeps operations before the failure and drops it and the rest", async () => {
    const fake = createFakeExcel();
    const err = await failureOf(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.getRange("A1").values = [["before"]];
      ctx.workbook.worksheets.add("Ny");
      ws.getRange("A1:B2").values = [[1, 2]]; // wrong shape
      ws.getRange("A2").values = [["after"]];
      ctx.workbook.worksheets.add("Etter");
      await ctx.sync();
    });
    expect(err.code).toBe("InvalidArgument");
    expect(err.debugInfo.errorLocation).toBe("Range.values");
    expect(err.debugInfo.code).toBe("InvalidArgument");
    expect(fake.workbook.getValues("Ark1", "A1:A2")).toEqual([["before"], [""]]);
    expect(fake.workbook.sheetNames()).toEqual(["Ark1", "Ny"]);
  });

  it("injects a failure on the Nth call or by predicate", async () => {
    const fake = createFakeExcel({ failOnNthCall: 3, failureCode: "GeneralException" });
    const err = await failureOf(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.getRange("A1").values = [[1]];
      ws.getRange("A2").values = [[2]];
      ws.getRange("A3").values = [[3]];
      ws.getRange("A4").values = [[4]];
    });
    expect(err.code).toBe("GeneralException");
    expect(fake.workbook.getValues("Ark1", "A1:A4")).toEqual([[1], [2], [""], [""]]);

    fake.failOn({ when: (op) => op.object === "WorksheetCollection" && op.member === "add", code: "AccessDenied" });
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.worksheets.add("X"))).toBe("AccessDenied");
    // One-shot by default: the next attempt goes through.
    await fake.run(async (ctx) => void ctx.workbook.worksheets.add("X"));
    expect(fake.workbook.sheetNames()).toContain("X");
  });
});

describe("counting", () => {
  it("counts syncs and queued calls, with an implicit final sync only when work is pending", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1"); // navigation: not counted
      const r = ws.getRange("A1:B1");
      r.values = [[1, 2]]; // 1
      r.format.font.bold = true; // 2
      r.format.autofitColumns(); // 3
      r.load("address"); // 4
      await ctx.sync();
      ws.getRange("C1").values = [[3]]; // 5, sent by the implicit final sync
    });
    expect(fake.stats.syncs).toBe(2);
    expect(fake.stats.queuedCalls).toBe(5);
    expect(fake.stats.loads).toBe(1);

    fake.stats.reset();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Ark1").getRange("A1").load("values");
      await ctx.sync();
    });
    expect(fake.stats).toMatchObject({ syncs: 1, queuedCalls: 1, runs: 1 });
  });
});

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

describe("tables and names", () => {
  it("keeps a table when Clear All covers its whole range (undocumented for the API, so not modelled)", async () => {
    const cells = {
      A1: [
        ["Gruppe", "Antall"],
        ["A", 1],
        ["B", 2],
      ],
    };
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells }] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Ark1").tables.add("A1:B3", true).name = "Hel";
    });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Ark1").getRange("A2:C5").clear("All");
    });
    expect(fake.workbook.tables().map((t) => t.name)).toEqual(["Hel"]);
    expect(fake.workbook.getValues("Ark1", "A1:B2")).toEqual([
      ["Gruppe", "Antall"],
      ["", ""],
    ]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Ark1").getRange("A1:C5").clear("All");
    });
    expect(fake.workbook.tables().map((t) => t.name)).toEqual(["Hel"]);
  });

  it("adds tables with generated names and reads their parts", async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Ark1",
          cells: {
            A1: [
              ["Gruppe", "Antall"],
              ["A", 1],
              ["B", 2],
            ],
          },
        },
      ],
    });
    await fake.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Ark1").tables.add("A1:B3", true);
      t.load("name,style,showBandedRows");
      const body = t.getDataBodyRange().load("address");
      const header = t.getHeaderRowRange().load("values");
      await ctx.sync();
      expect([t.name, t.style, t.showBandedRows]).toEqual(["Tabell1", "TableStyleMedium2", true]);
      expect(body.address).toBe("Ark1!A2:B3");
      expect(header.values).toEqual([["Gruppe", "Antall"]]);
    });
  });

  it("generates a header row and shifts the data down when hasHeaders is false", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [["A", 1]] } }] });
    await fake.run(async (ctx) => void ctx.workbook.tables.add("Ark1!A1:B1", false));
    expect(fake.workbook.getValues("Ark1", "A1:B2")).toEqual([
      ["Kolonne1", "Kolonne2"],
      ["A", 1],
    ]);
    expect(fake.workbook.tables()[0]!.address).toBe("Ark1!A1:B2");
  });

  it("adds to the active sheet from workbook.tables and deletes a table with its contents", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", { name: "Ark2", cells: { A1: [["H"], [1]] } }] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Ark2").activate();
      const t = ctx.workbook.tables.add("A1:A2", true);
      const ws = t.worksheet.load("name");
      await ctx.sync();
      expect(ws.name).toBe("Ark2");
      ctx.workbook.tables.getItemOrNullObject("tabell1").delete();
    });
    expect(fake.workbook.tables()).toEqual([]);
    expect(fake.workbook.getValues("Ark2", "A1:A2")).toEqual([[""], [""]]);
  });

  it("resizes a table in place on ExcelApi 1.13, keeping the header row", async () => {
    const fake = createFakeExcel({
      sheets: [
        {
          name: "Ark1",
          cells: {
            A1: [
              ["Gruppe", "Antall"],
              ["A", 1],
            ],
          },
        },
      ],
    });
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").tables.add("A1:B2", true));
    await fake.run(async (ctx) => ctx.workbook.tables.getItem("Tabell1").resize("A1:C4"));
    expect(fake.workbook.tables()[0]).toMatchObject({ address: "Ark1!A1:C4", headers: ["Gruppe", "Antall", "Kolonne3"] });
    expect(await codeOf(fake, async (ctx) => ctx.workbook.tables.getItem("Tabell1").resize("A2:C4"))).toBe("InvalidArgument");
    const old = createFakeExcel({ apiVersion: "1.12", sheets: [{ name: "Ark1", cells: { A1: [["H"], [1]] } }] });
    await old.run(async (ctx) => void ctx.workbook.tables.add("Ark1!A1:A2", true));
    expect(await codeOf(old, async (ctx) => ctx.workbook.tables.getItem("Tabell1").resize("A1:A3"))).toBe("ApiNotFound");
  });

  it("refuses overlapping tables", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").tables.add("A1:B3", true));
    const err = await failureOf(fake, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").tables.add("B3:C5", true));
    expect(err.code).toBe("InvalidArgument");
    expect(err.debugInfo.errorLocation).toBe("TableCollection.add");
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").tables.add("D1:E3", true));
    expect(fake.workbook.tables().map((t) => t.address)).toEqual(["Ark1!A1:B3", "Ark1!D1:E3"]);
  });

  it.each(["A1", "r1c1", "R", "c", "XFD1048576", "has space", "1abc", "a-b", "TRUE", ""])("rejects the table name %j", async (name) => {
    const fake = createFakeExcel();
    const code = await codeOf(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem("Ark1").tables.add("A1:B2", true).name = name;
    });
    expect(code).toBe("InvalidArgument");
  });

  it("keeps table and workbook names unique together, ignoring case", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.tables.add("A1:B2", true).name = "Tiltak";
      ctx.workbook.names.add("Kilde", ws.getRange("D1:E2"), "Publisert tabell");
    });
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.names.add("TILTAK", "=Ark1!$A$1"))).toBe("ItemAlreadyExists");
    expect(
      await codeOf(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem("Ark1").tables.add("G1:H2", true).name = "kilde";
      }),
    ).toBe("ItemAlreadyExists");
    expect(fake.workbook.names()).toEqual([{ name: "Kilde", formula: "=Ark1!$D$1:$E$2", comment: "Publisert tabell", visible: true }]);
  });

  it("limits name comments to 255 characters", async () => {
    const fake = createFakeExcel();
    expect(await codeOf(fake, async (ctx) => void ctx.workbook.names.add("Lang", "=Ark1!$A$1", "x".repeat(256)))).toBe("InvalidArgument");
    await fake.run(async (ctx) => void ctx.workbook.names.add("Lang", "=Ark1!$A$1", "x".repeat(255)));
    expect(fake.workbook.names()[0]!.comment).toHaveLength(255);
  });

  it("resolves names to ranges and breaks them when their sheet goes", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Mitt ark"] });
    await fake.run(async (ctx) => {
      ctx.workbook.names.add("Total", "='Mitt ark'!$B$2:$C$3");
      const n = ctx.workbook.names.getItem("total").load("formula,type");
      const r = n.getRange().load("address");
      await ctx.sync();
      expect([n.formula, n.type, r.address]).toEqual(["='Mitt ark'!$B$2:$C$3", "Range", "'Mitt ark'!B2:C3"]);
      ctx.workbook.worksheets.getItem("Mitt ark").delete();
      n.load("formula");
      await ctx.sync();
      expect(n.formula).toBe("=#REF!$B$2:$C$3");
    });
  });
});

describe("protection", () => {
  it("rejects writes on a protected sheet with AccessDenied, keeping earlier operations", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Låst"] });
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Låst").protection.protect());
    const err = await failureOf(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem("Ark1").getRange("A1").values = [["ok"]];
      ctx.workbook.worksheets.getItem("Låst").getRange("A1").values = [["nei"]];
    });
    expect(err.code).toBe("AccessDenied");
    expect(fake.workbook.getValues("Ark1", "A1")).toEqual([["ok"]]);
    expect(fake.workbook.getValues("Låst", "A1")).toEqual([[""]]);
    for (const change of [
      (c: Excel.RequestContext) => void (c.workbook.worksheets.getItem("Låst").getRange("A1").format.font.bold = true),
      (c: Excel.RequestContext) => void c.workbook.worksheets.getItem("Låst").tables.add("A1:B2", true),
      (c: Excel.RequestContext) => void c.workbook.worksheets.getItem("Låst").getRange("A1").clear(),
    ]) {
      expect(await codeOf(fake, async (ctx) => change(ctx))).toBe("AccessDenied");
    }
    expect(await codeOf(fake, async (ctx) => ctx.workbook.worksheets.getItem("Låst").protection.protect())).toBe("InvalidOperation");

    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Låst");
      const p = ws.protection.load("protected");
      await ctx.sync();
      expect(p.protected).toBe(true);
      ws.protection.unprotect();
      ws.getRange("A1").values = [["ja"]];
    });
    expect(fake.workbook.getValues("Låst", "A1")).toEqual([["ja"]]);
  });

  it("honours allowFormatCells and passwords", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Ark1").protection.protect({ allowFormatCells: true }, "hemmelig"));
    await fake.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Ark1").getRange("A1").format.font.bold = true));
    expect(fake.workbook.getCellFormat("Ark1", "A1").bold).toBe(true);
    expect(await codeOf(fake, async (ctx) => void (ctx.workbook.worksheets.getItem("Ark1").getRange("A1").values = [[1]]))).toBe(
      "AccessDenied",
    );
    expect(await codeOf(fake, async (ctx) => ctx.workbook.worksheets.getItem("Ark1").protection.unprotect("feil"))).toBe("InvalidArgument");
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Ark1").protection.unprotect("hemmelig"));
    expect(fake.workbook.sheet("Ark1").protected).toBe(false);
  });
});

describe("custom properties and requirement sets", () => {
  it("adds, finds (ignoring key case), lists and deletes worksheet custom properties", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const props = ctx.workbook.worksheets.getItem("Ark1").customProperties;
      props.add("navTiltak", "v1");
      props.add("NAVTILTAK", "v2"); // same key: overwrites
      const hit = props.getItemOrNullObject("navtiltak").load("key,value");
      const miss = props.getItemOrNullObject("other");
      props.load("items/key,items/value");
      await ctx.sync();
      expect([hit.isNullObject, hit.key, hit.value, miss.isNullObject]).toEqual([false, "navTiltak", "v2", true]);
      expect(props.items.map((p) => [p.key, p.value])).toEqual([["navTiltak", "v2"]]);
      hit.delete();
    });
    expect(fake.workbook.customProperties("Ark1")).toEqual({});
  });

  it("simulates an older host: isSetSupported and ApiNotFound", async () => {
    const old = createFakeExcel({ apiVersion: "1.7" });
    expect(old.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(old.isSetSupported("ExcelApi", "1.8")).toBe(false);
    expect(old.isSetSupported("excelapi", "1.12")).toBe(false);
    expect(old.isSetSupported("CustomFunctionsRuntime", "1.1")).toBe(false);
    expect(createFakeExcel({ requirementSets: { CustomFunctionsRuntime: "1.3" } }).isSetSupported("CustomFunctionsRuntime", "1.2")).toBe(
      true,
    );

    expect(await codeOf(old, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").customProperties.add("k", "v"))).toBe(
      "ApiNotFound",
    );
    expect(await codeOf(old, async (ctx) => ctx.workbook.application.suspendScreenUpdatingUntilNextSync())).toBe("ApiNotFound");
    expect(
      await codeOf(old, async (ctx) => void ctx.workbook.worksheets.getItem("Ark1").pivotTables.add("P", "Ark1!A1:B3", "Ark1!D1")),
    ).toBe("ApiNotFound");
    // ExcelApi 1.7 features still work.
    await old.run(async (ctx) => ctx.workbook.worksheets.getItem("Ark1").freezePanes.freezeRows(2));
    expect(old.workbook.sheet("Ark1").frozenRows).toBe(2);
  });
});

describe("pivot tables", () => {
  const data = [
    ["Hovedgruppe", "Tiltaksgruppe", "Antall"],
    ["Arbeidssøkere", "Opplæring", 10],
    ["Arbeidssøkere", "Oppfølging", 5],
    ["Andre", "Opplæring", 3],
  ];

  it("creates a pivot table from a range and renders rows × columns with totals", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Data", cells: { A1: data } }, "Pivot"] });
    await fake.run(async (ctx) => {
      const source = ctx.workbook.worksheets.getItem("Data").getRange("A1:C4");
      const pt = ctx.workbook.worksheets.getItem("Pivot").pivotTables.add("Tiltak", source, "Pivot!A3");
      pt.rowHierarchies.add(pt.hierarchies.getItem("Tiltaksgruppe"));
      pt.columnHierarchies.add(pt.hierarchies.getItem("Hovedgruppe"));
      const sum = pt.dataHierarchies.add(pt.hierarchies.getItem("Antall"));
      sum.summarizeBy = "Sum";
      sum.load("name");
      const all = ctx.workbook.pivotTables.load("items/name");
      await ctx.sync();
      expect(sum.name).toBe("Summer av Antall");
      expect(all.items.map((p) => p.name)).toEqual(["Tiltak"]);
    });
    expect(fake.workbook.pivotTables()[0]).toMatchObject({
      name: "Tiltak",
      sheet: "Pivot",
      source: "Data!A1:C4",
      rows: ["Tiltaksgruppe"],
      columns: ["Hovedgruppe"],
      data: [{ field: "Antall", summarizeBy: "Sum" }],
    });
    expect(fake.workbook.getValues("Pivot", "A3:D7")).toEqual([
      ["Summer av Antall", "Kolonneetiketter", "", ""],
      ["Radetiketter", "Andre", "Arbeidssøkere", "Totalsum"],
      ["Oppfølging", "", 5, 5],
      ["Opplæring", 3, 10, 13],
      ["Totalsum", 3, 15, 18],
    ]);
  });

  it("protects the report from edits and clears it on delete", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Data", cells: { A1: data } }] });
    await fake.run(async (ctx) => {
      const pt = ctx.workbook.pivotTables.add("P", "Data!A1:C4", "Data!F1");
      pt.rowHierarchies.add(pt.hierarchies.getItem("Hovedgruppe"));
      pt.dataHierarchies.add(pt.hierarchies.getItem("Antall"));
      const range = pt.layout.getRange().load("address");
      await ctx.sync();
      expect(range.address).toBe("Data!F1:G4");
    });
    expect(fake.workbook.getValues("Data", "F1:G4")).toEqual([
      ["Radetiketter", "Summer av Antall"],
      ["Andre", 3],
      ["Arbeidssøkere", 15],
      ["Totalsum", 18],
    ]);
    expect(await codeOf(fake, async (ctx) => void (ctx.workbook.worksheets.getItem("Data").getRange("G2").values = [[0]]))).toBe(
      "InvalidOperation",
    );
    await fake.run(async (ctx) => ctx.workbook.pivotTables.getItem("P").delete());
    expect(fake.workbook.getValues("Data", "F1:G1")).toEqual([["", ""]]);
    expect(fake.workbook.pivotTables()).toEqual([]);
  });

  it("enforces pivot rules: unique names per sheet, known fields, no overlap with tables", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Data", cells: { A1: data } }] });
    await fake.run(async (ctx) => void ctx.workbook.worksheets.getItem("Data").pivotTables.add("P", "Data!A1:C4", "Data!F1"));
    const ws = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Data");
    expect(await codeOf(fake, async (ctx) => void ws(ctx).pivotTables.add("p", "Data!A1:C4", "Data!K1"))).toBe("ItemAlreadyExists");
    expect(
      await codeOf(fake, async (ctx) => {
        const pt = ws(ctx).pivotTables.getItem("P");
        pt.rowHierarchies.add(pt.hierarchies.getItem("Finnes ikke"));
      }),
    ).toBe("ItemNotFound");
    await fake.run(async (ctx) => void ws(ctx).tables.add("A10:B11", true));
    expect(await codeOf(fake, async (ctx) => void ws(ctx).pivotTables.add("Q", "Data!A1:C4", "Data!B11"))).toBe("InvalidArgument");
  });

  it("puts report filters above the report: in the rows above the destination, else moving it down", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Data", cells: { A1: data } }, "Pivot"] });
    await fake.run(async (ctx) => {
      const pt = ctx.workbook.pivotTables.add("P", "Data!A1:C4", "Pivot!A3");
      pt.filterHierarchies.add(pt.hierarchies.getItem("Hovedgruppe"));
      pt.rowHierarchies.add(pt.hierarchies.getItem("Tiltaksgruppe"));
      pt.dataHierarchies.add(pt.hierarchies.getItem("Antall"));
      const range = pt.layout.getRange().load("address");
      const body = pt.layout.getDataBodyRange().load("address");
      await ctx.sync();
      expect([range.address, body.address]).toEqual(["Pivot!A3:B6", "Pivot!B4:B6"]);
    });
    expect(fake.workbook.getValues("Pivot", "A1:B3")).toEqual([
      ["Hovedgruppe", "(Alle)"],
      ["", ""],
      ["Radetiketter", "Summer av Antall"],
    ]);
    // The filter area is part of the PivotTable: it cannot be edited.
    expect(await codeOf(fake, async (ctx) => void (ctx.workbook.worksheets.getItem("Pivot").getRange("A2").values = [["x"]]))).toBe(
      "InvalidOperation",
    );

    const top = createFakeExcel({ sheets: [{ name: "Data", cells: { A1: data } }] });
    await top.run(async (ctx) => {
      const pt = ctx.workbook.pivotTables.add("P", "Data!A1:C4", "Data!F1");
      pt.filterHierarchies.add(pt.hierarchies.getItem("Hovedgruppe"));
      pt.rowHierarchies.add(pt.hierarchies.getItem("Tiltaksgruppe"));
      const range = pt.layout.getRange().load("address");
      await ctx.sync();
      expect(range.address).toBe("Data!F3:F6");
    });
    expect(top.workbook.getValues("Data", "F1:G1")).toEqual([["Hovedgruppe", "(Alle)"]]);
  });

  it("refuses a report filter over cells that hold something (Excel would ask before replacing them)", async () => {
    const fake = createFakeExcel({
      sheets: [
        { name: "Data", cells: { A1: data } },
        { name: "Pivot", cells: { A1: [["Tittel"], ["Merknad"]] } },
      ],
    });
    const error = await failureOf(fake, async (ctx) => {
      const pt = ctx.workbook.pivotTables.add("P", "Data!A1:C4", "Pivot!A4");
      pt.filterHierarchies.add(pt.hierarchies.getItem("Hovedgruppe"));
      pt.rowHierarchies.add(pt.hierarchies.getItem("Tiltaksgruppe"));
    });
    expect(error.code).toBe("InvalidOperation");
    expect(fake.workbook.getValues("Pivot", "A2")).toEqual([["Merknad"]]);
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

describe("freeze panes and snapshots", () => {
  it("records frozen rows, tab colour and column widths", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [["Tiltak", "Antall"]] } }] });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.freezePanes.freezeRows(1);
      ws.tabColor = "red";
      ws.getRange("A:A").format.columnWidth = 150;
      ws.getRange("A1:B1").format.autofitColumns();
    });
    const snap = fake.workbook.sheet("Ark1");
    expect(snap).toMatchObject({ frozenRows: 1, tabColor: "#FF0000", usedRange: "A1:B1" });
    expect(snap.columnWidths.A).toBeGreaterThan(0);
    expect(snap.columnWidths.A).not.toBe(150);
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Ark1").freezePanes.unfreeze());
    expect(fake.workbook.sheet("Ark1").frozenRows).toBe(0);
  });
});

describe("installFakeOffice", () => {
  const g = globalThis as Record<string, unknown>;
  afterEach(() => uninstallFakeOffice(globalThis));

  it("installs Excel.run, Office requirements and settings, and uninstalls cleanly", async () => {
    expect(g.Excel).toBeUndefined();
    const fake = createFakeExcel({ apiVersion: "1.9" });
    installFakeOffice(globalThis, fake);
    const office = g.Office as {
      context: {
        requirements: { isSetSupported(n: string, v: string): boolean };
        document: {
          settings: { set(k: string, v: unknown): void; get(k: string): unknown; saveAsync(cb: (r: { status: string }) => void): void };
        };
      };
    };
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(false);

    const excel = g.Excel as { run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> };
    await excel.run(async (ctx) => void ctx.workbook.worksheets.add("Via global"));
    expect(fake.workbook.sheetNames()).toContain("Via global");

    const settings = office.context.document.settings;
    settings.set("navTiltak.sheets", ["Via global"]);
    expect(fake.workbook.settings()).toEqual({});
    const status = await new Promise<string>((resolve) => settings.saveAsync((r) => resolve(r.status)));
    expect(status).toBe("succeeded");
    expect(fake.workbook.settings()).toEqual({ "navTiltak.sheets": ["Via global"] });
    expect(settings.get("missing")).toBeNull();

    uninstallFakeOffice(globalThis);
    expect(g.Excel).toBeUndefined();
    expect(g.Office).toBeUndefined();
  });
});
