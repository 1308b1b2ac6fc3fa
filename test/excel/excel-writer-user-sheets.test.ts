// The writer among the user's things: a block the user moved by inserting rows or columns before it,
// the user's own sheets and names, names that tables and workbook names share, hidden sheets.
// The rest of the writer: excel-writer.test.ts.

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { buildLayouts, layoutText, type SheetLayout } from "../../src/core/layout.js";
import { tiltakLongTable } from "../../src/core/pivot.js";

import { parseSheetReference } from "@nav-tiltak/a1";
import { insert, refresh } from "../../src/excel/writer.js";
import { fakeHost, trimText, userDoes, widenDataset, workbookState } from "../helpers/excel-fake.js";
import { groupNameRows } from "../helpers/group-names.js";

const ds = BUNDLED_DATASET;
const layouts = buildLayouts(ds);
const layoutByKey = new Map(layouts.map((l) => [l.key, l]));
const layout = (key: SheetLayout["key"]) => layoutByKey.get(key)!;

async function inserted(options: Parameters<typeof fakeHost>[0] = {}) {
  const h = fakeHost(options);
  const report = await insert(h.host, { dataset: ds, sheets: "all" });
  expect(report.ok, JSON.stringify(report.messages)).toBe(true);
  return { ...h, report };
}

describe("a block the user moved by inserting rows or columns before it", () => {
  const notes = [["Mine notater"], ["Hentet til rapporten i mars"]];

  it("refresh writes each block where it is now, keeps the user's rows, and changes nothing else", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      for (const ws of fake.state.sheetNames().filter((n) => n !== "Ark1")) {
        const sheet = ctx.workbook.worksheets.getItem(ws);
        sheet.getRange("1:2").insert("Down");
        sheet.getRange("A1:A2").values = notes;
      }
    });
    const moved = workbookState(fake);
    fake.stats.reset();
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    // The user's rows are not taken for edits of the add-in's cells.
    expect(report.sheets.every((s) => s.status === "updated" && !s.keptAs)).toBe(true);
    expect(workbookState(fake)).toEqual(moved);
    for (const l of layouts) {
      expect(fake.state.getValues(l.name, "A1:A2"), l.name).toEqual(notes);
      expect(trimText(fake.state.sheetText(l.name).slice(2)), l.name).toEqual(trimText(layoutText(l)));
      // The header stays frozen: Excel moved the split down with the rows, and so does refresh.
      expect(fake.state.sheet(l.name).frozenRows, l.name).toBe(l.freezeRows > 0 ? l.freezeRows + 2 : 0);
    }
    const index = fake.state.names().find((n) => n.name === "NavTiltak.hovedgrupper")!;
    expect(parseSheetReference(index.formula)!.rect).toMatchObject({ row: 2, col: 0 });
    expect(fake.state.tables().find((t) => t.name === "NavTiltak")!.address).toMatch(/^'Pivotdata tiltak'!A6:F\d+$/);
    expect(fake.state.pivotTables()[0]!.destination).toBe("Pivottabell!A8");

    // Idempotent, and "insert again" rewrites in the same place.
    await refresh(host, { dataset: ds });
    expect(workbookState(fake)).toEqual(moved);
    const again = await insert(host, { dataset: ds, sheets: "all" });
    expect(again.sheets.every((s) => s.status === "updated" && !s.keptAs)).toBe(true);
    expect(workbookState(fake)).toEqual(moved);
  });

  it("refresh after a new month: the moved tables are rewritten below the user's rows", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Pivotdata tiltak");
      ws.getRange("1:2").insert("Down");
      ws.getRange("A1:A2").values = notes;
    });
    const wider = widenDataset(ds, 2);
    const report = await refresh(host, { dataset: wider });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.sheets.every((s) => !s.keptAs)).toBe(true);
    expect(fake.state.getValues("Pivotdata tiltak", "A1:A2")).toEqual(notes);
    const rows = tiltakLongTable(wider).rows.length;
    expect(fake.state.tables().find((t) => t.name === "NavTiltak")!.address).toBe(`'Pivotdata tiltak'!A6:F${6 + rows}`);
    const values = fake.state.sheet("Pivotdata tiltak").values;
    const named = groupNameRows(fake, "NAV_Andre");
    expect(named.every((r) => r[1] === "Andre på tiltak")).toBe(true);
    expect(values.filter((r) => r[1] === "Andre på tiltak")).toHaveLength(named.length);
  });

  it("a column inserted left of a table: the table, its names and the user's column stay where they are", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      for (const name of ["Pivotdata tiltak", "Hovedgrupper"]) {
        const ws = ctx.workbook.worksheets.getItem(name);
        ws.getRange("A:A").insert("Right");
        ws.getRange("A5:A6").values = [["min kolonne"], [1]];
      }
    });
    const moved = workbookState(fake);
    const table = fake.state.tables().find((t) => t.name === "NavTiltak")!;
    expect(table.address).toMatch(/^'Pivotdata tiltak'!B4:G\d+$/);
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(report.sheets.every((s) => !s.keptAs)).toBe(true);
    expect(workbookState(fake)).toEqual(moved);
    expect(fake.state.tables().find((t) => t.name === "NavTiltak")).toEqual(table);
    expect(fake.state.getValues("Hovedgrupper", "A5:A6")).toEqual([["min kolonne"], [1]]);
    expect(trimText(fake.state.sheetText("Hovedgrupper").map((r) => r.slice(1)))).toEqual(trimText(layoutText(layout("hovedgrupper"))));
    const arbeidssokere = groupNameRows(fake, "NAV_Arbeidssokere");
    expect(arbeidssokere.length).toBeGreaterThan(0);
    expect(arbeidssokere.every((r) => r[1] === "Arbeidssøkere på tiltak")).toBe(true);
  });

  it("a row inserted inside a block, above its table: the user's row is kept aside and the table made again", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Pivotdata tiltak");
      ws.getRange("3:3").insert("Down");
      ws.getRange("A3").values = [["min rad"]];
    });
    expect(fake.state.tables().find((t) => t.name === "NavTiltak")!.address).toMatch(/!A5:F\d+$/);
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBe(2); // the user's version is read first, and copied before the rewrite
    const kept = report.sheets.find((s) => s.key === "pivotdata-tiltak")!.keptAs!;
    expect(fake.state.getValues(kept, "A3")).toEqual([["min rad"]]);
    const rows = tiltakLongTable(ds).rows.length;
    expect(
      fake.state
        .tables()
        .map((t) => t.name)
        .sort(),
    ).toEqual(["NavTiltak", "NavTiltaksgruppeEndring"]);
    expect(fake.state.tables().find((t) => t.name === "NavTiltak")!.address).toBe(`'Pivotdata tiltak'!A4:F${4 + rows}`);
    expect(fake.state.pivotTables()).toMatchObject([{ name: "NavTiltakPivot", source: "NavTiltak" }]);
    const after = workbookState(fake);
    const again = await refresh(host, { dataset: ds });
    expect(again.sheets.every((s) => !s.keptAs)).toBe(true);
    expect(workbookState(fake)).toEqual(after);
  });

  it("an edit in the moved block is still noticed, and kept where it was", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Hovedgrupper");
      ws.getRange("1:2").insert("Down");
      ws.getRange("A1:A2").values = notes;
      ws.getRange("B8").values = [[99999]]; // B6 before the rows were inserted
    });
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(true);
    const kept = report.sheets.find((s) => s.key === "hovedgrupper")!.keptAs!;
    expect(kept).toBe("Hovedgrupper (endret)");
    expect(fake.state.getValues(kept, "B8")).toEqual([[99999]]);
    expect(fake.state.getValues("Hovedgrupper", "A1:A2")).toEqual(notes);
    expect(fake.state.sheetText("Hovedgrupper")[7]![1]).toBe("83 484");
  });
});

describe("the user's sheets and names", () => {
  it("keeps a user's sheet with a clashing name and picks another name", async () => {
    const { fake, host } = fakeHost({ sheets: [{ name: "Hovedgrupper", cells: { A1: [["Mitt eget", 1]] } }, "Pivottabell"] });
    const report = await insert(host, { dataset: ds, sheets: "all" });
    expect(report.ok).toBe(true);
    expect(fake.state.getValues("Hovedgrupper", "A1:B1")).toEqual([["Mitt eget", 1]]);
    expect(fake.state.sheet("Hovedgrupper").customProperties).toEqual({});
    expect(report.sheets.find((s) => s.key === "hovedgrupper")!.sheet).toBe("Hovedgrupper (2)");
    expect(report.sheets.find((s) => s.key === "pivottabell")!.sheet).toBe("Pivottabell (2)");
    expect(fake.state.sheetText("Hovedgrupper (2)")[5]![1]).toBe("83 484");
    expect(report.messages.some((m) => m.text.includes("tabellen ble satt inn som «Hovedgrupper (2)»"))).toBe(true);

    const names = fake.state.sheetNames();
    const again = await refresh(host, { dataset: ds });
    expect(again.ok).toBe(true);
    expect(fake.state.sheetNames()).toEqual(names);
    expect(fake.state.getValues("Hovedgrupper", "A1:B1")).toEqual([["Mitt eget", 1]]);
  });

  it("keeps within 31 characters when it must rename", async () => {
    const long = "Tiltaksgrupper per hovedgruppe"; // 30 characters
    const { fake, host } = fakeHost({ sheets: [long] });
    const report = await insert(host, { dataset: ds, sheets: ["tiltaksgrupper-per-hovedgruppe"] });
    const name = report.sheets[0]!.sheet;
    expect(name).toBe("Tiltaksgrupper per hovedgru (2)");
    expect(name.length).toBe(31);
    expect(fake.state.sheetNames()).toContain(long);
  });

  it("leaves a user's workbook name alone and uses another", async () => {
    const { fake, host } = fakeHost({ sheets: [{ name: "Ark1", cells: { A1: [[1], [2]] } }] });
    await userDoes(fake, (ctx) => {
      ctx.workbook.names.add("NAV_Arbeidssokere", ctx.workbook.worksheets.getItem("Ark1").getRange("A1:A2"), "mitt navn");
    });
    const report = await insert(host, { dataset: ds, sheets: "pivot" });
    expect(report.ok).toBe(true);
    const mine = fake.state.names().find((n) => n.name === "NAV_Arbeidssokere")!;
    expect(mine).toMatchObject({ formula: "=Ark1!$A$1:$A$2", comment: "mitt navn" });
    expect(report.sheets.find((s) => s.key === "pivotdata-tiltak")!.names).toContain("NAV_Arbeidssokere_2");
    await refresh(host, { dataset: ds });
    expect(fake.state.names().find((n) => n.name === "NAV_Arbeidssokere")).toEqual(mine);
  });
});

describe("names shared by tables and workbook names", () => {
  it("picks a free table name when a workbook name has it, and a free name when a table has it", async () => {
    const { fake, host } = fakeHost({
      sheets: [
        {
          name: "Ark1",
          cells: {
            A1: [
              ["Gruppe", "Antall"],
              ["A", 1],
            ],
            D1: [[1]],
          },
        },
      ],
    });
    await userDoes(fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark1");
      ws.tables.add("A1:B2", true).name = "NAV_Andre";
      ctx.workbook.names.add("NavTiltak", ws.getRange("D1"), "mitt navn");
    });
    const report = await insert(host, { dataset: ds, sheets: "pivot" });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    const tiltak = report.sheets.find((s) => s.key === "pivotdata-tiltak")!;
    expect(tiltak.table).toBe("NavTiltak2");
    expect(tiltak.names).toContain("NAV_Andre_2");
    expect(report.messages.some((m) => m.text.includes("NAV_Andre_2"))).toBe(true);
    expect(fake.state.pivotTables()[0]).toMatchObject({ source: "NavTiltak2" });
    const again = await refresh(host, { dataset: ds });
    expect(again.ok, JSON.stringify(again.messages)).toBe(true);
    expect(
      fake.state
        .tables()
        .map((t) => t.name)
        .sort(),
    ).toEqual(["NAV_Andre", "NavTiltak2", "NavTiltaksgruppeEndring"]);
  });
});

describe("sheets the user has hidden", () => {
  it("rewrites a hidden add-in sheet without trying to activate it", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.getItem("Hovedgrupper").activate();
      ctx.workbook.worksheets.getItem("Om tabellene").visibility = "Hidden";
    });
    const report = await insert(host, { dataset: ds, sheets: "all" });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.sheets.every((s) => s.status === "updated")).toBe(true);
    expect(fake.state.activeSheetName()).toBe("Hovedgrupper");
  });
});
