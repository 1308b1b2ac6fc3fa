// The exact disclosure audit on NAV's own «Tiltak og hovedgrupper» table (November 2016).
import { describe, expect, it } from "vitest";

import { auditTable, type AuditCell, type AuditTable, type TotalSpec } from "../helpers/table-audit.js";
import { boundsByLabel, marginTable } from "../helpers/margin-table.js";

const S = "*" as const;

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
