// The ":" symbol (hidden to protect other cells) on every way out: parser, rule, sheets and their
// notes, pivot data and functions.
import { describe, expect, it } from "vitest";
import { parseCell } from "../../src/core/parse.js";
import { HIDDEN, HIDDEN_NOTE, suppressFigures } from "../../src/core/suppression.js";
import { buildLayouts } from "../../src/core/layout.js";
import { tiltakLongTable } from "../../src/core/pivot.js";
import { NavFunctions } from "../../src/core/functions.js";
import { ALL, type Dataset } from "../../src/core/types.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

function withHidden(): { ds: Dataset; tiltakName: string; groupName: string } {
  const ds = makeRawDataset({ seed: 3, groups: 2, tiltakPerGroup: 2 });
  const p = ds.periods[0]!;
  const t = ds.tiltak[0]!;
  p.tiltak[t.id]![ALL] = HIDDEN;
  p.tiltak[t.id]![ds.hovedgrupper[0]!.id] = HIDDEN;
  const g = ds.tiltaksgrupper[1]!;
  p.groups[g.id]![ALL] = { antall: HIDDEN, endring: HIDDEN, prosent: HIDDEN };
  return { ds, tiltakName: t.name, groupName: g.name };
}

describe("the «:» symbol", () => {
  it("is read from a publication cell", () => {
    expect(parseCell(":")).toEqual({ value: ":" });
    expect(parseCell("<b>:</b>")).toEqual({ value: ":" });
  });

  it("hides a row's change and percent with its count", () => {
    expect(suppressFigures({ antall: HIDDEN, endring: 40, prosent: 12 })).toEqual({ antall: HIDDEN, endring: HIDDEN, prosent: HIDDEN });
    expect(suppressFigures({ antall: 300, endring: HIDDEN, prosent: HIDDEN })).toEqual({ antall: 300, endring: HIDDEN, prosent: HIDDEN });
    // "*" wins over ":": a count of 1–3 is "*" whatever else is hidden.
    expect(suppressFigures({ antall: 2, endring: HIDDEN, prosent: HIDDEN })).toMatchObject({ antall: "*", endring: "*" });
  });

  it("is shown on the sheets, and every sheet explains it", () => {
    const { ds } = withHidden();
    const layouts = buildLayouts(ds);
    expect(layouts.flatMap((l) => l.cells.flat()).filter((v) => v === HIDDEN).length).toBeGreaterThan(3);
    for (const l of layouts) expect(l.cells.flat(), l.name).toContain(HIDDEN_NOTE);
    // Without a ":" the note stays out.
    expect(buildLayouts(makeRawDataset({ seed: 3, groups: 2, tiltakPerGroup: 2 })).flatMap((l) => l.cells.flat())).not.toContain(
      HIDDEN_NOTE,
    );
  });

  it("gives an empty Antall and Prikket = Ja in the pivot data", () => {
    const { ds, tiltakName } = withHidden();
    const row = tiltakLongTable(ds).rows.find((r) => r[3] === tiltakName && r[1] === ds.hovedgrupper[0]!.name);
    expect(row?.slice(4)).toEqual([null, "Ja"]);
    // The symbol never reaches the numeric column.
    expect(tiltakLongTable(ds).rows.filter((r) => r[4] === HIDDEN)).toEqual([]);
  });

  it("is what the functions return for a hidden cell", () => {
    const { ds, tiltakName, groupName } = withHidden();
    const f = new NavFunctions(ds);
    expect(f.tiltak(tiltakName).value).toBe(HIDDEN);
    expect(f.tiltaksgruppe(groupName).value).toBe(HIDDEN);
    expect(f.endring(groupName).value).toBe(HIDDEN);
    expect(f.endringProsent(groupName).value).toBe(HIDDEN);
  });
});
