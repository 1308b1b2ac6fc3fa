// The Excel simulator's objects: tables and names, protection, custom properties and requirement
// sets, PivotTables.
import { describe, expect, it } from "vitest";
import { createFakeExcel } from "@nav-tiltak/excel-simulator";
import { codeOf, failureOf } from "../helpers/simulator-failure.js";

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
