import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { GROUP_ALIASES } from "../../src/core/dataset.js";
import {
  FORMAT_COUNT,
  FORMAT_PERCENT,
  LAYOUT_KEYS,
  buildLayouts,
  displayText,
  layoutText,
  type SheetLayout,
} from "../../src/core/layout.js";
import { normalizeName } from "../../src/core/text.js";
import { mergedPages, publishedNotes, publishedTables, type PublishedTable } from "../helpers/publication.js";

const layouts = buildLayouts(BUNDLED_DATASET);
const byKey = (key: SheetLayout["key"]) => layouts.find((l) => l.key === key)!;
const published = publishedTables();

/** Published label with known typos mapped, as the dataset reads them. */
const canonical = (label: string) => GROUP_ALIASES[normalizeName(label)] ?? label;

/** Rows of one layout block as displayed text, padded to the block's width. */
function blockText(layout: SheetLayout, blockIndex: number): { rows: string[][]; bold: number[] } {
  const b = layout.blocks[blockIndex]!;
  const rows: string[][] = [];
  const bold: number[] = [];
  for (let r = b.headerRow; r <= b.lastRow; r++) {
    rows.push(layout.cells[r]!.slice(0, b.columns).map((v, c) => displayText(v, layout.numberFormats[r]![c])));
    if (r !== b.headerRow && layout.boldRows.includes(r)) bold.push(r - b.headerRow);
  }
  return { rows, bold };
}

function expectSameTable(layout: SheetLayout, blockIndex: number, table: PublishedTable): void {
  const { rows, bold } = blockText(layout, blockIndex);
  const expected = table.rows.map((row) => [canonical(row[0]!), ...row.slice(1)]);
  expect(rows).toEqual(expected);
  expect(bold).toEqual(table.bold);
}

describe("sheet layouts reproduce the publication cell for cell", () => {
  it("has one layout per published table, in published order", () => {
    expect(layouts.map((l) => l.key)).toEqual(LAYOUT_KEYS);
    expect(layouts).toHaveLength(6);
  });

  it("Om tabellene keeps every note, including the § 2-6 sentence", () => {
    const text = layoutText(byKey("om-tabellene")).map((r) => r.join("\t"));
    const notes = publishedNotes();
    expect(notes.some((n) => n.includes("§ 2-6"))).toBe(true);
    for (const n of notes) expect(text).toContain(n);
  });

  it("Hovedgrupper", () => {
    expectSameTable(
      byKey("hovedgrupper"),
      0,
      published.find((t) => t.name === "Hovedgrupper")!,
    );
  });

  it("Tiltaksgrupper", () => {
    expectSameTable(
      byKey("tiltaksgrupper"),
      0,
      published.find((t) => t.name === "Tiltaksgrupper")!,
    );
  });

  it("Tiltaksgrupper og hovedgrupper, one block per hovedgruppe, with its heading", () => {
    const layout = byKey("tiltaksgrupper-per-hovedgruppe");
    const subTables = published.filter((t) => t.name === "Tiltaksgrupper og hovedgrupper" && t.subtitle);
    expect(subTables).toHaveLength(3);
    expect(layout.blocks).toHaveLength(3);
    subTables.forEach((t, i) => {
      expectSameTable(layout, i, t);
      expect(layout.cells[layout.blocks[i]!.subtitleRow!]![0]).toBe(t.subtitle);
    });
  });

  it("the only label that differs from the text is the known typo, read as its group", () => {
    const andre = published.find((t) => t.subtitle === "Andre på tiltak")!;
    expect(andre.rows.map((r) => r[0])).toContain("Lønnskudd");
    const layout = byKey("tiltaksgrupper-per-hovedgruppe");
    const labels = layoutText(layout).map((r) => r[0]);
    expect(labels).not.toContain("Lønnskudd");
    expect(labels.filter((l) => l === "Lønnstilskudd")).toHaveLength(3); // one per hovedgruppe, Andre included
  });

  it("Tiltaksgrupper og hovedgrupper, the cross table", () => {
    const cross = published.filter((t) => t.name === "Tiltaksgrupper og hovedgrupper" && !t.subtitle);
    expect(cross).toHaveLength(1);
    expectSameTable(byKey("tiltaksgrupper-x-hovedgrupper"), 0, cross[0]!);
  });

  it("Tiltak og hovedgrupper is one continuous table: pages merged, header and I alt once", () => {
    const merged = mergedPages(published, "Tiltak og hovedgrupper");
    const layout = byKey("tiltak-og-hovedgrupper");
    expect(layout.blocks).toHaveLength(1);
    expectSameTable(layout, 0, merged);
    const labels = layoutText(layout).map((r) => r[0]);
    expect(labels.filter((l) => l === "I alt")).toHaveLength(1);
    // 42 tiltak + 10 subtotals + the total
    expect(layout.blocks[0]!.lastRow - layout.blocks[0]!.firstRow + 1).toBe(53);
  });
});

describe("sheet layout structure", () => {
  it("sheet names are legal in Excel and distinct (case-insensitively)", () => {
    const names = layouts.map((l) => l.name);
    for (const n of names) {
      expect(n.length).toBeGreaterThan(0);
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
      expect(n).not.toMatch(/^'|'$/);
    }
    expect(new Set(names.map((n) => n.toLocaleLowerCase("nb-NO"))).size).toBe(names.length);
  });

  it("the two tables both called «Tiltaksgrupper og hovedgrupper» get distinct, clear sheet names", () => {
    const a = byKey("tiltaksgrupper-per-hovedgruppe");
    const b = byKey("tiltaksgrupper-x-hovedgrupper");
    expect(a.tableName).toBe(b.tableName);
    expect(a.name).not.toBe(b.name);
  });

  it("grids are rectangular with one number format per cell", () => {
    for (const l of layouts) {
      const width = l.cells[0]!.length;
      expect(l.cells.every((r) => r.length === width)).toBe(true);
      expect(l.numberFormats).toHaveLength(l.cells.length);
      expect(l.numberFormats.every((r) => r.length === width)).toBe(true);
      expect(l.columnWidths).toHaveLength(width);
    }
  });

  it("each sheet has title, table name and period on top, and the § 2-6 note", () => {
    for (const l of layouts) {
      expect(l.cells[0]![0]).toBe("Deltakere i arbeidsrettede tiltak. Tiltak. En måned");
      expect(l.cells[2]![0]).toBe("November 2016");
      expect(l.noteRows.some((r) => String(l.cells[r]![0]).includes("§ 2-6"))).toBe(true);
    }
  });

  it("counts are numbers formatted #,##0, percentages 0, and suppressed cells the text *", () => {
    const t = byKey("tiltak-og-hovedgrupper");
    const row = t.cells.findIndex((r) => r[0] === "Nettbasert arbeidsmarkedsopplæring (AMO)");
    expect(t.cells[row]).toEqual(["Nettbasert arbeidsmarkedsopplæring (AMO)", "*", null, "*", "*"]);
    const total = t.cells.findIndex((r) => r[0] === "I alt");
    expect(t.cells[total]![1]).toBe(83484);
    expect(t.numberFormats[total]![1]).toBe(FORMAT_COUNT);
    const h = byKey("hovedgrupper");
    expect(h.numberFormats[h.blocks[0]!.firstRow]![3]).toBe(FORMAT_PERCENT);
  });

  it("bold rows are exactly the header, title lines and totals", () => {
    const t = byKey("tiltak-og-hovedgrupper");
    const totals = t.blocks[0]!.totalRows;
    expect(totals).toHaveLength(11);
    for (const r of totals) expect(String(t.cells[r]![0])).toMatch(/^I alt/);
    expect(t.boldRows.sort((a, b) => a - b)).toEqual([0, 1, t.blocks[0]!.headerRow, ...totals].sort((a, b) => a - b));
  });

  it("freezes the header on one-table sheets", () => {
    for (const l of layouts) {
      if (l.blocks.length === 1) expect(l.freezeRows).toBe(l.blocks[0]!.headerRow + 1);
    }
  });

  it("an unknown period is refused in Norwegian", () => {
    expect(() => buildLayouts(BUNDLED_DATASET, "2015-01")).toThrow(/Perioden «2015-01» finnes ikke/);
  });
});

describe("number display", () => {
  it("formats integers as NAV and Excel (nb-NO) show them, and unbounded values as ∞", async () => {
    const { formatInteger } = await import("../../src/core/text.js");
    expect([0, 7, 1216, -1216, 83484, 1234567].map(formatInteger)).toEqual(["0", "7", "1 216", "-1 216", "83 484", "1 234 567"]);
    expect([Infinity, -Infinity].map(formatInteger)).toEqual(["∞", "−∞"]);
  });
});
