// The fake's Range.format.autofitRows grows a row for text that wraps at the column's width, as
// Excel does; the xlsx export writes those heights, so a wrapped header is not cut in the file.
import { describe, expect, it } from "vitest";
import { createFakeExcel } from "@nav-tiltak/excel-simulator";

async function fitted(text: string, wrap: boolean, width = 60): Promise<number> {
  const fake = createFakeExcel({ sheets: [{ name: "Ark1", cells: { A1: [[text, "kort"]] } }] });
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Ark1");
    ws.getRange("A:A").format.columnWidth = width;
    ws.getRange("A1:B1").format.wrapText = wrap;
    ws.getRange("A1:B1").format.autofitRows();
  });
  return fake.workbook.getRowHeight("Ark1", 1);
}

describe("autofitRows", () => {
  it("counts the lines a wrapped text takes at the column's width", async () => {
    // 60 pt holds about 10 characters: three words of 7–9 letters take three lines.
    expect(await fitted("Arbeidere treningen tiltakene", true)).toBe(45);
    expect(await fitted("Antall", true)).toBe(15);
    // A wider column holds the same words on one line.
    expect(await fitted("Arbeidere treningen tiltakene", true, 400)).toBe(15);
  });

  it("keeps one line per paragraph when the text does not wrap", async () => {
    expect(await fitted("Arbeidere treningen tiltakene", false)).toBe(15);
    expect(await fitted("To\nlinjer", false)).toBe(30);
  });
});
