// The add-in's objects are followed by identity, not by name: what users do to them (rename the
// PivotTable, the long table or a sheet; move the PivotTable; delete a table and keep its sheet;
// sort the long table) is followed by two refreshes, which must succeed, never add an object on
// top of one that exists, keep the user's names, and give the add-in's content back.

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { movePivot, type FakeExcel } from "@nav-tiltak/excel-simulator";
import { addinSignature } from "../helpers/fault-sweep.js";
import { fakeHost, trimText, userDoes } from "../helpers/excel-fake.js";
import { groupNameRows, parseGroupName } from "../helpers/group-names.js";

const ds = BUNDLED_DATASET;

async function inserted() {
  const h = fakeHost({ sheets: [{ name: "Budsjett", cells: { A1: [["Post", "Beløp"]] } }] });
  const report = await insert(h.host, { dataset: ds, sheets: "all" });
  expect(report.ok, JSON.stringify(report.messages)).toBe(true);
  return h;
}

/** Two refreshes, both clean (the first may keep the user's version of a block); returns the second's report. */
async function refreshTwice(h: Awaited<ReturnType<typeof inserted>>, firstKeeps: string[] = []) {
  const first = await refresh(h.host, { dataset: ds });
  expect(first.ok, JSON.stringify(first.messages)).toBe(true);
  expect(first.sheets.flatMap((s) => (s.keptAs ? [s.keptAs] : []))).toEqual(firstKeeps);
  const second = await refresh(h.host, { dataset: ds });
  expect(second.ok, JSON.stringify(second.messages)).toBe(true);
  expect(second.sheets.every((s) => !s.keptAs)).toBe(true);
  return second;
}

const pivotText = (fake: FakeExcel, sheet: string) => trimText(fake.state.sheetText(sheet)).slice(2);

describe("the add-in's objects after the user renamed, moved or deleted them", () => {
  it("a renamed PivotTable keeps the user's name and is refreshed in place", async () => {
    const h = await inserted();
    const before = pivotText(h.fake, "Pivottabell");
    await userDoes(h.fake, (ctx) => {
      ctx.workbook.pivotTables.getItem("NavTiltakPivot").name = "MinPivot";
    });
    const pivot = h.fake.state.allPivots.find((p) => !p.deleted)!;
    const report = await refreshTwice(h);
    expect(report.sheets.find((s) => s.key === "pivottabell")!.pivot).toBe("MinPivot");
    expect(h.fake.state.pivotTables().map((p) => [p.name, p.sheet])).toEqual([["MinPivot", "Pivottabell"]]);
    expect(h.fake.state.allPivots.filter((p) => !p.deleted)).toEqual([pivot]); // the same PivotTable
    expect(pivotText(h.fake, "Pivottabell")).toEqual(before);
  });

  it("a renamed long table keeps the user's name and id, and is refreshed in place", async () => {
    const h = await inserted();
    await userDoes(h.fake, (ctx) => {
      ctx.workbook.tables.getItem("NavTiltak").name = "MineData";
    });
    const before = h.fake.state.tables().find((t) => t.name === "MineData")!;
    // Excel renames the table inside the names' structured references at once, before any refresh.
    const named = groupNameRows(h.fake, "NAV_Andre");
    expect(parseGroupName(h.fake.state.names().find((n) => n.name === "NAV_Andre")!.formula).table).toBe("MineData");
    expect(named.length).toBeGreaterThan(0);
    const report = await refreshTwice(h);
    for (const n of h.fake.state.names().filter((x) => x.name.startsWith("NAV_") && !x.name.startsWith("NAV_Endring_"))) {
      expect(parseGroupName(n.formula).table, n.name).toBe("MineData");
    }
    expect(groupNameRows(h.fake, "NAV_Andre")).toEqual(named);
    expect(report.sheets.find((s) => s.key === "pivotdata-tiltak")!.table).toBe("MineData");
    const tables = h.fake.state.tables();
    expect(tables.map((t) => t.name).sort()).toEqual(["MineData", "NavTiltaksgruppeEndring"]);
    expect(tables.find((t) => t.name === "MineData")).toMatchObject({ id: before.id, address: before.address });
    expect(h.fake.state.pivotTables()).toHaveLength(1);
    expect(h.fake.state.pivotTables()[0]!.source).toBe("MineData");
  });

  it("a renamed sheet is rewritten under the user's name, and no sheet is added", async () => {
    const h = await inserted();
    await userDoes(h.fake, (ctx) => {
      ctx.workbook.worksheets.getItem("Pivotdata tiltak").name = "Data";
      ctx.workbook.worksheets.getItem("Pivottabell").name = "Min pivot";
    });
    const names = h.fake.state.sheetNames();
    await refreshTwice(h);
    expect(h.fake.state.sheetNames()).toEqual(names);
    expect(h.fake.state.tables().find((t) => t.name === "NavTiltak")!.sheet).toBe("Data");
    expect(h.fake.state.pivotTables().map((p) => p.sheet)).toEqual(["Min pivot"]);
  });

  it("a PivotTable the user moved to a sheet of their own is refreshed there, not made again", async () => {
    const h = await inserted();
    await userDoes(h.fake, (ctx) => void ctx.workbook.worksheets.add("Analyse"));
    const wb = h.fake.state;
    const pivot = wb.allPivots.find((p) => !p.deleted)!;
    movePivot(wb, pivot, { sheet: wb.requireSheet("Analyse"), rect: { row: 4, col: 1, rows: 1, cols: 1 } });
    const moved = trimText(wb.sheetText("Analyse"));
    expect(moved.length).toBeGreaterThan(40);
    await refreshTwice(h);
    expect(wb.pivotTables().map((p) => [p.name, p.sheet])).toEqual([["NavTiltakPivot", "Analyse"]]);
    expect(wb.allPivots.filter((p) => !p.deleted)).toEqual([pivot]); // the same PivotTable, not a new one
    expect(trimText(wb.sheetText("Analyse"))).toEqual(moved);
    // The add-in's sheet keeps its title and note, and gets no second PivotTable.
    expect(trimText(wb.sheetText("Pivottabell"))).toHaveLength(3);
  });

  it("a table the user turned into a plain range, keeping its sheet, is made again, with the PivotTable over it", async () => {
    const h = await inserted();
    const want = addinSignature(h.fake);
    await userDoes(h.fake, (ctx) => void ctx.workbook.tables.getItem("NavTiltak").convertToRange());
    expect(h.fake.state.tables().map((t) => t.name)).toEqual(["NavTiltaksgruppeEndring"]);
    await refreshTwice(h);
    expect(addinSignature(h.fake)).toEqual(want);
  });

  it("a table the user deleted with its rows, keeping its sheet, is made again; what was left is kept aside", async () => {
    const h = await inserted();
    const want = addinSignature(h.fake);
    await userDoes(h.fake, (ctx) => void ctx.workbook.tables.getItem("NavTiltak").delete());
    // Deleting the rows is a change to the add-in's cells: the block as the user left it is kept.
    await refreshTwice(h, ["Pivotdata tiltak (endret)"]);
    expect(addinSignature(h.fake)).toEqual(want);
  });

  it("a sorted long table is not taken for an edit, and refresh gives the add-in's order back", async () => {
    const h = await inserted();
    const want = addinSignature(h.fake);
    const values = h.fake.state.sheet("Pivotdata tiltak").values;
    const header = values.findIndex((r) => r[0] === "Periode");
    const body = values.slice(header + 1);
    const sorted = [...body].sort((a, b) => Number(b[4] || 0) - Number(a[4] || 0));
    const groups = ["NAV_Arbeidssokere", "NAV_Nedsatt_arbeidsevne", "NAV_Andre"];
    const bySet = () =>
      groups.map((g) =>
        groupNameRows(h.fake, g)
          .map((r) => JSON.stringify(r))
          .sort(),
      );
    const formulas = () =>
      h.fake.state
        .names()
        .filter((n) => groups.includes(n.name))
        .map((n) => n.formula);
    const rowsBefore = bySet();
    const formulasBefore = formulas();
    h.fake.state.setValues("Pivotdata tiltak", `A${header + 2}:F${header + 1 + body.length}`, sorted);
    // The names give each hovedgruppe's rows in the sorted table as well: the same rows, all of them.
    expect(formulas()).toEqual(formulasBefore);
    expect(bySet()).toEqual(rowsBefore);
    groups.forEach((g, i) => expect(rowsBefore[i]!.length, g).toBeGreaterThan(0));
    await refreshTwice(h);
    expect(bySet()).toEqual(rowsBefore);
    expect(addinSignature(h.fake)).toEqual(want);
  });
});

describe("a filtered long table", () => {
  it("gets its filters applied again once its rows are rewritten", async () => {
    const h = await inserted();
    const order: string[] = [];
    h.fake.failOn({
      when: (op) => {
        if (op.member === "reapplyFilters" || (op.object === "Range" && op.member === "values")) order.push(op.member);
        return false;
      },
      persistent: true,
    });
    const report = await refresh(h.host, { dataset: ds });
    expect(report.ok).toBe(true);
    // Both long tables, each after the block's values were written.
    expect(order.filter((m) => m === "reapplyFilters")).toHaveLength(2);
    order.forEach((m, i) => {
      if (m === "reapplyFilters") expect(order[i - 1]).toBe("values");
    });
  });
});
