// `nav-tiltak xlsx` for a period NAV's time series cover: the file holds the NAV-shaped series
// sheets of that year too (as «Sett inn tidsserier» makes them), cell for cell as the core lays them
// out; a period the series do not cover (the 2016 text) gets none.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { importPublications } from "../../src/core/dataset.js";
import { seriesLayouts } from "../../src/core/series-layout.js";
import type { Dataset } from "../../src/core/types.js";
import { readSources } from "../../src/data/load.js";
import { addinXlsx } from "../../src/xlsx/addin-workbook.js";
import { fixtureSet } from "../fixtures/tilt/generate.js";
import { tiltFolder } from "../helpers/tilt.js";

let ds: Dataset;

async function fileOf(dataset: Dataset, period?: string): Promise<ExcelJS.Workbook> {
  const { bytes } = await addinXlsx(dataset, period);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** A file cell as the core's layout holds it: a number, a text («*», «..», labels) or null. */
function valueOf(cell: ExcelJS.Cell): string | number | null {
  const v = cell.value;
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "string") return v;
  throw new Error(`${cell.address}: unexpected ${JSON.stringify(v)} (a formula or rich text?)`);
}

beforeAll(async () => {
  const { dir } = await tiltFolder(
    fixtureSet().filter((s) => s.year >= 2025),
    true,
  );
  ds = importPublications(readSources(dir)).dataset;
});

describe("xlsx export with NAV's time series", () => {
  it("a period of 2026: the nine TILT sheets of 2026, each cell as the core lays it out", async () => {
    const wb = await fileOf(ds, "2026-02");
    const layouts = seriesLayouts(ds, 2026);
    expect(layouts.map((l) => l.name)).toHaveLength(9);
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("TILT"))).toEqual(layouts.map((l) => l.name));
    for (const l of layouts) {
      const ws = wb.getWorksheet(l.name)!;
      l.cells.forEach((row, r) =>
        row.forEach((want, c) => {
          expect(valueOf(ws.getCell(r + 1, c + 1)), `${l.name}!${ws.getCell(r + 1, c + 1).address}`).toEqual(want);
        }),
      );
    }
  });

  it("a period of 2025 gets 2025's sheets, none of 2026's", async () => {
    const names = (await fileOf(ds, "2025-06")).worksheets.map((w) => w.name).filter((n) => n.startsWith("TILT"));
    expect(names).toEqual(seriesLayouts(ds, 2025).map((l) => l.name));
    expect(names.every((n) => n.endsWith(" 2025"))).toBe(true);
  });

  it("November 2016 (text only): no series sheets", async () => {
    expect((await fileOf(ds, "2016-11")).worksheets.some((w) => w.name.startsWith("TILT"))).toBe(false);
    expect((await fileOf(BUNDLED_DATASET)).worksheets.some((w) => w.name.startsWith("TILT"))).toBe(false);
  });
});
