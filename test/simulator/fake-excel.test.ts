// The Excel simulator (packages/excel-simulator) under Microsoft's client library: the workbook it
// starts with, sheet names, load and sync, null objects, errors inside a batch, counting, frozen
// panes and the Office globals of the preview. Ranges: fake-excel-ranges.test.ts; tables, names,
// protection and PivotTables: fake-excel-objects.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { createFakeExcel, installFakeOffice, uninstallFakeOffice } from "@nav-tiltak/excel-simulator";
import { codeOf, failureOf } from "../helpers/simulator-failure.js";

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
