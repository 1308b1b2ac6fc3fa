// Freeze panes are touched only when they differ from what the layout wants (office-js #3148:
// freezing a sheet that is not active can unsettle the active one). Round trip 1 reads each
// add-in sheet's frozen location; refresh refreezes only sheets where it is wrong.

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { buildLayouts } from "../../src/core/layout.js";
import { refreeze } from "../../src/excel/freeze.js";
import { insert, refresh } from "../../src/excel/writer.js";
import type { FakeExcel } from "@nav-tiltak/excel-simulator";
import { fakeHost, userDoes } from "../helpers/excel-fake.js";

const ds = BUNDLED_DATASET;
const layouts = buildLayouts(ds);
const hovedgrupper = layouts.find((l) => l.key === "hovedgrupper")!;

async function inserted() {
  const h = fakeHost({ sheets: [{ name: "Budsjett", cells: { A1: [["Post", "Beløp"]] } }] });
  const report = await insert(h.host, { dataset: ds, sheets: "all" });
  expect(report.ok, JSON.stringify(report.messages)).toBe(true);
  return h;
}

/** Records the freeze-pane calls the next operations queue (never fails them). */
function watchFreezes(fake: FakeExcel): string[] {
  const calls: string[] = [];
  fake.failOn({
    when: (op) => {
      if (op.object === "WorksheetFreezePanes") calls.push(op.member);
      return false;
    },
    persistent: true,
  });
  return calls;
}

const frozen = (fake: FakeExcel, sheet: string) => {
  const s = fake.state.sheet(sheet);
  return [s.frozenRows, s.frozenColumns];
};

describe("freeze panes on refresh", () => {
  it("a refresh of an untouched workbook queues no freeze call", async () => {
    const h = await inserted();
    const calls = watchFreezes(h.fake);
    const report = await refresh(h.host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(calls).toEqual([]);
    for (const l of layouts) expect(frozen(h.fake, l.name), l.name).toEqual([l.freezeRows, 0]);
  });

  it("a sheet the user unfroze is frozen again, and only that sheet", async () => {
    const h = await inserted();
    await userDoes(h.fake, (ctx) => void ctx.workbook.worksheets.getItem(hovedgrupper.name).freezePanes.unfreeze());
    expect(frozen(h.fake, hovedgrupper.name)).toEqual([0, 0]);
    const calls = watchFreezes(h.fake);
    const report = await refresh(h.host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(calls).toEqual(["freezeRows"]);
    expect(frozen(h.fake, hovedgrupper.name)).toEqual([hovedgrupper.freezeRows, 0]);
    // Right again: the next refresh leaves it alone.
    calls.length = 0;
    await refresh(h.host, { dataset: ds });
    expect(calls).toEqual([]);
  });

  it("wrong frozen rows are corrected, and columns the user froze are kept", async () => {
    const h = await inserted();
    await userDoes(h.fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(hovedgrupper.name);
      ws.freezePanes.freezeAt(ws.getRange("A1:B1"));
    });
    expect(frozen(h.fake, hovedgrupper.name)).toEqual([1, 2]);
    const calls = watchFreezes(h.fake);
    await refresh(h.host, { dataset: ds });
    expect(calls).toEqual(["freezeAt"]);
    expect(frozen(h.fake, hovedgrupper.name)).toEqual([hovedgrupper.freezeRows, 2]);
  });

  it("rows inserted above a block move the split with it: nothing to refreeze", async () => {
    const h = await inserted();
    await userDoes(h.fake, (ctx) => void ctx.workbook.worksheets.getItem(hovedgrupper.name).getRange("1:2").insert("Down"));
    expect(frozen(h.fake, hovedgrupper.name)).toEqual([hovedgrupper.freezeRows + 2, 0]);
    const calls = watchFreezes(h.fake);
    await refresh(h.host, { dataset: ds });
    expect(calls).toEqual([]);
  });
});

describe("refreeze", () => {
  it("only where the rows differ, and never where the layout freezes nothing or nothing was read", () => {
    expect(refreeze({ rows: 5, cols: 0 }, 5)).toBeNull();
    expect(refreeze({ rows: 5, cols: 3 }, 5)).toBeNull();
    expect(refreeze({ rows: 0, cols: 0 }, 5)).toEqual({ rows: 5, cols: 0 });
    expect(refreeze({ rows: 2, cols: 1 }, 5)).toEqual({ rows: 5, cols: 1 });
    expect(refreeze({ rows: 2, cols: 0 }, 0)).toBeNull();
    expect(refreeze(undefined, 5)).toBeNull();
  });
});

describe("the fake's WorksheetFreezePanes.getLocationOrNullObject", () => {
  it("is a null object with nothing frozen, else the frozen pane (rows alone span every column)", async () => {
    const h = fakeHost({ sheets: [{ name: "Ark1" }] });
    const read = () =>
      h.fake.runAsExcel(async (ctx) => {
        const loc = ctx.workbook.worksheets.getItem("Ark1").freezePanes.getLocationOrNullObject().load("address,rowCount,columnCount");
        await ctx.sync();
        return loc.isNullObject ? null : [loc.rowCount, loc.columnCount];
      });
    expect(await read()).toBeNull();
    await userDoes(h.fake, (ctx) => void ctx.workbook.worksheets.getItem("Ark1").freezePanes.freezeRows(3));
    expect(await read()).toEqual([3, 16_384]);
    await userDoes(h.fake, (ctx) => void ctx.workbook.worksheets.getItem("Ark1").freezePanes.freezeColumns(2));
    expect(await read()).toEqual([1_048_576, 2]);
    await userDoes(h.fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.freezePanes.freezeAt(ws.getRange("A1:C4"));
    });
    expect(await read()).toEqual([4, 3]);
  });
});
