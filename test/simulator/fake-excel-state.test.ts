import { describe, expect, it } from "vitest";
import { createFakeExcel } from "@nav-tiltak/excel-simulator";

// Clearing a table's or a PivotTable report's cells takes their formats with their contents;
// the other fake-excel tests only look at the values those cells are left with.
describe("the fake workbook's state clears formats with the objects that set them", () => {
  const data = [
    ["Hovedgruppe", "Antall"],
    ["Andre", 3],
    ["Arbeidssøkere", 15],
  ];

  it("Table.delete leaves the table's cells without contents and without formats", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: data } }] });
    await fake.run(async (ctx) => {
      const t = ctx.workbook.tables.add("Ark1!A1:B3", true);
      const header = t.getHeaderRowRange();
      header.format.font.bold = true;
      header.format.fill.color = "#FFFF00";
      await ctx.sync();
    });
    expect(fake.workbook.getCellFormat("Ark1", "A1")).toMatchObject({ bold: true, fillColor: "#FFFF00" });
    await fake.run(async (ctx) => ctx.workbook.tables.getItem("Tabell1").delete());
    expect(fake.workbook.getValues("Ark1", "A1:B1")).toEqual([["", ""]]);
    expect(fake.workbook.getCellFormat("Ark1", "A1")).toMatchObject({ bold: false, fillColor: "#FFFFFF" });
    expect(fake.workbook.usedRange("Ark1")).toBeNull();
  });

  it("PivotTable.delete leaves the report's cells without its bold grand total row", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Data", cells: { A1: data } }] });
    await fake.run(async (ctx) => {
      const pt = ctx.workbook.pivotTables.add("P", "Data!A1:B3", "Data!E1");
      pt.rowHierarchies.add(pt.hierarchies.getItem("Hovedgruppe"));
      pt.dataHierarchies.add(pt.hierarchies.getItem("Antall"));
      await ctx.sync();
    });
    expect(fake.workbook.getValues("Data", "E4:F4")).toEqual([["Totalsum", 18]]);
    expect(fake.workbook.getCellFormat("Data", "E4").bold).toBe(true);
    await fake.run(async (ctx) => ctx.workbook.pivotTables.getItem("P").delete());
    expect(fake.workbook.getCellFormat("Data", "E4").bold).toBe(false);
    expect(fake.workbook.usedRange("Data")).toBe("A1:B3");
  });
});
