// NAV.TILTAK and friends (src/core/functions.ts) against the publication itself: every published
// cell is read straight from the text (test/helpers/publication.ts, no help from the parser) and
// must come back from the functions exactly, "*" and empty cells included.

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { FunctionError, NavFunctions, functionId, type CellResult, type FunctionResult } from "../../src/core/functions.js";
import { SUPPRESSED, type Dataset } from "../../src/core/types.js";
import { mergedPages, publishedTables, type PublishedTable } from "../helpers/publication.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

const fns = new NavFunctions(BUNDLED_DATASET);
const tables = publishedTables();
const table = (name: string, subtitle?: string): PublishedTable => {
  const t = tables.find((x) => x.name === name && x.subtitle === subtitle && (subtitle !== undefined || x.rows[0]![1] === "Antall"));
  if (!t) throw new Error(`no table ${name} ${subtitle ?? ""}`);
  return t;
};
const tiltakTable = mergedPages(tables, "Tiltak og hovedgrupper");
const crossTable = tables.find(
  (t) => t.name === "Tiltaksgrupper og hovedgrupper" && t.subtitle === undefined && t.rows[0]![1] === "I alt",
)!;
const subTables = tables.filter((t) => t.name === "Tiltaksgrupper og hovedgrupper" && t.subtitle !== undefined);

/** A published count cell as the functions must return it: number, "*", or 0 for empty. */
function countOf(cell: string | undefined): CellResult {
  const text = (cell ?? "").trim();
  if (text === "") return 0;
  if (text === "*") return SUPPRESSED;
  return Number(text.replace(/ /g, ""));
}

function value<T>(r: FunctionResult<T>): T {
  if (r.error) throw new Error(`expected a value, got ${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

function error<T>(r: FunctionResult<T>): FunctionError {
  if (!r.error) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

/** Excel's ROUND: half away from zero. */
const excelRound = (x: number) => {
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return r === 0 ? 0 : r;
};

/** The short forms an analyst types, for each published hovedgruppe column (from the issue). */
const SHORT: Record<string, string> = {
  "I alt": "I alt",
  "Arbeidssøkere på tiltak": "Arbeidssøkere",
  "Nedsatt arbeidsevne, på tiltak": "Nedsatt arbeidsevne",
  "Andre på tiltak": "Andre",
};

describe("NAV.TILTAK over «Tiltak og hovedgrupper»", () => {
  const headers = tiltakTable.rows[0]!;
  const body = tiltakTable.rows.slice(1).map((row, i) => ({ row, bold: tiltakTable.bold.includes(i + 1) }));
  const tiltakRows = body.filter((r) => !r.bold).map((r) => r.row);

  it("covers all 42 published tiltak", () => {
    expect(tiltakRows).toHaveLength(42);
  });

  it("returns every published cell: the number, «*», or 0 where the cell is empty", () => {
    let checked = 0;
    for (const row of tiltakRows) {
      for (let c = 1; c < headers.length; c++) {
        const expected = countOf(row[c]);
        expect(value(fns.tiltak(row[0]!, headers[c]!)), `${row[0]} / ${headers[c]}`).toEqual(expected);
        expect(value(fns.tiltak(row[0]!, SHORT[headers[c]!]!)), `${row[0]} / ${SHORT[headers[c]!]}`).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBe(42 * 4);
  });

  it("defaults to «I alt» and the newest period", () => {
    const iAlt = headers.indexOf("I alt");
    for (const row of tiltakRows) {
      expect(value(fns.tiltak(row[0]!))).toEqual(countOf(row[iAlt]));
      expect(value(fns.tiltak(row[0]!, null, null))).toEqual(countOf(row[iAlt]));
      expect(value(fns.tiltak(row[0]!, "", ""))).toEqual(countOf(row[iAlt]));
      expect(value(fns.tiltak(row[0]!, undefined, "2016-11"))).toEqual(countOf(row[iAlt]));
      expect(value(fns.tiltak(row[0]!, "I alt", "November 2016"))).toEqual(countOf(row[iAlt]));
    }
  });

  it("matches names regardless of case and spacing", () => {
    for (const row of tiltakRows) {
      const name = row[0]!;
      const mangled = `  ${name.toLocaleUpperCase("nb-NO").replace(/ /g, "   ")}\t`;
      expect(fns.tiltak(mangled, " andre PÅ  tiltak ")).toEqual(fns.tiltak(name, "Andre på tiltak"));
    }
  });

  it("reads the subtotal rows («I alt <gruppe>») through NAV.TILTAKSGRUPPE", () => {
    for (const { row } of body.filter((r) => r.bold)) {
      for (let c = 1; c < headers.length; c++) {
        expect(value(fns.tiltaksgruppe(row[0]!, headers[c]!)), `${row[0]} / ${headers[c]}`).toEqual(countOf(row[c]));
      }
    }
  });

  it("gives the examples from the issue", () => {
    expect(value(fns.tiltak("Arbeidstrening"))).toBe(15947);
    expect(value(fns.tiltak("Arbeidstrening", "Arbeidssøkere på tiltak"))).toBe(7465);
  });
});

describe("NAV.TILTAKSGRUPPE over the cross table", () => {
  it("returns every published cell, with the published and the short hovedgruppe names", () => {
    const headers = crossTable.rows[0]!;
    for (const row of crossTable.rows.slice(1)) {
      for (let c = 1; c < headers.length; c++) {
        const expected = countOf(row[c]);
        expect(value(fns.tiltaksgruppe(row[0]!, headers[c]!)), `${row[0]} / ${headers[c]}`).toEqual(expected);
        expect(value(fns.tiltaksgruppe(row[0]!, SHORT[headers[c]!]!))).toEqual(expected);
      }
    }
  });
});

/** Checks TILTAKSGRUPPE, ENDRING and ENDRINGPROSENT against one Antall / Endring / Prosent table. */
function checkFigureTable(t: PublishedTable, hovedgruppe: string | undefined): number {
  let percents = 0;
  for (const row of t.rows.slice(1)) {
    // Total rows ("I alt", "I alt arbeidssøkere på tiltak") are the grand total for this hovedgruppe.
    const name = row[0]!.startsWith("I alt") ? "I alt" : row[0]!;
    const where = `${row[0]} / ${hovedgruppe ?? "(standard)"}`;
    const [antall, endring, prosent] = [row[1] ?? "", row[2] ?? "", row[3] ?? ""];
    expect(value(fns.tiltaksgruppe(name, hovedgruppe)), where).toEqual(countOf(antall));
    if (endring.trim() === "") {
      expect(error(fns.endring(name, hovedgruppe)).kind, where).toBe("NA");
    } else {
      expect(value(fns.endring(name, hovedgruppe)), where).toEqual(countOf(endring));
    }
    const pct = fns.endringProsent(name, hovedgruppe);
    if (prosent.trim() === "*") {
      expect(value(pct), where).toBe(SUPPRESSED);
    } else if (prosent.trim() !== "") {
      const fraction = value(pct) as number;
      expect(typeof fraction, where).toBe("number");
      // The fraction is the change over last year's count, from the published cells...
      const a = countOf(antall) as number;
      const e = countOf(endring) as number;
      expect(fraction, where).toBeCloseTo(e / (a - e), 12);
      // ...and rounded ×100 it is the published percent.
      expect(excelRound(fraction * 100), where).toBe(Number(prosent));
      percents++;
    }
  }
  return percents;
}

describe("NAV.TILTAKSGRUPPE, NAV.ENDRING and NAV.ENDRINGPROSENT over the figure tables", () => {
  it("agree with «Hovedgrupper» (the grand total per hovedgruppe)", () => {
    const t = table("Hovedgrupper");
    for (const row of t.rows.slice(1)) {
      const hg = row[0] === "I alt" ? undefined : row[0]!;
      const where = row[0]!;
      expect(value(fns.tiltaksgruppe("I alt", hg)), where).toEqual(countOf(row[1]));
      expect(value(fns.endring("I alt", hg)), where).toEqual(countOf(row[2]));
      expect(excelRound((value(fns.endringProsent("I alt", hg)) as number) * 100), where).toBe(Number(row[3]));
    }
  });

  it("agree with «Tiltaksgrupper» (hovedgruppe omitted and given as «I alt»)", () => {
    const t = table("Tiltaksgrupper");
    expect(checkFigureTable(t, undefined)).toBe(11);
    checkFigureTable(t, "I alt");
  });

  it("agree with each hovedgruppe's sub-table, by published and by short name", () => {
    expect(subTables).toHaveLength(3);
    let percents = 0;
    for (const t of subTables) {
      percents += checkFigureTable(t, t.subtitle);
      checkFigureTable(t, SHORT[t.subtitle!]);
    }
    // Rows with a published percent: 7 + 11 + 9 (Andre / Jobbskaping og egenetablering has "*").
    expect(percents).toBe(7 + 11 + 9);
  });

  it("every published percent (all tables) is the rounded fraction", () => {
    let n = 0;
    for (const t of [table("Hovedgrupper"), table("Tiltaksgrupper"), ...subTables]) {
      const hg = t.subtitle;
      for (const row of t.rows.slice(1)) {
        if (!/^-?\d+$/.test(row[3] ?? "")) continue;
        const group = row[0]!.startsWith("I alt") || t.name === "Hovedgrupper" ? "I alt" : row[0]!;
        const hovedgruppe = t.name === "Hovedgrupper" ? (row[0] === "I alt" ? undefined : row[0]) : hg;
        expect(excelRound((value(fns.endringProsent(group, hovedgruppe)) as number) * 100), `${row[0]} / ${hg}`).toBe(Number(row[3]));
        n++;
      }
    }
    expect(n).toBe(4 + 11 + 27);
  });

  it("gives #N/A for a change that was not published (a group a hovedgruppe does not have)", () => {
    const groups = table("Tiltaksgrupper")
      .rows.slice(2)
      .map((r) => r[0]!);
    let missing = 0;
    for (const t of subTables) {
      const listed = new Set(t.rows.slice(1).map((r) => r[0]!));
      for (const g of groups) {
        if (listed.has(g) || (g === "Lønnstilskudd" && listed.has("Lønnskudd"))) continue;
        expect(error(fns.endring(g, t.subtitle)).kind).toBe("NA");
        expect(error(fns.endringProsent(g, t.subtitle)).kind).toBe("NA");
        expect(error(fns.endring(g, t.subtitle)).message).toMatch(/ikke publisert/);
        // The count is simply none: 0, as in the cross table's empty cell.
        expect(value(fns.tiltaksgruppe(g, t.subtitle))).toBe(0);
        missing++;
      }
    }
    expect(missing).toBe(4 + 0 + 1);
  });

  it("keeps the suppressed change of Andre / Jobbskaping og egenetablering suppressed", () => {
    expect(value(fns.tiltaksgruppe("Jobbskaping og egenetablering", "Andre"))).toBe(0);
    expect(value(fns.endring("Jobbskaping og egenetablering", "Andre"))).toBe("*");
    expect(value(fns.endringProsent("Jobbskaping og egenetablering", "Andre"))).toBe("*");
  });
});

describe("names that exist at two levels", () => {
  const tiltakRow = (name: string) => tiltakTable.rows.find((r, i) => r[0] === name && !tiltakTable.bold.includes(i))!;
  const groupRow = (name: string) => table("Tiltaksgrupper").rows.find((r) => r[0] === name)!;

  it.each(["Oppfølging", "Tilrettelegging"])("%s: NAV.TILTAK is the tiltak, the group functions the group", (name) => {
    expect(value(fns.tiltak(name))).toEqual(countOf(tiltakRow(name)[1]));
    expect(value(fns.tiltaksgruppe(name))).toEqual(countOf(groupRow(name)[1]));
    expect(value(fns.endring(name))).toEqual(countOf(groupRow(name)[2]));
    expect(value(fns.tiltak(name))).not.toEqual(value(fns.tiltaksgruppe(name)));
    expect(value(fns.liste(name)).length).toBeGreaterThan(1); // LISTE lists the group's tiltak
  });

  it("gives the issue's numbers", () => {
    expect(value(fns.tiltak("Oppfølging"))).toBe(10397);
    expect(value(fns.tiltaksgruppe("Oppfølging"))).toBe(15353);
  });
});

describe("errors", () => {
  it("unknown name: #VALUE! with the closest matches", () => {
    const e = error(fns.tiltak("Arbeidstrenig"));
    expect(e.kind).toBe("VALUE");
    expect(e.message).toContain("Mente du «Arbeidstrening»?");
    const amo = error(fns.tiltak("AMO"));
    expect(amo.message.match(/«[^»]*\(AMO\)[^»]*»/g)).toHaveLength(3);
    expect(error(fns.tiltaksgruppe("Opplearing")).message).toContain("«Opplæring»");
    expect(error(fns.tiltak("qqqqqqqq")).message).toMatch(/^Ukjent tiltak «qqqqqqqq»\. Se NAV\.LISTE/);
  });

  it("suggests at most three names", () => {
    const e = error(fns.tiltak("Avklaring i"));
    expect((e.message.match(/«/g) ?? []).length - 1).toBeLessThanOrEqual(3);
  });

  it("a group given to NAV.TILTAK names NAV.TILTAKSGRUPPE", () => {
    const e = error(fns.tiltak("Opplæring"));
    expect(e.kind).toBe("VALUE");
    expect(e.message).toBe("«Opplæring» er en tiltaksgruppe – bruk NAV.TILTAKSGRUPPE.");
    expect(error(fns.tiltak("I alt")).message).toContain("NAV.TILTAKSGRUPPE");
  });

  it("a tiltak given to the group functions names NAV.TILTAK or the tiltak's group", () => {
    expect(error(fns.tiltaksgruppe("Arbeidstrening")).message).toBe("«Arbeidstrening» er et tiltak – bruk NAV.TILTAK.");
    for (const e of [error(fns.endring("Arbeidstrening")), error(fns.endringProsent("arbeidstrening"))]) {
      expect(e.kind).toBe("VALUE");
      expect(e.message).toContain("«Arbeidspraksis»");
    }
  });

  it("a hovedgruppe in the name's place says where it belongs", () => {
    const e = error(fns.tiltaksgruppe("Arbeidssøkere"));
    expect(e.kind).toBe("VALUE");
    expect(e.message).toMatch(/er en hovedgruppe/);
  });

  it("unknown hovedgruppe: #VALUE! with a suggestion", () => {
    const e = error(fns.tiltak("Arbeidstrening", "Arbeidsøkere"));
    expect(e.kind).toBe("VALUE");
    expect(e.message).toContain("«Arbeidssøkere»");
  });

  it("unknown or malformed period: #N/A", () => {
    for (const p of ["2015-11", "2016-13", "nov 2016", "abc", "2016/11"]) {
      const e = error(fns.tiltak("Arbeidstrening", null, p));
      expect(e.kind, p).toBe("NA");
      expect(e.message, p).toMatch(/periode|Perioden/i);
    }
    expect(error(fns.tiltak("Arbeidstrening", null, "2015-11")).message).toContain("2016-11");
  });

  it("accepts a period cell Excel stored as a date (its serial number)", () => {
    // 2016-11-15 is serial 42689 in Excel's 1900 date system.
    expect(fns.tiltak("Arbeidstrening", null, 42689)).toEqual(fns.tiltak("Arbeidstrening"));
    expect(fns.tiltak("Arbeidstrening", null, "42689")).toEqual(fns.tiltak("Arbeidstrening"));
  });

  it("a missing name is #VALUE!", () => {
    expect(error(fns.tiltak("")).kind).toBe("VALUE");
    expect(error(fns.tiltaksgruppe(null)).kind).toBe("VALUE");
  });
});

describe("NAV.LISTE", () => {
  const groupNames = table("Tiltaksgrupper")
    .rows.slice(2)
    .map((r) => r[0]!);
  const column = (names: string[]) => names.map((n) => [n]);

  it("without argument: the tiltaksgrupper, as one column", () => {
    expect(value(fns.liste())).toEqual(column(groupNames));
    expect(value(fns.liste(null))).toEqual(column(groupNames));
    expect(value(fns.liste("tiltaksgrupper"))).toEqual(column(groupNames));
  });

  it("with a group: its tiltak, in published order", () => {
    // The tiltak table lists each group's tiltak just above its «I alt <gruppe>» row.
    const rows = tiltakTable.rows.slice(2);
    let members: string[] = [];
    let groups = 0;
    rows.forEach((row, i) => {
      if (!tiltakTable.bold.includes(i + 2)) {
        members.push(row[0]!);
        return;
      }
      const group = groupNames.find((g) => `i alt ${g.toLowerCase()}` === row[0]!.toLowerCase())!;
      expect(value(fns.liste(group))).toEqual(column(members));
      expect(value(fns.liste(` ${group.toUpperCase()} `))).toEqual(column(members));
      members = [];
      groups++;
    });
    expect(groups).toBe(10);
  });

  it("«tiltak», «hovedgrupper» and «perioder»", () => {
    const all = tiltakTable.rows.filter((_, i) => i > 0 && !tiltakTable.bold.includes(i)).map((r) => r[0]!);
    expect(value(fns.liste("tiltak"))).toEqual(column(all));
    expect(value(fns.liste("Hovedgrupper"))).toEqual(
      column(
        table("Hovedgrupper")
          .rows.slice(2)
          .map((r) => r[0]!),
      ),
    );
    expect(value(fns.liste("perioder"))).toEqual([["2016-11"]]);
  });

  it("rejects a tiltak or an unknown word with #VALUE!", () => {
    expect(error(fns.liste("Arbeidstrening")).kind).toBe("VALUE");
    expect(error(fns.liste("Opplearing")).message).toContain("«Opplæring»");
  });

  it("returns a fresh array each time", () => {
    const a = value(fns.liste());
    a[0]![0] = "endret";
    expect(value(fns.liste())[0]![0]).toBe(groupNames[0]);
  });
});

describe("function names", () => {
  it("accepts the id with or without NAV., in any case", () => {
    expect(functionId("tiltak")).toBe("TILTAK");
    expect(functionId("NAV.EndringProsent")).toBe("ENDRINGPROSENT");
    expect(functionId("nav.liste")).toBe("LISTE");
    expect(functionId("SUM")).toBeUndefined();
  });
});

describe("a raw (unsuppressed) dataset through the same functions", () => {
  const small = (v: unknown) => typeof v === "number" && v >= 1 && v <= 3;

  it.each([1, 2, 3, 4, 5])("never returns 1, 2 or 3, and hides changes that would reveal them (seed %i)", (seed) => {
    const ds: Dataset = makeRawDataset({ seed, groups: 5, tiltakPerGroup: 5, periods: ["2016-10", "2016-11"] });
    const raw = new NavFunctions(ds);
    let suppressed = 0;
    for (const p of ds.periods) {
      for (const hg of [undefined, ...ds.hovedgrupper.map((h) => h.short)]) {
        const hgKey = hg === undefined ? "ialt" : ds.hovedgrupper.find((h) => h.short === hg)!.id;
        for (const t of ds.tiltak) {
          const v = value(raw.tiltak(t.name, hg, p.period));
          expect(small(v), `${t.name} ${hg}`).toBe(false);
          // "*" exactly where the raw count is 1–3.
          const rawCount = p.tiltak[t.id]![hgKey];
          expect(v === SUPPRESSED, `${t.name} ${hg}`).toBe(small(rawCount));
          if (v === SUPPRESSED) suppressed++;
        }
        for (const g of ["I alt", ...ds.tiltaksgrupper.map((x) => x.name)]) {
          const antall = value(raw.tiltaksgruppe(g, hg, p.period));
          expect(small(antall)).toBe(false);
          const e = raw.endring(g, hg, p.period);
          if (e.error) continue;
          expect(small(e.value)).toBe(false);
          if (typeof e.value === "number") {
            // A shown change must not reveal a last-year count of 1–3 either.
            const now = typeof antall === "number" ? antall : 0;
            expect(small(now - e.value), `${g} ${hg}`).toBe(false);
            expect(antall).not.toBe(SUPPRESSED);
          } else {
            suppressed++;
            expect(value(raw.endringProsent(g, hg, p.period))).toBe(SUPPRESSED);
          }
        }
      }
    }
    // The generator makes many small counts; if none were hidden the test proved nothing.
    expect(suppressed).toBeGreaterThan(10);
  });

  it("applies the rule when it looks a figure up, not from anything precomputed", () => {
    const ds = structuredClone(BUNDLED_DATASET);
    const p = ds.periods[ds.periods.length - 1]!;
    p.tiltak["arbeidstrening"]!["andre"] = 2;
    p.groups["opplaering"]!["andre"] = { antall: 98, endring: 96, prosent: 4800 }; // last year 2
    const f = new NavFunctions(ds);
    expect(value(f.tiltak("Arbeidstrening", "Andre"))).toBe("*");
    expect(value(f.tiltaksgruppe("Opplæring", "Andre"))).toBe(98);
    expect(value(f.endring("Opplæring", "Andre"))).toBe("*");
    expect(value(f.endringProsent("Opplæring", "Andre"))).toBe("*");
  });
});

describe("more than one period", () => {
  const ds = structuredClone(BUNDLED_DATASET);
  const nov16 = ds.periods[0]!;
  const nov15 = structuredClone(nov16);
  nov15.period = "2015-11";
  nov15.label = "November 2015";
  nov15.tiltak["arbeidstrening"]!["ialt"] = 12345;
  delete nov15.tiltak["mentor"];
  delete nov15.groups["tilrettelegging"];
  ds.periods = [nov15, nov16];
  const f = new NavFunctions(ds);

  it("defaults to the newest period and finds the older one by YYYY-MM or label", () => {
    expect(value(f.tiltak("Arbeidstrening"))).toBe(value(fns.tiltak("Arbeidstrening")));
    expect(value(f.tiltak("Arbeidstrening", "", "2015-11"))).toBe(12345);
    expect(value(f.tiltak("Arbeidstrening", "", "november 2015"))).toBe(12345);
    expect(value(f.liste("perioder"))).toEqual([["2015-11"], ["2016-11"]]);
  });

  it("gives #N/A for a tiltak or group that the period does not have", () => {
    expect(error(f.tiltak("Mentor", null, "2015-11"))).toMatchObject({ kind: "NA" });
    expect(error(f.tiltaksgruppe("Tilrettelegging", null, "2015-11"))).toMatchObject({ kind: "NA" });
    expect(value(f.tiltak("Mentor"))).toBe(value(fns.tiltak("Mentor")));
    expect(error(f.tiltak("Mentor", null, "2014-11")).message).toContain("2015-11, 2016-11");
  });
});
