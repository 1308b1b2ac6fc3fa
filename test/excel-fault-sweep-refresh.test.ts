// Fault sweep over «Oppdater» after the user edited the add-in's cells on three sheets (a number,
// a formula, a text): every queued Excel call fails once, in turn. The edits must stay somewhere
// in the workbook at every point (Office.js keeps the calls before a failing one), the user's own
// sheet must not change, the message must be true, and the next «Oppdater» must converge.

import { describe, expect, it } from "vitest";
import { EDITS, scenarios, sweep } from "./helpers/fault-sweep.js";

const all = await scenarios();
const refresh = all.find((s) => s.name === "refresh after edits")!;
const handled = all.find((s) => s.name === "refresh after edits, a renamed table and unfrozen panes")!;

describe("a failure at every queued call of a refresh after the user's edits", () => {
  it("keeps every edit, leaves the user's sheet alone, says what happened, and converges", { timeout: 600_000 }, async () => {
    expect(refresh.typed).toEqual(EDITS);
    const r = await sweep(refresh);
    expect(r.points).toBeGreaterThan(300);
    expect(r.problems).toEqual([]);
    expect([r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages]).toEqual([0, 0, 0, 0]);
  });

  it("the same after the user renamed the long table and unfroze a sheet's panes", { timeout: 600_000 }, async () => {
    const r = await sweep(handled);
    expect(r.points).toBeGreaterThan(300);
    expect(r.problems).toEqual([]);
    expect([r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages]).toEqual([0, 0, 0, 0]);
  });
});
