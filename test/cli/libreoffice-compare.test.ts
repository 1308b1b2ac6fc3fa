// The comparison behind `npm run check:libreoffice`, fed with the in-memory workbook's own text
// as LibreOffice would write it (no-break spaces in numbers): it passes as is, and a changed cell,
// a missing heading or a missing sheet is reported with its place.
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { buildAddinWorkbook } from "../../src/xlsx/addin-workbook.js";
import { compareGrids, comparePublication, describeDifference, normalizeText } from "../libreoffice/compare.js";
import { publicationText } from "../helpers/publication.js";

let shown: Map<string, string[][]>;

/** The sheets as LibreOffice nb-NO writes them: thousands separated by a no-break space. */
function asLibreOffice(rows: string[][]): string[][] {
  return rows.map((r) => r.map((c) => (/^-?\d{1,3}( \d{3})+$/.test(c) ? c.replace(/ /g, "\u00a0") : c)));
}

const copy = () => new Map([...shown].map(([k, v]) => [k, v.map((r) => [...r])]));

beforeAll(async () => {
  const { fake } = await buildAddinWorkbook(BUNDLED_DATASET);
  shown = new Map(fake.state.sheetNames().map((n) => [n, asLibreOffice(fake.state.sheetText(n))]));
});

describe("LibreOffice check: comparing the shown text with the publication", () => {
  it("finds every published table, heading, period and note, with no difference", () => {
    expect(shown.get("Hovedgrupper")![5]![1]).toBe("83\u00a0484");
    const { differences, cells } = comparePublication(shown, publicationText());
    expect(differences.map(describeDifference)).toEqual([]);
    expect(cells).toBeGreaterThan(500);
  });

  it("reports a «*» shown as a number, naming sheet, row and column", () => {
    const changed = copy();
    const rows = changed.get("Tiltak og hovedgrupper")!;
    const r = rows.findIndex((row) => row[0] === "Nettbasert arbeidsmarkedsopplæring (AMO)");
    expect(rows[r]![1]).toBe("*");
    rows[r]![1] = "2";
    const { differences } = comparePublication(changed, publicationText());
    expect(differences.map(describeDifference)).toEqual([
      `Tiltak og hovedgrupper, rad ${r + 1}, kolonne B: LibreOffice viser «2», publikasjonen har «*».`,
    ]);
  });

  it("reports a missing sub-table heading and a missing sheet", () => {
    const changed = copy();
    const rows = changed.get("Tiltaksgrupper per hovedgruppe")!;
    const h = rows.findIndex((row) => row[0] === "Andre på tiltak");
    rows[h]![0] = "";
    changed.delete("Hovedgrupper");
    const lines = comparePublication(changed, publicationText()).differences.map(describeDifference);
    expect(lines).toContain(
      `Tiltaksgrupper per hovedgruppe, rad ${h + 1}, kolonne A: LibreOffice viser «», publikasjonen har «Andre på tiltak».`,
    );
    expect(lines.some((l) => l.startsWith("Hovedgrupper: LibreOffice viser «(finnes ikke)»"))).toBe(true);
  });

  it("compares whole grids cell for cell, ignoring trailing blanks and the kind of space", () => {
    expect(compareGrids("Ark", [["1\u00a0234", "", ""], []], [["1 234"]], "arbeidsboken")).toEqual([]);
    expect(compareGrids("Ark", [["a", "b"]], [["a", "c"], ["d"]], "arbeidsboken").map(describeDifference)).toEqual([
      "Ark, rad 1, kolonne B: LibreOffice viser «b», arbeidsboken har «c».",
      "Ark, rad 2, kolonne A: LibreOffice viser «», arbeidsboken har «d».",
    ]);
    expect(normalizeText("\u22125\u202f000")).toBe("-5 000");
  });
});
