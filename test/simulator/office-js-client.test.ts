// The fake as a RichApi endpoint behind Microsoft's own Excel client library: misuse that Office.js
// itself rejects fails here with Microsoft's error, and a failing action leaves the calls before it
// applied, as Excel does.

import { describe, expect, test } from "vitest";
import { createFakeExcel, type FakeExcel } from "@nav-tiltak/excel-simulator";
import { caught, officeJs, officeJsClient } from "../helpers/office-js.js";

function realClientFake(): FakeExcel {
  return createFakeExcel({ client: officeJsClient() });
}

/** Microsoft's client throws its own RuntimeError class, not one of the fake's. */
function isMicrosoftError(e: unknown): boolean {
  return e instanceof (officeJs().OfficeExtension.Error as unknown as new () => object);
}

describe("Microsoft's client over the fake", () => {
  test("writes, reads back and addresses objects the request made", async () => {
    const fake = realClientFake();
    const out = await fake.runAsExcel(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Data");
      const r = ws.getRange("A1:B1");
      r.values = [[1, "x"]];
      r.load("address,values");
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      // The added sheet's path became worksheets.getItem(id): renaming it must not add it again.
      ws.name = "Data2";
      ws.load("name");
      await ctx.sync();
      return { address: r.address, values: r.values, names: sheets.items.map((s) => s.name), name: ws.name };
    });
    expect(out).toEqual({ address: "Data!A1:B1", values: [[1, "x"]], names: ["Ark1", "Data"], name: "Data2" });
    expect(fake.workbook.sheetNames()).toEqual(["Ark1", "Data2"]);
    expect(fake.stats.syncs).toBe(2);
  });

  test("reading a property that was not loaded throws Microsoft's PropertyNotLoaded", async () => {
    const fake = realClientFake();
    const e = await caught(
      fake.runAsExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Ark1");
        ws.load("id");
        await ctx.sync();
        return ws.name;
      }),
    );
    expect(isMicrosoftError(e)).toBe(true);
    expect(e.code).toBe("PropertyNotLoaded");
  });

  test("isNullObject before load and sync throws; after them it tells", async () => {
    const fake = realClientFake();
    const e = await caught(fake.runAsExcel(async (ctx) => ctx.workbook.worksheets.getItemOrNullObject("Finnes ikke").isNullObject));
    expect(isMicrosoftError(e)).toBe(true);
    expect(e.code).toBe("PropertyNotLoaded");
    const answer = await fake.runAsExcel(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Finnes ikke");
      const there = ctx.workbook.worksheets.getItemOrNullObject("ark1");
      missing.load("name");
      there.load("name");
      await ctx.sync();
      return [missing.isNullObject, there.isNullObject, there.name];
    });
    expect(answer).toEqual([true, false, "Ark1"]);
  });

  test("a proxy used after its batch fails with Microsoft's InvalidObjectPath", async () => {
    const fake = realClientFake();
    const leaked = await fake.runAsExcel(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Ark1").getRange("A1");
      r.load("values");
      await ctx.sync();
      return r;
    });
    const e = await caught(
      (async () => {
        leaked.values = [[1]];
        await leaked.context.sync();
      })(),
    );
    expect(isMicrosoftError(e)).toBe(true);
    expect(e.code).toBe("InvalidObjectPath");
    expect(fake.workbook.getValues("Ark1", "A1")).toEqual([[""]]);
  });

  test("loading a navigation property loads its values, not the objects below it", async () => {
    const fake = realClientFake();
    const bold = await fake.runAsExcel(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Ark1").getRange("A1");
      r.format.font.bold = true;
      await ctx.sync();
      r.load("format/font");
      await ctx.sync();
      return r.format.font.bold;
    });
    expect(bold).toBe(true);
    const e = await caught(
      fake.runAsExcel(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Ark1").getRange("A1");
        r.load("format");
        await ctx.sync();
        return r.format.font.bold;
      }),
    );
    expect(isMicrosoftError(e)).toBe(true);
    expect(e.code).toBe("PropertyNotLoaded");
  });

  test("a failing action stops the request; the actions before it stay applied", async () => {
    const fake = realClientFake();
    const e = await caught(
      fake.runAsExcel(async (ctx) => {
        ctx.workbook.worksheets.getItem("Ark1").getRange("A1").values = [[5]];
        ctx.workbook.worksheets.getItem("Mangler").getRange("A1").values = [[6]];
        ctx.workbook.worksheets.getItem("Ark1").getRange("A2").values = [[7]];
        await ctx.sync();
      }),
    );
    expect(isMicrosoftError(e)).toBe(true);
    expect(e.code).toBe("ItemNotFound");
    // Microsoft's client names the failing statement from the action index the answer carries.
    expect(e.debugInfo.statement).toContain("worksheets.getItem(");
    expect(fake.workbook.getValues("Ark1", "A1:A2")).toEqual([[5], [""]]);
  });

  test("failOn makes the Nth caller's action fail", async () => {
    const fake = realClientFake();
    fake.failOn({ nth: 2, code: "GeneralException" });
    const e = await caught(
      fake.runAsExcel(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Ark1");
        ws.getRange("A1").values = [[1]];
        ws.getRange("A2").values = [[2]];
        ws.getRange("A3").values = [[3]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("GeneralException");
    expect(fake.workbook.getValues("Ark1", "A1:A3")).toEqual([[1], [""], [""]]);
  });
});
