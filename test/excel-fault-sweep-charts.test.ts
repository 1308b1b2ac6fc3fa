// Fault sweep over «Oppdater» with the chart sheets in the workbook as well as the user's edits on
// three sheets: every queued Excel call fails once, in turn, as in excel-fault-sweep-refresh.test.ts.
// A file of its own so the two long sweeps run side by side.

import { describe, expect, it } from "vitest";
import { EDITS, scenarios, sweep } from "./helpers/fault-sweep.js";

const refresh = (await scenarios()).find((s) => s.name === "refresh after edits, with charts")!;

describe("a failure at every queued call of a refresh with charts after the user's edits", () => {
  it("keeps every edit, leaves the user's sheet alone, says what happened, and converges", { timeout: 600_000 }, async () => {
    expect(refresh.typed).toEqual(EDITS);
    const r = await sweep(refresh);
    expect(r.points).toBeGreaterThan(300);
    expect(r.problems).toEqual([]);
    expect([r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages]).toEqual([0, 0, 0, 0]);
  });
});
