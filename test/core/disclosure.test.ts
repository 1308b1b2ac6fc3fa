import { describe, expect, it } from "vitest";
import { between, DisclosureSearchLimitError, equality, solveBounds, type DisclosureProblem } from "../../src/core/disclosure";
import { auditTable, type AuditCell, type AuditTable } from "../helpers/table-audit.js";
import { boundsByLabel, marginTable } from "../helpers/margin-table.js";

const S = "*" as const;

describe("solveBounds", () => {
  it("propagates an equation with known terms folded in", () => {
    const r = solveBounds({
      variables: [
        { lo: 1, hi: 3 },
        { lo: 1, hi: 3 },
      ],
      constraints: [
        equality(
          [
            { variable: 0, coef: 1 },
            { variable: 1, coef: 1 },
          ],
          5,
        ),
      ],
    });
    expect(r).toEqual({
      feasible: true,
      bounds: [
        { min: 2, max: 3, pinned: false },
        { min: 2, max: 3, pinned: false },
      ],
    });
  });

  it("handles interval constraints, negative coefficients, wider domains and duplicate terms", () => {
    // x − y ∈ [2, 3] with x in 1..3, y a change in −3..3; y + y (merged to 2y) ≥ −2.
    const r = solveBounds({
      variables: [
        { lo: 1, hi: 3 },
        { lo: -3, hi: 3 },
      ],
      constraints: [
        between(
          [
            { variable: 0, coef: 1 },
            { variable: 1, coef: -1 },
          ],
          2,
          3,
        ),
        between(
          [
            { variable: 1, coef: 1 },
            { variable: 1, coef: 1 },
          ],
          -2,
          Infinity,
        ),
      ],
    });
    expect(r.feasible && r.bounds).toEqual([
      { min: 1, max: 3, pinned: false },
      { min: -1, max: 1, pinned: false },
    ]);
  });

  it("is exact where propagation alone is not (parity)", () => {
    // 2x + 2y = 5 has no integer solution, yet bounds propagation alone leaves x and y in 1..2.
    const r = solveBounds({
      variables: [
        { lo: 0, hi: 3 },
        { lo: 0, hi: 3 },
      ],
      constraints: [
        equality(
          [
            { variable: 0, coef: 2 },
            { variable: 1, coef: 2 },
          ],
          5,
          "parity",
        ),
      ],
    });
    expect(r.feasible).toBe(false);
    if (!r.feasible) {
      expect(r.conflict).toEqual([0]);
      expect(r.message).toContain("parity");
    }
    // x + y + z = 4, x = y (all 1..3): x = y = 1, z = 2 is the only solution.
    const r2 = solveBounds({
      variables: [
        { lo: 1, hi: 3 },
        { lo: 1, hi: 3 },
        { lo: 1, hi: 3 },
      ],
      constraints: [
        equality(
          [0, 1, 2].map((variable) => ({ variable, coef: 1 })),
          4,
        ),
        equality(
          [
            { variable: 0, coef: 1 },
            { variable: 1, coef: -1 },
          ],
          0,
        ),
      ],
    });
    expect(r2.feasible && r2.bounds.map((b) => [b.min, b.max])).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
  });

  it("reports a constraint without variables that fails (inconsistent published figures)", () => {
    const r = solveBounds({
      variables: [{ lo: 1, hi: 3 }],
      constraints: [equality([{ variable: 0, coef: 1 }], 2, "ok"), equality([], 1, "I alt opplæring: 18 943 vs 18 942")],
    });
    expect(r).toMatchObject({ feasible: false, conflict: [1] });
  });

  it("rejects malformed input instead of guessing", () => {
    expect(() => solveBounds({ variables: [{ lo: 1.5, hi: 3 }], constraints: [] })).toThrow(RangeError);
    expect(() => solveBounds({ variables: [{ lo: 1, hi: 3 }], constraints: [equality([{ variable: 1, coef: 1 }], 1)] })).toThrow(
      RangeError,
    );
    expect(solveBounds({ variables: [{ lo: 3, hi: 1, name: "x" }], constraints: [] })).toMatchObject({
      feasible: false,
      message: expect.stringContaining("x"),
    });
  });

  it("throws when the search budget is exhausted rather than returning inexact bounds", () => {
    // 2·Σx = 7 has no integer solution, but propagation cannot see that, so search must run.
    const n = 12;
    const problem: DisclosureProblem = {
      variables: Array.from({ length: n }, () => ({ lo: 0, hi: 1 })),
      constraints: [
        equality(
          Array.from({ length: n }, (_, variable) => ({ variable, coef: 2 })),
          7,
        ),
        equality(
          Array.from({ length: n }, (_, variable) => ({ variable, coef: 1 })),
          3,
        ),
      ],
    };
    expect(() => solveBounds(problem, { nodeLimit: 3 })).toThrow(DisclosureSearchLimitError);
  });
});

describe("auditTable on small hand-made tables", () => {
  it("pins a cell by a row total alone", () => {
    const t = marginTable(["I alt", "A", "B"], [["x", 5, 3, S]], []);
    expect(auditTable(t)).toEqual({
      feasible: true,
      cells: [{ row: 0, col: 2, rowLabel: "x", colLabel: "B", min: 2, max: 2, pinned: true }],
    });
  });

  it("pins a cell only by combining rows and columns", () => {
    const rows: [string, ...AuditCell[]][] = [
      ["I alt", 33, 5, 3, 25],
      ["r1", 13, S, S, 10], // a + b = 3
      ["r2", 20, S, S, 15], // c + d = 5
    ];
    const t = marginTable(["I alt", "X", "Y", "Z"], rows);
    expect(boundsByLabel(t)).toEqual({
      "r1 / X": [2, 2],
      "r1 / Y": [1, 1],
      "r2 / X": [3, 3],
      "r2 / Y": [2, 2],
    });
    // Neither the rows nor the columns alone pin "r1 / X".
    expect(boundsByLabel({ ...t, rowTotals: [] })["r1 / X"]).toEqual([1, 2]);
    expect(boundsByLabel({ ...t, columnTotals: [] })["r1 / X"]).toEqual([2, 3]);
  });

  it("leaves a cell at 1..3 when the margins cannot tell", () => {
    // a + b = c + d = a + c = b + d = 4: every a in 1..3 has a completion.
    const t = marginTable(
      ["I alt", "X", "Y", "Z"],
      [
        ["I alt", 28, 4, 4, 20],
        ["r1", 14, S, S, 10],
        ["r2", 14, S, S, 10],
      ],
    );
    expect(boundsByLabel(t)).toEqual({
      "r1 / X": [1, 3],
      "r1 / Y": [1, 3],
      "r2 / X": [1, 3],
      "r2 / Y": [1, 3],
    });
    const res = auditTable(t);
    expect(res.feasible && res.cells.every((c) => !c.pinned)).toBe(true);
  });

  it("handles a suppressed total", () => {
    // Like Nettbasert AMO: I alt "*" = Arbeidssøkere "*" + Nedsatt "*", Andre empty.
    const alone = marginTable(["I alt", "Andre", "Arbeidssøkere", "Nedsatt"], [["AMO", S, null, S, S]], []);
    expect(boundsByLabel(alone)).toEqual({
      "AMO / I alt": [2, 3],
      "AMO / Arbeidssøkere": [1, 2],
      "AMO / Nedsatt": [1, 2],
    });
    // With a group total above it, the suppressed total is pinned through the I alt column.
    const inGroup = marginTable(
      ["I alt", "Andre", "Arbeidssøkere", "Nedsatt"],
      [
        ["Group", 103, 10, 31, 62],
        ["Big", 100, 10, 30, 60],
        ["AMO", S, null, S, S],
      ],
    );
    expect(boundsByLabel(inGroup)).toEqual({
      "AMO / I alt": [3, 3],
      "AMO / Arbeidssøkere": [1, 1],
      "AMO / Nedsatt": [2, 2],
    });
  });

  it("accepts explicit intervals for cells suppressed with another range (a change)", () => {
    // Antall empty this year, last year 1–3: the change is −3..−1; a group change of −5 with a known
    // −3 elsewhere pins it at −2.
    const t: AuditTable = {
      columns: ["Endring"],
      rows: [
        { label: "Group", cells: [-5] },
        { label: "a", cells: [-3] },
        { label: "b", cells: [{ lo: -3, hi: -1 }] },
      ],
      rowTotals: [{ total: 0, parts: [1, 2] }],
    };
    expect(boundsByLabel(t)).toEqual({ "b / Endring": [-2, -2] });
  });

  it("reports an infeasible table with the equations that contradict each other", () => {
    const single = auditTable(marginTable(["I alt", "A", "B"], [["x", 10, 3, S]], []));
    expect(single.feasible).toBe(false);
    if (!single.feasible) {
      expect(single.conflicts).toHaveLength(1);
      expect(single.conflicts[0]).toMatchObject({ kind: "column-total", total: { row: 0, col: 0 } });
      expect(single.message).toContain('"x" / "I alt" is 10; its 2 columns add up to 4–6');
    }
    // Each equation holds alone, but r1 = 2 forces X = 1 there while column X = 6 forces 3.
    const pair = auditTable(
      marginTable(
        ["I alt", "X", "Y"],
        [
          ["I alt", 8, 6, 2],
          ["r1", 2, S, S],
          ["r2", 6, S, S],
        ],
      ),
    );
    expect(pair.feasible).toBe(false);
    if (!pair.feasible) {
      expect(pair.conflicts.length).toBeGreaterThanOrEqual(2);
      expect(pair.message).toContain("cannot all hold together");
    }
  });

  it("rejects ragged rows and bad total indices", () => {
    expect(() => auditTable({ columns: ["a", "b"], rows: [{ label: "x", cells: [1] }] })).toThrow(RangeError);
    expect(() =>
      auditTable({
        columns: ["a"],
        rows: [{ label: "x", cells: [1] }],
        rowTotals: [{ total: 0, parts: [2] }],
      }),
    ).toThrow(RangeError);
  });
});
