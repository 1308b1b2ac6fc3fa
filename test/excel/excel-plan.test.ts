// The writer's pure parts: naming, references, content hashes, layout → sheet content, and the
// ownership decisions made from one read of the workbook.

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { buildLayouts } from "../../src/core/layout.js";
import { PIVOT_ANCHOR_ROW, charsToPoints, coalesceRuns, layoutSheet, pivotSheets, textSafeFormats } from "../../src/excel/sheet-specs.js";
import {
  contentHash,
  decodeRecord,
  encodeRecord,
  freeIdentifier,
  freeSheetName,
  indexName,
  nameFragment,
} from "../../src/excel/ownership.js";
import { parseSheetReference, sheetReference } from "@nav-tiltak/a1";
import { planTargets, type WorkbookSnapshot } from "../../src/excel/plan.js";
import type { Capabilities } from "../../src/excel/operation-types.js";

const ALL_CAPS: Capabilities = { base: true, pivotTables: true, suspendScreenUpdating: true, customProperties: true, tableResize: true };
const specs = [...buildLayouts(BUNDLED_DATASET).map(layoutSheet), ...pivotSheets(BUNDLED_DATASET)];

function snapshot(partial: Partial<WorkbookSnapshot> = {}): WorkbookSnapshot {
  return { sheets: [{ name: "Ark1", protected: false }], names: [], tables: [], pivots: [], ...partial };
}

describe("names and references", () => {
  it("picks free sheet names case-insensitively, within 31 characters", () => {
    expect(freeSheetName("Hovedgrupper", ["Ark1"])).toBe("Hovedgrupper");
    expect(freeSheetName("Hovedgrupper", ["HOVEDGRUPPER"])).toBe("Hovedgrupper (2)");
    expect(freeSheetName("Hovedgrupper", ["Hovedgrupper", "Hovedgrupper (2)"])).toBe("Hovedgrupper (3)");
    const long = "Tiltaksgrupper per hovedgruppe";
    expect(freeSheetName(long, [long])).toBe("Tiltaksgrupper per hovedgru (2)");
    expect(freeSheetName("a".repeat(40), [])).toHaveLength(31);
    expect(freeSheetName("Hei/på:deg?", [])).toBe("Hei på deg");
    expect(freeSheetName("X", ["X (endret)"], (n) => (n === 1 ? " (endret)" : ` (endret ${n})`))).toBe("X (endret 2)");
  });

  it("picks free identifiers for tables and names", () => {
    expect(freeIdentifier("NavTiltak", ["navtiltak"])).toBe("NavTiltak2");
    expect(freeIdentifier("NAV_Andre", ["NAV_Andre", "NAV_Andre_2"], "_")).toBe("NAV_Andre_3");
    expect(nameFragment("Arbeidssøkere")).toBe("Arbeidssokere");
    expect(nameFragment("Nedsatt arbeidsevne")).toBe("Nedsatt_arbeidsevne");
    expect(nameFragment("Æ/Ø å")).toBe("Ae_O_a");
    expect(indexName("tiltak-og-hovedgrupper")).toBe("NavTiltak.tiltak_og_hovedgrupper");
  });

  it("reads and writes sheet references, quoting names and refusing #REF!", () => {
    const rect = { row: 4, col: 0, rows: 21, cols: 6 };
    expect(sheetReference("Pivotdata tiltak", rect)).toBe("='Pivotdata tiltak'!$A$5:$F$25");
    expect(parseSheetReference("='Pivotdata tiltak'!$A$5:$F$25")).toEqual({ sheet: "Pivotdata tiltak", rect });
    expect(parseSheetReference("=Hovedgrupper!$A$1:$D$12")!.sheet).toBe("Hovedgrupper");
    expect(parseSheetReference("='Per''s ark'!A1")).toEqual({ sheet: "Per's ark", rect: { row: 0, col: 0, rows: 1, cols: 1 } });
    expect(parseSheetReference("=#REF!$A$1:$D$12")).toBeNull();
    expect(parseSheetReference("=#REF!")).toBeNull();
    expect(parseSheetReference("=SUM(A1:A2)")).toBeNull();
  });

  it("round-trips ownership records and rejects foreign comments", () => {
    const r = { v: 1, key: "hovedgrupper" as const, hash: "abc", table: "T" };
    expect(decodeRecord(encodeRecord(r), "hovedgrupper")).toEqual(r);
    expect(decodeRecord(encodeRecord(r), "tiltaksgrupper")).toBeNull();
    expect(decodeRecord("mitt navn", "hovedgrupper")).toBeNull();
    expect(decodeRecord("", "hovedgrupper")).toBeNull();
  });

  it("hashes content: row order matters for tables as published, not for long tables", () => {
    const a = [
      ["x", 1],
      ["y", 2],
    ];
    const b = [
      ["y", 2],
      ["x", 1],
    ];
    expect(contentHash(a, "ordered")).not.toBe(contentHash(b, "ordered"));
    expect(contentHash(a, "unordered")).toBe(contentHash(b, "unordered"));
    expect(contentHash([["x", ""]], "ordered")).toBe(contentHash([["x"], [null]], "ordered"));
    expect(contentHash([["1"]], "ordered")).not.toBe(contentHash([[1]], "ordered"));
  });
});

describe("sheet content", () => {
  it("takes cells and formats from the layout, widths converted to points", () => {
    for (const layout of buildLayouts(BUNDLED_DATASET)) {
      const spec = layoutSheet(layout);
      expect(spec.values).toEqual(layout.cells.map((r) => r.map((v) => (v === null ? "" : v))));
      expect(spec.numberFormats).toEqual(textSafeFormats(spec.values, layout.numberFormats));
      // Only text cells change format: General → "@" where Excel would parse the text.
      spec.numberFormats.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f !== layout.numberFormats[r]![c])
            expect([layout.numberFormats[r]![c], f, typeof spec.values[r]![c]]).toEqual(["General", "@", "string"]);
        }),
      );
      // The period line ("November 2016") is a date to Excel unless it is written as text.
      expect(spec.values[2]![0]).toBe(layout.periodLabel);
      expect(spec.numberFormats[2]![0]).toBe("@");
      expect(spec.columnWidths).toEqual(layout.columnWidths.map(charsToPoints));
    }
    expect(charsToPoints(10)).toBe(56.25);
  });

  it("writes as text («@») exactly the strings Excel's value parser could turn into something else", () => {
    const values = [
      ["November 2016", "2016-11", "=SUM(A1)", "-x", "+x", "TRUE", "Sann", "I alt", "Opplæring", "*", "", 5, "x".repeat(256) + "1"],
    ];
    const formats = [values[0]!.map(() => "General")];
    expect(textSafeFormats(values, formats)).toEqual([
      ["@", "@", "@", "@", "@", "@", "@", "General", "General", "General", "General", "General", "General"],
    ]);
    // Other formats are kept as they are.
    expect(textSafeFormats([["2016-11", 5]], [["@", "#,##0"]])).toEqual([["@", "#,##0"]]);
  });

  it("leaves room above the PivotTable for its report filters (one row each and a blank row)", () => {
    const pivot = pivotSheets(BUNDLED_DATASET).find((s) => s.pivot)!;
    expect(pivot.pivot!.anchorRow).toBe(PIVOT_ANCHOR_ROW);
    expect(pivot.pivot!.anchorRow - (pivot.pivot!.filters.length + 1)).toBeGreaterThanOrEqual(pivot.values.length);
  });

  it("styles blocks of rows, not cells", () => {
    const tiltak = layoutSheet(buildLayouts(BUNDLED_DATASET)[5]!);
    // Title rows, one header, ten subtotals + the total, a few block-wide runs, two note rows.
    expect(tiltak.styles.length).toBeLessThan(25);
    expect(
      coalesceRuns([
        { rows: [1, 1], cols: [0, 2], bold: true },
        { rows: [2, 2], cols: [0, 2], bold: true },
        { rows: [3, 3], cols: [0, 2], bold: true, borders: ["EdgeTop"] },
      ]),
    ).toEqual([
      { rows: [1, 2], cols: [0, 2], bold: true },
      { rows: [3, 3], cols: [0, 2], bold: true, borders: ["EdgeTop"] },
    ]);
  });

  it("the pivot sheets: two long tables with names per hovedgruppe, then the PivotTable", () => {
    const [tiltak, endring, pivot] = pivotSheets(BUNDLED_DATASET);
    expect(tiltak!.table!.name).toBe("NavTiltak");
    expect(tiltak!.values[tiltak!.table!.headerRow]).toEqual(["Periode", "Hovedgruppe", "Tiltaksgruppe", "Tiltak", "Antall", "Prikket"]);
    expect(tiltak!.values.length).toBe(tiltak!.table!.headerRow + 1 + tiltak!.table!.rowCount);
    expect(endring!.table!.namePrefix).toBe("NAV_Endring_");
    expect(pivot!.pivot).toMatchObject({
      source: "pivotdata-tiltak",
      rows: ["Tiltaksgruppe", "Tiltak"],
      columns: ["Hovedgruppe"],
      data: "Antall",
    });
  });
});

describe("plan", () => {
  it("an empty workbook: create everything under the published names", () => {
    const plan = planTargets(snapshot(), specs, "upsert", ALL_CAPS);
    expect(plan.targets.map((t) => [t.action, t.sheetName])).toEqual(specs.map((s) => ["create", s.defaultName]));
    expect(plan.messages).toEqual([]);
    expect(plan.targets.at(-1)!.pivot!.source.spec.key).toBe("pivotdata-tiltak");
  });

  it("a sheet is the add-in's only through its index entry, never by its name", () => {
    const plan = planTargets(
      snapshot({
        sheets: [
          { name: "Hovedgrupper", protected: false },
          { name: "Mine tiltaksgrupper", protected: false },
        ],
        names: [
          {
            name: "NavTiltak.tiltaksgrupper",
            formula: "='Mine tiltaksgrupper'!$A$1:$D$19",
            comment: encodeRecord({ v: 1, key: "tiltaksgrupper", hash: "h" }),
          },
        ],
      }),
      specs,
      "upsert",
      ALL_CAPS,
    );
    const by = (key: string) => plan.targets.find((t) => t.spec.key === key)!;
    expect(by("hovedgrupper")).toMatchObject({ action: "create", sheetName: "Hovedgrupper (2)" });
    expect(by("tiltaksgrupper")).toMatchObject({ action: "rewrite", sheetName: "Mine tiltaksgrupper", oldRect: { rows: 19, cols: 4 } });
  });

  it("refresh touches only what the add-in made; deleted sheets are recreated; protected ones skipped", () => {
    const plan = planTargets(
      snapshot({
        sheets: [{ name: "Tiltaksgrupper", protected: true }],
        names: [
          { name: "NavTiltak.hovedgrupper", formula: "=#REF!$A$1:$D$12", comment: encodeRecord({ v: 1, key: "hovedgrupper", hash: "h" }) },
          {
            name: "NavTiltak.tiltaksgrupper",
            formula: "=Tiltaksgrupper!$A$1:$D$19",
            comment: encodeRecord({ v: 1, key: "tiltaksgrupper", hash: "h" }),
          },
        ],
      }),
      specs,
      "refresh",
      ALL_CAPS,
    );
    expect(plan.targets.map((t) => [t.spec.key, t.action, t.status])).toEqual([
      ["hovedgrupper", "create", "recreated"],
      ["tiltaksgrupper", "skip", "skipped"],
    ]);
    expect(plan.messages.map((m) => m.level)).toEqual(["info", "warning"]);
  });

  it("without ExcelApi 1.8 the PivotTable is left out with a warning", () => {
    const plan = planTargets(snapshot(), specs, "upsert", { ...ALL_CAPS, pivotTables: false });
    expect(plan.targets.some((t) => t.spec.pivot)).toBe(false);
    expect(plan.messages).toEqual([expect.objectContaining({ level: "warning", text: expect.stringContaining("ExcelApi 1.8") })]);
  });

  it("keeps the user's tables and names and picks others", () => {
    const plan = planTargets(
      snapshot({ tables: ["NavTiltak"], names: [{ name: "NAV_Andre", formula: "=Ark1!$A$1", comment: "" }] }),
      specs,
      "upsert",
      ALL_CAPS,
    );
    const tiltak = plan.targets.find((t) => t.spec.key === "pivotdata-tiltak")!;
    expect(tiltak.table!.name).toBe("NavTiltak2");
    expect(tiltak.table!.names.map((n) => n.name)).toEqual(["NAV_Arbeidssokere", "NAV_Nedsatt_arbeidsevne", "NAV_Andre_2"]);
  });
});
