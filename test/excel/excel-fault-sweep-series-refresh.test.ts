// Fault sweep over «Oppdater» of a workbook holding tables, pivot data and NAV's
// time-series sheets, with the user's edits on four sheets (one a series sheet): every queued Excel
// call fails once, in turn, as in excel-fault-sweep-refresh.test.ts. Every edit stays somewhere
// (on its sheet or in a «… (endret)» copy), the user's sheet is untouched, the message is true,
// and a following «Oppdater» converges.

import { describe, expect, it } from "vitest";
import { sweep } from "../helpers/fault-sweep.js";
import { SERIES_EDITS, seriesScenarios } from "../helpers/series-sweep.js";

describe("a failure at every queued call of a refresh with the time-series sheets after the user's edits", () => {
  it("keeps every edit, leaves the user's sheet alone, says what happened, and converges", { timeout: 900_000 }, async () => {
    const s = (await seriesScenarios()).find((x) => x.name === "refresh with series after edits")!;
    expect(s.typed).toEqual(SERIES_EDITS);
    const r = await sweep(s);
    expect(r.points).toBeGreaterThan(300);
    expect(r.problems).toEqual([]);
    expect([r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages]).toEqual([0, 0, 0, 0]);
  });
});
