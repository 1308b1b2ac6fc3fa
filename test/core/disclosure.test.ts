import { describe, expect, it } from "vitest";
import { between, DisclosureSearchLimitError, equality, solveBounds, type DisclosureProblem } from "../../src/core/disclosure";
import { auditTable, buildTableProblem, type AuditCell, type AuditTable, type TotalSpec } from "../helpers/table-audit.js";
import { rng } from "../helpers/raw-dataset.js";

const S = "*" as const;

/** Map of "row label / col label" → [min, max] for compact assertions. */
function boundsByLabel(table: AuditTable): Record<string, [number, number]> {
  const res = auditTable(table);
  if (!res.feasible) throw new Error(res.message);
  return Object.fromEntries(res.cells.map((c) => [`${c.rowLabel} / ${c.colLabel}`, [c.min, c.max]]));
}

/** Columns [I alt, parts…] with column 0 the total of the others, rows [I alt, parts…] likewise. */
function marginTable(columns: string[], rows: [string, ...AuditCell[]][], rowTotals?: TotalSpec[]): AuditTable {
  return {
    columns,
    rows: rows.map(([label, ...cells]) => ({ label, cells })),
    rowTotals: rowTotals ?? [{ total: 0, parts: rows.slice(1).map((_, i) => i + 1) }],
    columnTotals: [{ total: 0, parts: columns.slice(1).map((_, i) => i + 1) }],
  };
}

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

// "Tiltak og hovedgrupper", November 2016, as one logical table (the three pages joined).
const COLUMNS = ["I alt", "Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"];
type Line = [string, AuditCell, AuditCell, AuditCell, AuditCell];
const GROUPS: { total: Line; tiltak: Line[] }[] = [
  {
    total: ["I alt avklaringstiltak", 3303, 337, 451, 2515],
    tiltak: [
      ["Avklaring", 2579, 230, 440, 1909],
      ["Avklaring i skjermet virksomhet", 592, S, S, 590],
      ["Avklaring - sykmeldt arbeidstaker", 132, 106, 10, 16],
    ],
  },
  {
    total: ["I alt oppfølging", 15353, 435, 4515, 10403],
    tiltak: [
      ["Arbeid med bistand (AB)", 1444, S, 19, 1422],
      ["Jobbklubb", 2512, 23, 2228, 261],
      ["Mentor", 138, 13, 13, 112],
      ["Oppfølging", 10397, 290, 2143, 7964],
      ["Oppfølging - sykmeldt arbeidstaker", 187, 103, 16, 68],
      ["Resultatbasert finansiering", 7, null, null, 7],
      ["Supported Employment (SE)", 356, null, null, 356],
      ["Utvidet avklaring og oppfølging i NAV", 312, S, 96, 213],
    ],
  },
  {
    total: ["I alt opplæring", 18943, 98, 5143, 13702],
    tiltak: [
      ["2-årig opplæringstiltak", 123, S, 44, 77],
      ["Arbeidsmarkedsopplæring (AMO)", 7242, 57, 4461, 2724],
      ["Arbeidsmarkedsopplæring (AMO) enkeltplass", 1296, 27, 609, 660],
      ["Kvalifisering i arbeidsmarkedsbedrift", 459, 4, S, 453],
      ["Nettbasert arbeidsmarkedsopplæring (AMO)", S, null, S, S],
      ["Utdanning", 9821, 8, 26, 9787],
    ],
  },
  {
    total: ["I alt lønnstilskudd", 8710, 258, 2551, 5901],
    tiltak: [
      ["AAP som lønnstilskudd", 385, null, null, 385],
      ["Midlertidig lønnstilskudd", 5821, 256, 2547, 3018],
      ["Tidsbegrenset lønnstilskudd", 66, S, 4, 60],
      ["Tidsubestemt lønnstilskudd", 513, null, null, 513],
      ["Varig lønnstilskudd", 1925, null, null, 1925],
    ],
  },
  {
    total: ["I alt arbeidspraksis", 23919, 180, 7534, 16205],
    tiltak: [
      ["Arbeidsforberedende trening", 70, null, null, 70],
      ["Arbeidspraksis i ordinær virksomhet", 699, S, 52, 645],
      ["Arbeidspraksis i skjermet virksomhet", 7203, 7, 17, 7179],
      ["Arbeidstrening", 15947, 171, 7465, 8311],
    ],
  },
  {
    total: ["I alt arbeidsrettet rehabilitering", 1006, 406, null, 600],
    tiltak: [
      ["Arbeidsrettet rehabilitering (dag)", 808, 248, null, 560],
      ["Arbeidsrettet rehabilitering (dag) - sykmeldt arbeidstaker", 166, 146, null, 20],
      ["Arbeidsrettet rehabilitering (døgn)", 26, 8, null, 18],
      ["Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker", 6, 4, null, S],
    ],
  },
  {
    total: ["I alt tilrettelagt arbeid", 10640, null, null, 10640],
    tiltak: [
      ["Produksjonsverksted (PV)", 18, null, null, 18],
      ["Tilrettelagt arbeid i arbeidsmarkedsbedrift", 761, null, null, 761],
      ["Varig tilrettelagt arbeid i ordinær virksomhet", 1548, null, null, 1548],
      ["Varig tilrettelagt arbeid i skjermet virksomhet", 8272, null, null, 8272],
      ["Varig vernet arbeid (VVA)", 41, null, null, 41],
    ],
  },
  {
    total: ["I alt helsemessig utredning/behandling", 712, 670, null, 42],
    tiltak: [
      ["Utredning/behandling lettere psykiske lidelser", 633, 597, null, 36],
      ["Utredning/behandling sammensatte lidelser", 79, 73, null, 6],
    ],
  },
  {
    total: ["I alt tilrettelegging", 687, 567, null, 120],
    tiltak: [
      ["Funksjonsassistanse", 190, 151, null, 39],
      ["Inkluderingsstilskudd", 16, 4, null, 12],
      ["Tilrettelegging", 480, 412, null, 68],
      ["Tilretteleggingstilskudd for arbeidssøker", S, null, null, S],
    ],
  },
  {
    total: ["I alt jobbskaping og egenetablering", 211, null, 137, 74],
    tiltak: [["Egenetablering", 211, null, 137, 74]],
  },
];

function tiltakTable(): AuditTable {
  const lines: Line[] = [["I alt", 83484, 2951, 20331, 60202]];
  const rowTotals: TotalSpec[] = [];
  const groupTotals: number[] = [];
  for (const g of GROUPS) {
    const parts = g.tiltak.map((_, i) => lines.length + i);
    lines.push(...g.tiltak);
    groupTotals.push(lines.length);
    rowTotals.push({ total: lines.length, parts });
    lines.push(g.total);
  }
  rowTotals.push({ total: 0, parts: groupTotals });
  return marginTable(COLUMNS, lines, rowTotals);
}

describe("auditTable on «Tiltak og hovedgrupper», November 2016", () => {
  const [IALT, ANDRE, ARBS, NEDS] = COLUMNS as [string, string, string, string];
  // Derived by hand from the group subtotals (rows) and the I alt column.
  const expected: [string, string, number][] = [
    ["Avklaring i skjermet virksomhet", ANDRE, 1], // 592 − 590 = 2 = Andre + Arbeidssøkere; 337 − 336
    ["Avklaring i skjermet virksomhet", ARBS, 1], // 451 − 450
    ["Arbeid med bistand (AB)", ANDRE, 3], // 1 444 − 19 − 1 422
    ["Utvidet avklaring og oppfølging i NAV", ANDRE, 3], // 312 − 96 − 213
    ["2-årig opplæringstiltak", ANDRE, 2], // 123 − 44 − 77
    ["Kvalifisering i arbeidsmarkedsbedrift", ARBS, 2], // 459 − 4 − 453
    ["Nettbasert arbeidsmarkedsopplæring (AMO)", IALT, 2], // 18 943 − 18 941
    ["Nettbasert arbeidsmarkedsopplæring (AMO)", ARBS, 1], // 5 143 − 5 140 − 2
    ["Nettbasert arbeidsmarkedsopplæring (AMO)", NEDS, 1], // 13 702 − 13 701
    ["Tidsbegrenset lønnstilskudd", ANDRE, 2], // 66 − 4 − 60
    ["Arbeidspraksis i ordinær virksomhet", ANDRE, 2], // 699 − 52 − 645
    ["Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker", NEDS, 2], // 6 − 4
    ["Tilretteleggingstilskudd for arbeidssøker", IALT, 1], // 687 − (190 + 16 + 480)
    ["Tilretteleggingstilskudd for arbeidssøker", NEDS, 1], // 120 − (39 + 12 + 68)
  ];

  it("pins every suppressed cell", () => {
    const table = tiltakTable();
    expect(table.rows).toHaveLength(1 + 42 + 10);
    const res = auditTable(table);
    if (!res.feasible) throw new Error(res.message);
    const got = res.cells.map((c) => [c.rowLabel, c.colLabel, c.min, c.max, c.pinned]);
    expect(got).toEqual(expected.map(([r, c, v]) => [r, c, v, v, true]));
  });

  it("still pins Nettbasert AMO I alt from the Opplæring subtotal alone", () => {
    const table = tiltakTable();
    const noColumns = boundsByLabel({ ...table, columnTotals: [] });
    expect(noColumns["Nettbasert arbeidsmarkedsopplæring (AMO) / I alt"]).toEqual([2, 2]);
    // Without the row totals, only the row's own I alt equation is left: 2..3, parts 1..2.
    const noRows = boundsByLabel({ ...table, rowTotals: [] });
    expect(noRows["Nettbasert arbeidsmarkedsopplæring (AMO) / I alt"]).toEqual([2, 3]);
    expect(noRows["Avklaring i skjermet virksomhet / Andre på tiltak"]).toEqual([1, 1]);
  });

  it("detects a misprint and names the equations involved", () => {
    const table = tiltakTable();
    const rows = table.rows.map((r) => ({ ...r, cells: [...r.cells] }));
    const utdanning = rows.findIndex((r) => r.label === "Utdanning");
    rows[utdanning]!.cells[1] = 18; // 10 more than published
    const res = auditTable({ ...table, rows });
    expect(res.feasible).toBe(false);
    if (!res.feasible) {
      const descs = res.conflicts.map((c) => c.description).join(" | ");
      expect(descs).toMatch(/Utdanning|I alt opplæring/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Brute-force cross-checks on random small instances.

const mulberry32 = rng; // seeded PRNG shared with the dataset generator

/** Calls `visit` with every assignment in the product of the domains. */
function enumerate(domains: { lo: number; hi: number }[], visit: (x: number[]) => void): void {
  const x = domains.map((d) => d.lo);
  const rec = (i: number): void => {
    if (i === domains.length) return visit(x);
    for (let v = domains[i]!.lo; v <= domains[i]!.hi; v++) {
      x[i] = v;
      rec(i + 1);
    }
  };
  rec(0);
}

function bruteBounds(domains: { lo: number; hi: number }[], holds: (x: number[]) => boolean): { min: number; max: number }[] | null {
  let out: { min: number; max: number }[] | null = null;
  enumerate(domains, (x) => {
    if (!holds(x)) return;
    if (!out) out = x.map((v) => ({ min: v, max: v }));
    else
      x.forEach((v, i) => {
        out![i]!.min = Math.min(out![i]!.min, v);
        out![i]!.max = Math.max(out![i]!.max, v);
      });
  });
  return out;
}

describe("brute-force cross-check", () => {
  // Two generators: a loose one (mixed equations and intervals, many infeasible systems) and one of
  // tight equations with larger coefficients, where propagation alone leaves the bounds too wide in
  // about one feasible system in six (and misses a few infeasible ones), so the search must prove them.
  const generators = {
    loose: {
      seed: 20161130,
      n: [1, 5],
      width: [0, 4],
      cons: [0, 4],
      arity: [1, 4],
      coefs: [-2, -1, -1, 1, 1, 1, 2],
      exact: 0.75,
      eq: 0.6,
    },
    tight: {
      seed: 83484,
      n: [3, 5],
      width: [2, 4],
      cons: [2, 3],
      arity: [2, 4],
      coefs: [-3, -2, -1, 1, 2, 3],
      exact: 0.85,
      eq: 0.9,
    },
  } as const;

  for (const [name, g] of Object.entries(generators)) {
    it(`solveBounds matches enumeration on random linear systems (${name})`, () => {
      const rnd = mulberry32(g.seed);
      const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
      let infeasible = 0;
      for (let iter = 0; iter < 300; iter++) {
        const n = int(g.n[0], g.n[1]);
        const variables = Array.from({ length: n }, () => {
          const lo = int(-3, 2);
          return { lo, hi: lo + int(g.width[0], g.width[1]) };
        });
        const hidden = variables.map((v) => int(v.lo, v.hi));
        const constraints = Array.from({ length: int(g.cons[0], g.cons[1]) }, () => {
          const terms = Array.from({ length: int(g.arity[0], g.arity[1]) }, () => ({
            variable: int(0, n - 1),
            coef: g.coefs[int(0, g.coefs.length - 1)]!,
          }));
          const value = terms.reduce((s, t) => s + t.coef * hidden[t.variable]!, 0);
          // Mostly consistent with the hidden assignment (possibly widened), sometimes arbitrary.
          const lo = rnd() < g.exact ? value - int(0, 1) * int(0, 2) : value + int(-4, 4);
          return between(terms, lo, rnd() < g.eq ? lo : lo + int(0, 3));
        });
        const sat = (x: number[], only?: Set<number>): boolean =>
          constraints.every((c, ci) => {
            if (only && !only.has(ci)) return true;
            const s = c.terms.reduce((acc, t) => acc + t.coef * x[t.variable]!, 0);
            return s >= c.lo && s <= c.hi;
          });
        const expected = bruteBounds(variables, (x) => sat(x));
        const got = solveBounds({ variables, constraints });
        if (expected === null) {
          infeasible++;
          expect(got.feasible).toBe(false);
          if (!got.feasible) {
            // The reported conflict is itself infeasible and minimal.
            const conflict = new Set(got.conflict);
            expect(bruteBounds(variables, (x) => sat(x, conflict))).toBeNull();
            for (const ci of got.conflict) {
              const fewer = new Set(got.conflict.filter((c) => c !== ci));
              expect(bruteBounds(variables, (x) => sat(x, fewer))).not.toBeNull();
            }
          }
        } else {
          expect(got.feasible).toBe(true);
          if (got.feasible) {
            expect(got.bounds.map((b) => ({ min: b.min, max: b.max }))).toEqual(expected);
            got.bounds.forEach((b) => expect(b.pinned).toBe(b.min === b.max));
          }
        }
      }
      // The generator must exercise both outcomes.
      expect(infeasible).toBeGreaterThan(10);
      expect(infeasible).toBeLessThan(250);
    });
  }

  it("auditTable matches enumeration on random suppressed tables", () => {
    const rnd = mulberry32(83484);
    const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
    let pinned = 0;
    let open = 0;
    let infeasible = 0;
    let cases = 0;
    while (cases < 300) {
      const nr = int(1, 4);
      const nc = int(1, 3);
      // Parts are small so that many fall in 1..3; row 0 and column 0 are the totals.
      const parts = Array.from({ length: nr }, () =>
        Array.from({ length: nc }, () => (rnd() < 0.2 ? 0 : rnd() < 0.6 ? int(1, 3) : int(4, 9))),
      );
      const grid: number[][] = [];
      const colSums = Array.from({ length: nc }, (_, c) => parts.reduce((s, r) => s + r[c]!, 0));
      grid.push([colSums.reduce((a, b) => a + b, 0), ...colSums]);
      for (const r of parts) grid.push([r.reduce((a, b) => a + b, 0), ...r]);
      const cells: AuditCell[][] = grid.map((r) => r.map((v) => (v === 0 ? null : v >= 1 && v <= 3 ? S : v)));
      // Sometimes a misprint in a published number, to exercise infeasible tables.
      if (rnd() < 0.15) {
        const r = int(0, nr);
        const c = int(0, nc);
        if (typeof cells[r]![c] === "number") cells[r]![c] = (cells[r]![c] as number) + int(1, 3);
      }
      const stars: [number, number][] = [];
      cells.forEach((row, r) => row.forEach((v, c) => v === S && stars.push([r, c])));
      if (stars.length > 9) continue;
      cases++;

      const table: AuditTable = {
        columns: Array.from({ length: nc + 1 }, (_, c) => `c${c}`),
        rows: cells.map((row, r) => ({ label: `r${r}`, cells: row })),
        rowTotals: [{ total: 0, parts: parts.map((_, i) => i + 1) }],
        columnTotals: [{ total: 0, parts: colSums.map((_, i) => i + 1) }],
      };
      // Independent model: fill the stars, then check every row and column sum directly.
      const holds = (x: number[]): boolean => {
        const g = cells.map((row) => row.map((v) => (typeof v === "number" ? v : 0)));
        stars.forEach(([r, c], i) => (g[r]![c] = x[i]!));
        const rowsOk = g.every((row) => row[0] === row.slice(1).reduce((a, b) => a + b, 0));
        const colsOk = g[0]!.every((v, c) => v === g.slice(1).reduce((a, row) => a + row[c]!, 0));
        return rowsOk && colsOk;
      };
      const expected = bruteBounds(
        stars.map(() => ({ lo: 1, hi: 3 })),
        holds,
      );
      const got = auditTable(table);
      if (expected === null) {
        infeasible++;
        expect(got.feasible).toBe(false);
        continue;
      }
      expect(got.feasible).toBe(true);
      if (!got.feasible) continue;
      expect(got.cells.map((c) => [c.row, c.col])).toEqual(stars);
      expect(got.cells.map((c) => ({ min: c.min, max: c.max }))).toEqual(expected);
      for (const c of got.cells) {
        if (c.pinned) pinned++;
        else open++;
      }
    }
    expect(pinned).toBeGreaterThan(50);
    expect(open).toBeGreaterThan(50);
    expect(infeasible).toBeGreaterThan(5);
  });

  it("buildTableProblem folds known cells into the right-hand side", () => {
    const { problem, cells, equations } = buildTableProblem(marginTable(["I alt", "A", "B"], [["x", 10, 7, S]], []));
    expect(cells).toEqual([{ row: 0, col: 2 }]);
    expect(problem.constraints).toEqual([expect.objectContaining({ terms: [{ variable: 0, coef: -1 }], lo: -3, hi: -3 })]);
    expect(equations[0]).toMatchObject({
      kind: "column-total",
      parts: [
        { row: 0, col: 1 },
        { row: 0, col: 2 },
      ],
    });
  });
});
