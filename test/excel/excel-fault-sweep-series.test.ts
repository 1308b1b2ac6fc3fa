// Fault sweep with NAV's time-series sheets: an insert of a year's series sheets (the refresh of a
// workbook holding them with the user's edits: excel-fault-sweep-series-refresh.test.ts, its own
// file so the two long sweeps run side by side). Every queued Excel call fails once, in turn, as in
// excel-fault-sweep.test.ts: nothing of the user's lost or changed, a true message, and a
// following «Oppdater» that converges.

import { describe, expect, it } from "vitest";
import { sweep } from "../helpers/fault-sweep.js";
import { seriesScenarios } from "../helpers/series-sweep.js";

describe("a failure at every queued call of an insert of the time-series sheets", () => {
  it("loses nothing of the user's, says what happened, and converges", { timeout: 900_000 }, async () => {
    const s = (await seriesScenarios()).find((x) => x.name === "insert series");
    expect(s).toBeDefined();
    const r = await sweep(s!);
    expect(r.points).toBeGreaterThan(100);
    expect(r.problems).toEqual([]);
    expect([r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages]).toEqual([0, 0, 0, 0]);
  });
});
