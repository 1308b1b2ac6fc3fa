// The fake's server side as Microsoft's client meets it: requirement sets checked per action,
// members the fake does not model refused by name, kept objects that outlive what they point at,
// and no batch without a client.

import { describe, expect, test } from "vitest";
import { createFakeExcel, setDefaultClient } from "@nav-tiltak/excel-simulator";
import { caught, officeJsClient } from "../helpers/office-js.js";

describe("the RichApi server tables", () => {
  test("a write newer than the host's ExcelApi fails at its action; the writes before it stay", async () => {
    const fake = createFakeExcel({ apiVersion: "1.6" });
    const e = await caught(
      fake.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Ark1");
        ws.getRange("A1").values = [[1]];
        ws.tabColor = "#FF0000"; // ExcelApi 1.7
        ws.getRange("A2").values = [[2]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ApiNotFound");
    expect(e.message).toContain("Worksheet.tabColor needs ExcelApi 1.7");
    expect(fake.workbook.getValues("Ark1", "A1:A2")).toEqual([[1], [""]]);
  });

  test("a member the fake does not model is refused by name, not ignored", async () => {
    const fake = createFakeExcel();
    const e = await caught(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Ark1").getRange("A1").getSpillingToRange().load("address");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    expect(e.message).toContain("does not model Range.getSpillingToRange");
  });

  test("loading a property the type does not have names it", async () => {
    const fake = createFakeExcel();
    const e = await caught(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Ark1").getRange("A1").load("noSuchProperty");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    expect(e.message).toContain("'noSuchProperty' is not a loadable property of Range");
  });

  test("a kept range on a sheet deleted since fails with ItemNotFound", async () => {
    const fake = createFakeExcel({ sheets: ["Ark1", "Borte"] });
    const e = await caught(
      fake.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Borte").getRange("B2");
        ctx.trackedObjects.add(r);
        r.load("address");
        await ctx.sync();
        expect(r.address).toBe("Borte!B2");
        ctx.workbook.worksheets.getItem("Borte").delete();
        await ctx.sync();
        r.load("address");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(fake.workbook.sheetNames()).toEqual(["Ark1"]);
  });

  test("without an Office.js client a batch is refused with a message that says what to pass", async () => {
    setDefaultClient(undefined);
    try {
      const fake = createFakeExcel();
      await expect(fake.run(() => undefined)).rejects.toThrow(/createFakeExcel\(\{ client \}\)/);
      expect(fake.stats.runs).toBe(0);
      // Passing a client explicitly is enough.
      const explicit = createFakeExcel({ client: officeJsClient() });
      await explicit.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Ark1").getRange("A1").values = [[1]]));
      expect(explicit.workbook.getValues("Ark1", "A1")).toEqual([[1]]);
    } finally {
      setDefaultClient(officeJsClient());
    }
  });
});
