// One suite for the fault sweeps over «Oppdater» after the user's edits (one test file each, so the
// long sweeps run side by side): every edit kept, the user's sheet untouched, a true message, and
// a next «Oppdater» that converges, at every queued call.

import { describe, expect, it } from "vitest";
import { EDITS, scenarios, sweep } from "./fault-sweep.js";

export function refreshSweepSuite(scenario: string, title: string): void {
  describe(title, () => {
    it("keeps every edit, leaves the user's sheet alone, says what happened, and converges", { timeout: 600_000 }, async () => {
      const refresh = (await scenarios()).find((s) => s.name === scenario);
      expect(refresh, scenario).toBeDefined();
      expect(refresh!.typed).toEqual(EDITS);
      const r = await sweep(refresh!);
      expect(r.points).toBeGreaterThan(300);
      expect(r.problems).toEqual([]);
      expect([r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages]).toEqual([0, 0, 0, 0]);
    });
  });
}
