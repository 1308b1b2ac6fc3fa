// Fault sweep over the inserts and the Prikkekontroll highlight: every queued Excel call fails
// once, in turn (one error kind per call, a seeded rotation over every kind the fake knows). After
// each failure nothing of the user's is lost or changed, the message is true, and a following
// «Oppdater» (or the same highlight again) gives what a clean run gives. See helpers/fault-sweep.ts.

import { describe, expect, it } from "vitest";
import { scenarios, sweep, type Scenario } from "../helpers/fault-sweep.js";

const SWEEP_TIMEOUT = 600_000;
const list: Scenario[] = (await scenarios()).filter((s) => !s.name.startsWith("refresh"));

describe("a failure at every queued call of an insert or the highlight", () => {
  for (const s of list) {
    it(s.name, { timeout: SWEEP_TIMEOUT }, async () => {
      const r = await sweep(s);
      expect(r.points).toBeGreaterThan(4);
      expect(r.problems).toEqual([]);
      expect([r.userEditsLost, r.userSheetCellsChanged, r.notConverged, r.untrueMessages]).toEqual([0, 0, 0, 0]);
    });
  }
});
