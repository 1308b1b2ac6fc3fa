// The user's version of an add-in block, kept on «… (endret)» before the block is rewritten:
// text stays text, formulas stay formulas and number formats stay (formats are written before
// the values, so Excel does not parse «November 2016» into a date on the copy).

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { fakeHost, userDoes } from "../helpers/excel-fake.js";

const ds = BUNDLED_DATASET;

describe("the kept copy of the user's edits", () => {
  it.each([
    ["1.17", "Range.copyFrom"],
    ["1.8", "number formats, then formulas"],
  ])("keeps text, formulas and number formats exactly, in the round trips the refresh has anyway (ExcelApi %s: %s)", async (apiVersion) => {
    const { fake, host } = fakeHost({ apiVersion });
    await insert(host, { dataset: ds, sheets: "all" });
    const period = fake.state.getFormulas("Hovedgrupper", "A3")[0]![0];
    expect(period).toBe("November 2016");
    expect(fake.state.sheetView("Hovedgrupper").cells[2]![0]!.format.numberFormat).toBe("@");
    await userDoes(fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Hovedgrupper");
      ws.getRange("D7").formulas = [["=B7*2"]];
      ws.getRange("B8").numberFormat = [["0.0"]];
      ws.getRange("B8").values = [[1234.5]];
    });
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBe(2);
    const kept = "Hovedgrupper (endret)";
    expect(report.sheets.find((s) => s.key === "hovedgrupper")!.keptAs).toBe(kept);
    // The period line is text on the copy too, not a date serial.
    expect(fake.state.getFormulas(kept, "A3")).toEqual([[period]]);
    expect(fake.state.sheetText(kept)[2]![0]).toBe(period);
    expect(fake.state.getFormulas(kept, "D7")).toEqual([["=B7*2"]]);
    expect(fake.state.sheetText(kept)[7]![1]).toBe("1234.5".replace(".", ","));
    const cells = fake.state.sheetView(kept).cells;
    expect(cells[7]![1]!.format.numberFormat).toBe("0.0");
    expect(cells[5]![1]!.format.numberFormat).toBe(fake.state.sheetView("Hovedgrupper").cells[5]![1]!.format.numberFormat);
    // With copyFrom, the formatting comes along too (the bold total row).
    if (apiVersion === "1.17") expect(cells[5]![0]!.format.bold).toBe(true);
    // The add-in's sheet has its own figures back.
    expect(fake.state.getFormulas("Hovedgrupper", "D7")).not.toEqual([["=B7*2"]]);
  });
});

describe("after two failures in a row", () => {
  it("the second message is about the second batch, not the marks the first one left", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, sheets: "all" });
    await userDoes(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Hovedgrupper").getRange("C7").values = [[4711]]));
    const addCopy = (op: { object: string; member: string; args: readonly unknown[] }) =>
      op.object === "WorksheetCollection" && op.member === "add" && String(op.args[0]).includes("(endret)");
    // 1: Excel refuses the copy sheet; only the request record was written.
    fake.failOn({ when: addCopy });
    const first = await refresh(host, { dataset: ds });
    expect(first.ok).toBe(false);
    // 2: the copy sheet is added, but its cells are refused.
    let added = false;
    fake.failOn({ when: (op) => (added ||= addCopy(op)) && op.object === "Range" && op.member === "copyFrom" });
    const second = await refresh(host, { dataset: ds });
    expect(second.ok).toBe(false);
    const text = second.messages.at(-1)!.text;
    expect(text).not.toMatch(/Ingenting i arbeidsboken ble endret/);
    expect(text).toContain("Endringene dine på «Hovedgrupper» står urørt der; arket «Hovedgrupper (endret)» ble bare delvis laget.");
    expect(fake.state.getValues("Hovedgrupper", "C7")).toEqual([[4711]]);
  });
});
