// `nav-tiltak audit`, in process. Expected values are worked out by hand from the publication.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli as run } from "../helpers/cli.js";
import { publicationText } from "../helpers/publication.js";

const cli = (...argv: string[]) => run(argv);

interface JsonCell {
  table: string;
  tiltak: string;
  hovedgruppe: string;
  column: string;
  min: number;
  max: number;
  pinned: boolean;
  period: string;
}

const T = "Tiltak og hovedgrupper";

describe("nav-tiltak audit", () => {
  it("prints each suppressed cell per table, marks the pinned ones, and sums up; exit 0", async () => {
    const { code, out, err } = await cli("audit");
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toMatch(/^Prikkekontroll for November 2016\n/);
    expect(out).toContain("Hver tabell er kontrollert for seg");
    // 18 943 − (123 + 7 242 + 1 296 + 459 + 9 821) = 2; Arbeidssøkere 5 143 − 5 142 = 1.
    expect(out).toContain("  AVSLØRT: Nettbasert arbeidsmarkedsopplæring (AMO) / I alt = 2\n");
    expect(out).toContain("  AVSLØRT: Nettbasert arbeidsmarkedsopplæring (AMO) / Arbeidssøkere på tiltak = 1\n");
    // 1 444 − 19 − 1 422 = 3.
    expect(out).toContain("  AVSLØRT: Arbeid med bistand (AB) / Andre på tiltak = 3\n");
    expect(out).toContain(`  14 av 14 prikkede celler i «${T}» kan regnes ut eksakt.\n`);
    expect(out).toContain(
      "  AVSLØRT: Andre på tiltak: Jobbskaping og egenetablering / Endring fra i fjor Antall = -1 – fjorårets antall var altså 1\n",
    );
    expect(out).toContain("  Ingen prikkede celler i «Hovedgrupper».\n");
    expect(out).toContain("I alt: 16 av 16 prikkede celler kan regnes ut eksakt.\n");
    // Tables in the order the add-in inserts them.
    const order = [
      "\nHovedgrupper\n",
      "\nTiltaksgrupper\n",
      "\nTiltaksgrupper per hovedgruppe\n",
      "\nTiltaksgrupper x hovedgrupper\n",
      `\n${T}\n`,
    ];
    const at = order.map((h) => out.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("--json prints an array of {table, tiltak, hovedgruppe, column, min, max, pinned, period}", async () => {
    const { code, out } = await cli("audit", "--json");
    expect(code).toBe(0);
    const cells = JSON.parse(out) as JsonCell[];
    expect(cells).toHaveLength(16);
    for (const c of cells) expect(Object.keys(c)).toEqual(["table", "tiltak", "hovedgruppe", "column", "min", "max", "pinned", "period"]);
    expect(cells.every((c) => c.period === "2016-11")).toBe(true);
    const tiltak = cells.filter((c) => c.table === T);
    expect(tiltak).toHaveLength(14);
    expect(tiltak.every((c) => c.pinned && c.min === c.max)).toBe(true);
    expect(tiltak).toContainEqual({
      table: T,
      tiltak: "Nettbasert arbeidsmarkedsopplæring (AMO)",
      hovedgruppe: "I alt",
      column: "I alt",
      min: 2,
      max: 2,
      pinned: true,
      period: "2016-11",
    });
    // Nedsatt arbeidsevne column of Arbeidsrettet rehabilitering: 600 − 560 − 20 − 18 = 2.
    expect(tiltak).toContainEqual({
      table: T,
      tiltak: "Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker",
      hovedgruppe: "Nedsatt arbeidsevne, på tiltak",
      column: "Nedsatt arbeidsevne, på tiltak",
      min: 2,
      max: 2,
      pinned: true,
      period: "2016-11",
    });
    expect(cells.filter((c) => c.table !== T)).toEqual([
      {
        table: "Tiltaksgrupper per hovedgruppe",
        tiltak: "Jobbskaping og egenetablering",
        hovedgruppe: "Andre på tiltak",
        column: "Endring fra i fjor Antall",
        min: -1,
        max: -1,
        pinned: true,
        period: "2016-11",
      },
      {
        table: "Tiltaksgrupper per hovedgruppe",
        tiltak: "Jobbskaping og egenetablering",
        hovedgruppe: "Andre på tiltak",
        column: "Endring fra i fjor Prosent",
        min: -100,
        max: -100,
        pinned: true,
        period: "2016-11",
      },
    ]);
  });

  it("--samlet says so, and gives the same bounds here; --periode selects the month", async () => {
    const combined = await cli("audit", "--samlet", "--periode", "2016-11");
    expect(combined.code).toBe(0);
    expect(combined.out).toContain("Alle tabellene er kontrollert samlet");
    const a = JSON.parse((await cli("audit", "--json")).out) as JsonCell[];
    const b = JSON.parse((await cli("audit", "--json", "--samlet")).out) as JsonCell[];
    expect(b).toEqual(a);
  });

  it("usage errors exit 2 with a Norwegian message", async () => {
    for (const args of [["--bogus"], ["--periode", "2016-13"], ["--periode"], ["--json=ja"]]) {
      const r = await cli("audit", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toContain("Bruk: nav-tiltak audit");
    }
    // A file that cannot be read is a file problem: same exit 2, a Norwegian reason.
    const unreadable = await cli("audit", "finnes-ikke.txt");
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toBe("Filen «finnes-ikke.txt» finnes ikke.\n");
    expect((await cli("audit", "--bogus")).err).toMatch(/^Ukjent valg «--bogus»\./);
    const missing = await cli("audit", "--periode", "1999-01");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("Perioden «1999-01» finnes ikke");
  });

  it("a file whose totals cannot hold exits 1, naming the equations", async () => {
    // Utdanning moves one participant from Nedsatt to Arbeidssøkere (its row still adds up). The
    // Arbeidssøkere column of Opplæring then leaves 5 143 − 5 141 = 2 for Kvalifisering and
    // Nettbasert AMO together, but Kvalifisering's row needs 459 − 4 − 453 = 2 on its own. Each
    // equation passes the import's interval check; together they cannot hold.
    const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-audit-"));
    const file = join(dir, "nav-tiltak-2016-11.txt");
    const text = publicationText();
    expect(text).toContain("Utdanning\t9 821\t8\t26\t9 787");
    writeFileSync(file, text.replace("Utdanning\t9 821\t8\t26\t9 787", "Utdanning\t9 821\t8\t27\t9 786"));
    expect((await cli("import", file)).code).toBe(0);

    const r = await cli("audit", file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Feil: Tallene i «Tiltak og hovedgrupper» går ikke opp: /);
    expect(r.err).toContain("«Tiltak og hovedgrupper», «Kvalifisering i arbeidsmarkedsbedrift» / «I alt» (459) er summen av kolonnene");
    expect(r.err).toContain("«I alt opplæring» / «Arbeidssøkere på tiltak» (5 143)");
    expect(r.out).toContain(`\n${T}\n  Kan ikke kontrolleres`);
    // The other tables are still audited.
    expect(r.out).toContain("AVSLØRT: Andre på tiltak: Jobbskaping og egenetablering / Endring fra i fjor Antall = -1");
  });
});
