import { describe, expect, it } from "vitest";
import { importPublication } from "../../src/core/dataset.js";
import { PublicationError, type Finding } from "../../src/core/findings.js";
import { parseCell } from "../../src/core/parse.js";
import { ALL, SUPPRESSED } from "../../src/core/types.js";
import { publicationText } from "../helpers/publication.js";

const original = publicationText();

/** Replaces one unique line of the real publication; returns the text and that line's number. */
function mutateLine(startsWith: string, replace: (line: string) => string | string[], occurrence = 0): { text: string; line: number } {
  const lines = original.split("\n");
  const hits = lines.map((l, i) => (l.startsWith(startsWith) ? i : -1)).filter((i) => i >= 0);
  const index = hits[occurrence];
  if (index === undefined) throw new Error(`no line starts with ${startsWith}`);
  const replaced = replace(lines[index]!);
  lines.splice(index, 1, ...(Array.isArray(replaced) ? replaced : [replaced]));
  return { text: lines.join("\n"), line: index + 1 };
}

function rejection(text: string): Finding[] {
  try {
    importPublication(text, "test.txt");
  } catch (e) {
    expect(e).toBeInstanceOf(PublicationError);
    expect((e as Error).message).toMatch(/^Publikasjonen ble avvist/);
    return (e as PublicationError).findings.filter((f) => f.severity === "error");
  }
  throw new Error("expected the publication to be rejected");
}

describe("importing the real publication", () => {
  const { dataset, findings } = importPublication(original, "nav-tiltak-2016-11.txt");
  const p = dataset.periods[0]!;

  it("reads the period, dimensions and their published order", () => {
    expect(dataset.periods.map((x) => x.period)).toEqual(["2016-11"]);
    expect(p.label).toBe("November 2016");
    expect(dataset.hovedgrupper.map((h) => h.short)).toEqual(["Arbeidssøkere", "Nedsatt arbeidsevne", "Andre"]);
    expect(dataset.crossOrder).toEqual(["andre", "arbeidssokere", "nedsatt-arbeidsevne"]);
    expect(dataset.tiltaksgrupper.map((g) => g.name)).toEqual([
      "Avklaringstiltak",
      "Oppfølging",
      "Opplæring",
      "Lønnstilskudd",
      "Arbeidspraksis",
      "Arbeidsrettet rehabilitering",
      "Tilrettelagt arbeid",
      "Helsemessig utredning/behandling",
      "Tilrettelegging",
      "Jobbskaping og egenetablering",
    ]);
    expect(dataset.tiltak).toHaveLength(42);
    expect(dataset.tiltak[0]).toMatchObject({ name: "Avklaring", group: "avklaringstiltak" });
    expect(dataset.tiltak.at(-1)).toMatchObject({ name: "Egenetablering", group: "jobbskaping-og-egenetablering" });
  });

  it("keeps tiltak in the group whose page split falls inside it (Opplæring)", () => {
    const opplaering = dataset.tiltak.filter((t) => t.group === "opplaering").map((t) => t.name);
    expect(opplaering).toEqual([
      "2-årig opplæringstiltak",
      "Arbeidsmarkedsopplæring (AMO)",
      "Arbeidsmarkedsopplæring (AMO) enkeltplass",
      "Kvalifisering i arbeidsmarkedsbedrift",
      "Nettbasert arbeidsmarkedsopplæring (AMO)",
      "Utdanning",
    ]);
  });

  it("names that collide across levels stay apart", () => {
    expect(dataset.tiltak.find((t) => t.name === "Oppfølging")!.group).toBe("oppfolging");
    expect(p.tiltak["oppfolging"]![ALL]).toBe(10397);
    expect(p.groups["oppfolging"]![ALL]!.antall).toBe(15353);
    expect(p.tiltak["tilrettelegging"]![ALL]).toBe(480);
    expect(p.groups["tilrettelegging"]![ALL]!.antall).toBe(687);
  });

  it("cells are numbers, suppressed or none", () => {
    expect(p.tiltak["nettbasert-arbeidsmarkedsopplaering-amo"]).toEqual({
      [ALL]: SUPPRESSED,
      andre: null,
      arbeidssokere: SUPPRESSED,
      "nedsatt-arbeidsevne": SUPPRESSED,
    });
    expect(p.groups["jobbskaping-og-egenetablering"]!["andre"]).toEqual({ antall: null, endring: SUPPRESSED, prosent: SUPPRESSED });
    expect(p.total["nedsatt-arbeidsevne"]).toEqual({ antall: 60202, endring: -90, prosent: 0 });
    // A group a hovedgruppe does not have is none, not zero and not a phantom row.
    expect(p.groups["tilrettelagt-arbeid"]!["arbeidssokere"]).toEqual({ antall: null, endring: null, prosent: null });
  });

  it("maps the known typo «Lønnskudd» to Lønnstilskudd and reports it, creating no phantom group", () => {
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ severity: "warning", code: "alias", line: 103 });
    expect(findings[0]!.message).toContain("«Lønnskudd»");
    expect(findings[0]!.message).toContain("«Lønnstilskudd»");
    expect(dataset.tiltaksgrupper.map((g) => g.name)).not.toContain("Lønnskudd");
    expect(p.groups["lonnstilskudd"]!["andre"]).toEqual({ antall: 258, endring: 115, prosent: 80 });
  });

  it("refuses a file of raw counts naming the line; only protection (`prikk`) reads it, with a warning", () => {
    const lines = original.split("\n");
    // Undo NAV's suppression of Nettbasert AMO (2 = 1 + 1), the row and the totals still add up.
    const i = lines.findIndex((l) => l.startsWith("Nettbasert arbeidsmarkedsopplæring (AMO)\t"));
    lines[i] = "Nettbasert arbeidsmarkedsopplæring (AMO)\t2\t\t1\t1";
    expect(() => importPublication(lines.join("\n"))).toThrow(PublicationError);
    try {
      importPublication(lines.join("\n"));
    } catch (e) {
      expect((e as PublicationError).findings.filter((f) => f.severity === "error")).toEqual([
        expect.objectContaining({
          code: "raw-counts",
          line: i + 1,
          message: expect.stringMatching(/^Filen har rå tall som ikke er prikket: 3 antall fra 1 til 3/),
        }),
      ]);
    }
    const r = importPublication(lines.join("\n"), "raw.txt", { acceptRawCounts: true });
    expect(r.findings.filter((f) => f.code === "unsuppressed")).toEqual([
      expect.objectContaining({
        severity: "warning",
        message: expect.stringMatching(/^Filen har 3 antall fra 1 til 3 som ikke er prikket/),
      }),
    ]);
    expect(r.dataset.periods[0]!.tiltak["nettbasert-arbeidsmarkedsopplaering-amo"]![ALL]).toBe(2);
  });

  it("reads a subtotal by its label even without <b>, and notes it on its line", () => {
    const lines = original.split("\n");
    const i = lines.findIndex((l) => l.startsWith("<b>I alt oppfølging</b>"));
    lines[i] = lines[i]!.replace(/<\/?b>/g, "");
    const r = importPublication(lines.join("\n"));
    expect(r.findings).toContainEqual(
      expect.objectContaining({ severity: "warning", line: i + 1, message: expect.stringContaining("«I alt oppfølging» er ikke uthevet") }),
    );
    expect(r.dataset.tiltak.filter((t) => t.group === "oppfolging")).toHaveLength(8);
  });

  it("accepts CRLF line endings and a BOM with the same result", () => {
    const crlf = importPublication("\uFEFF" + original.replace(/\n/g, "\r\n"));
    expect(crlf.dataset).toEqual(dataset);
  });
});

describe("rejecting malformed or inconsistent files, naming the line", () => {
  it("a missing cell", () => {
    const { text, line } = mutateLine("Mentor\t", (l) => l.split("\t").slice(0, -1).join("\t"));
    const errors = rejection(text);
    expect(errors).toContainEqual(expect.objectContaining({ code: "missing-cell", line }));
    expect(errors.find((e) => e.line === line)!.message).toMatch(/«Mentor» har 3 celler, men tabellen har 4 kolonner/);
  });

  it("a wrong total", () => {
    const { text, line } = mutateLine("<b>I alt oppfølging</b>", (l) => l.replace("<b>15 353</b>", "<b>15 354</b>"));
    const errors = rejection(text);
    const sum = errors.find((e) => e.code === "sum-mismatch" && e.line === line);
    expect(sum?.message).toMatch(/summen er 15 354, men delene summerer til 15 353/);
    // …and it no longer agrees with the cross table either.
    expect(errors).toContainEqual(expect.objectContaining({ code: "cross-mismatch", line }));
  });

  it("a wrong tiltak breaks its row total", () => {
    const { text, line } = mutateLine("Jobbklubb\t", () => "Jobbklubb\t2 512\t23\t2 228\t262");
    const errors = rejection(text);
    expect(errors).toContainEqual(expect.objectContaining({ code: "sum-mismatch", line }));
  });

  it("a suppressed cell whose 1..3 cannot fill the gap", () => {
    const { text, line } = mutateLine("Mentor\t", () => "Mentor\t138\t*\t13\t112");
    const errors = rejection(text);
    expect(errors.find((e) => e.line === line)?.message).toMatch(/summen er 138, men delene summerer til 126–128/);
  });

  it("an unknown group", () => {
    const { text, line } = mutateLine("Arbeidspraksis\t180\t", (l) => l.replace("Arbeidspraksis", "Arbeidspraksiss"));
    const errors = rejection(text);
    expect(errors).toContainEqual(expect.objectContaining({ code: "unknown-group", line }));
    expect(errors.find((e) => e.code === "unknown-group")!.message).toContain("«Arbeidspraksiss»");
  });

  it("a bad number", () => {
    const { text, line } = mutateLine("Jobbklubb\t", (l) => l.replace("2 512", "2,512"));
    const errors = rejection(text);
    expect(errors).toEqual([expect.objectContaining({ code: "bad-number", line })]);
    expect(errors[0]!.message).toContain("«2,512» er ikke et tall");
  });

  it("a duplicate row", () => {
    const { text, line } = mutateLine("Mentor\t", (l) => [l, l]);
    const errors = rejection(text);
    expect(errors).toContainEqual(expect.objectContaining({ code: "duplicate-row", line: line + 1 }));
  });

  it("a published percent that does not fit antall and endring", () => {
    const { text, line } = mutateLine("Avklaringstiltak\t3 303", (l) => l.replace("-9", "-19"));
    const errors = rejection(text);
    expect(errors).toContainEqual(expect.objectContaining({ code: "percent-mismatch", line }));
  });

  it("a change larger than this year's count (last year's count below 0), even with the percent left empty", () => {
    // Moves 100 of change between two groups in two hovedgrupper, so every total still adds up.
    const text = original
      .replace("Opplæring\t98\t20\t26", "Opplæring\t98\t120\t")
      .replace("Helsemessig utredning/behandling\t670\t-117\t-15", "Helsemessig utredning/behandling\t670\t-217\t-24")
      .replace("Opplæring\t13 702\t378\t3", "Opplæring\t13 702\t278\t2")
      .replace("Helsemessig utredning/behandling\t42\t7\t20", "Helsemessig utredning/behandling\t42\t107\t");
    expect(text).not.toBe(original);
    const lines = text.split("\n");
    const errors = rejection(text);
    expect(errors).toContainEqual(expect.objectContaining({ line: lines.indexOf("Opplæring\t98\t120\t") + 1 }));
    expect(errors).toContainEqual(expect.objectContaining({ line: lines.indexOf("Helsemessig utredning/behandling\t42\t107\t") + 1 }));
    expect(errors).toHaveLength(2);
  });

  it("a repeated total row that changed between pages", () => {
    const { text, line } = mutateLine("<b>I alt</b>\t<b>83 484</b>\t<b>2 951</b>", (l) => l.replace("2 951", "2 950"), 2);
    const errors = rejection(text);
    expect(errors).toContainEqual(expect.objectContaining({ code: "cross-mismatch", line }));
  });

  it("a truncated file, cut anywhere", () => {
    for (let cut = 0.1; cut < 0.99; cut += 0.1) {
      const errors = rejection(original.slice(0, Math.floor(original.length * cut)));
      expect(errors.length).toBeGreaterThan(0);
      // Either the cut line is named, or the tables/rows that went missing are.
      for (const e of errors) expect(e.line !== undefined || e.code === "missing-table" || e.code === "missing-row").toBe(true);
    }
    // Cut at a page boundary: the last page of «Tiltak og hovedgrupper» is gone.
    const errors = rejection(original.slice(0, original.lastIndexOf("# Deltakere")));
    expect(errors).toContainEqual(expect.objectContaining({ code: "missing-row" }));
    expect(errors.map((e) => e.message).join("\n")).toContain("Tilrettelagt arbeid");
  });

  it("an empty file", () => {
    expect(rejection("")).toEqual([expect.objectContaining({ code: "empty-file" })]);
  });

  it("an unknown table and a bad period", () => {
    let errors = rejection(original.replace("## Hovedgrupper", "## Hovedgruper"));
    expect(errors).toContainEqual(expect.objectContaining({ code: "unknown-table" }));
    expect(errors).toContainEqual(expect.objectContaining({ code: "missing-table" }));
    errors = rejection(original.replaceAll("November 2016", "Novembre 2016"));
    expect(errors).toContainEqual(expect.objectContaining({ code: "bad-period" }));
  });

  it("an unknown hovedgruppe heading names its own line, with or without a blank line after it", () => {
    for (const after of ["\n\n", "\n"]) {
      const text = original.replace("### Andre på tiltak\n\n", `### Andre paa tiltak${after}`);
      const line = text.split("\n").indexOf("### Andre paa tiltak") + 1;
      expect(rejection(text)).toContainEqual(expect.objectContaining({ code: "unknown-hovedgruppe", line }));
    }
  });

  it("a notes page («Om tabellene») for another month than the tables", () => {
    const text = original.replace("### November 2016", "### Oktober 2016");
    const line = text.split("\n").indexOf("### Oktober 2016") + 1;
    expect(rejection(text)).toContainEqual(expect.objectContaining({ code: "bad-period", line }));
  });

  it("never returns a partial dataset: every error is collected and the call throws", () => {
    const a = mutateLine("Mentor\t", (l) => l.split("\t").slice(0, -1).join("\t"));
    const lines = a.text.split("\n");
    const j = lines.findIndex((l) => l.startsWith("Jobbklubb\t"));
    lines[j] = lines[j]!.replace("2 512", "x");
    const errors = rejection(lines.join("\n"));
    expect(errors.map((e) => e.line)).toEqual(expect.arrayContaining([a.line, j + 1]));
  });
});

describe("cells", () => {
  it("parses NAV's number formats", () => {
    expect(parseCell("83 484")).toEqual({ value: 83484 });
    expect(parseCell("-1 216")).toEqual({ value: -1216 });
    expect(parseCell("<b>3 805</b>")).toEqual({ value: 3805 });
    expect(parseCell("1\u00a0216")).toEqual({ value: 1216 });
    expect(parseCell("\u22121 216")).toEqual({ value: -1216 });
    expect(parseCell("*")).toEqual({ value: SUPPRESSED });
    expect(parseCell("")).toEqual({ value: null });
    expect(parseCell("-0")).toEqual({ value: 0 });
    expect(parseCell("0")).toEqual({ value: 0 });
    for (const bad of ["1 21", "12,5", "1.216", "abc", "**", "12 3456", "013", "0 138", "00"])
      expect(parseCell(bad)).toHaveProperty("error");
  });
});
