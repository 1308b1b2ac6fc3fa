// Formula-like text from a publication (a label «=HYPERLINK(…)» of more than 255 characters) is
// written as text in Excel, never as a formula: the core marks it «@» and the writer applies that
// before the values, on every sheet and in the pivot data. Checked against the fake Excel, which
// (like Excel) stores a string starting with «=» in a General cell as a formula.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importPublications } from "../../src/core/dataset.js";
import { isFormulaLike } from "../../src/core/text.js";
import { readPublicationFile } from "../../src/data/files.js";
import { insert } from "../../src/excel/writer.js";
import { fakeHost } from "../helpers/excel-fake.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "bad", "formula-label.txt");

describe("formula-like text is written as text", () => {
  it("recognises the shapes Excel would parse", () => {
    for (const t of ["=1+1", "+1", "-A1", "−1", "@SUM(A1)", "\t=1", "\r=1", " =1"]) expect(isFormulaLike(t), JSON.stringify(t)).toBe(true);
    for (const t of ["Mentor", "I alt", "Nedsatt arbeidsevne, på tiltak", "a=b", "*"]) expect(isFormulaLike(t), t).toBe(false);
  });

  it("a 306-character «=HYPERLINK(…)» label lands as text, formatted «@», on every sheet that shows it", async () => {
    const { dataset } = importPublications([readPublicationFile(FIXTURE)]);
    const label = dataset.tiltak.find((t) => t.name.startsWith("=HYPERLINK"))!.name;
    expect(label.length).toBeGreaterThan(255);

    const { fake, host } = fakeHost();
    const report = await insert(host, { dataset: dataset, sheets: "all" });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);

    // The fake keeps a formula apart from its text; reach it the way the fake's own tests do.
    const state = fake.state as unknown as {
      sheetNames(): string[];
      requireSheet(name: string): unknown;
      cell(sheet: unknown, row: number, col: number): { value: unknown; formula?: string } | undefined;
    };
    // A PivotTable's labels are Excel's own output, not values the add-in writes: no format to check there.
    const pivotSheets = new Set(fake.state.pivotTables().map((p) => p.sheet));
    let found = 0;
    for (const name of state.sheetNames()) {
      const snap = fake.state.sheet(name);
      const sheet = state.requireSheet(name);
      snap.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== label) return;
          found++;
          const at = `${name} ${r},${c}`;
          if (!pivotSheets.has(name)) expect(snap.numberFormats[r]![c], at).toBe("@");
          // Used range offsets are 0 for the add-in's sheets and tables (they start at A1).
          expect(state.cell(sheet, r, c)?.formula, at).toBeUndefined();
        }),
      );
    }
    // Tiltak og hovedgrupper, and the pivot-ready tiltak table.
    expect(found).toBeGreaterThanOrEqual(2);
  });
});
