// Bad input gets a clear answer: every fixture in test/fixtures/bad (made by make-fixtures.ts from
// the real publication) through `nav-tiltak import`, with its exit code and the first line it prints.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importPublications } from "../../src/core/dataset.js";
import { buildLayouts } from "../../src/core/layout.js";
import { NavFunctions } from "../../src/core/functions.js";
import { readPublicationFile } from "../../src/data/files.js";
import { cli } from "../helpers/cli.js";
import { publicationText } from "../helpers/publication.js";

const BAD = join(import.meta.dirname, "..", "fixtures", "bad");

interface Case {
  file: string;
  exit: 0 | 1 | 2;
  /** The first line printed: on stdout when accepted, on stderr when rejected. */
  first: string | RegExp;
  /** Something else the output must hold. */
  also?: RegExp;
}

const NOT_UTF8 = (name: string) =>
  `Merk (${name.split(" ")[0]}, linje 1): Filen er ikke UTF-8; den er lest som ${name.split(" ").slice(1).join(" ")}. Lagre den som UTF-8 for å være sikker på at æ, ø og å blir riktige.`;
const ACCEPTED = /Godkjent: November 2016, 3 hovedgrupper, 10 tiltaksgrupper, 42 tiltak, 83 484 deltakere i alt\./;
const NOT_TEXT = (file: string) =>
  `Feil (${file}, linje 1): Filen er ikke en tekstfil (den inneholder binære data). Velg publikasjonen som tekstfil (.txt), ikke f.eks. et regneark, en PDF eller en zip-fil.`;

const CASES: Case[] = [
  // Encodings other than UTF-8 are decoded, and said.
  { file: "windows-1252.txt", exit: 0, first: NOT_UTF8("windows-1252.txt Windows-1252 («ANSI»)"), also: ACCEPTED },
  { file: "utf-16le-bom.txt", exit: 0, first: NOT_UTF8("utf-16le-bom.txt UTF-16 («Unicode»)"), also: ACCEPTED },
  { file: "utf-16be-bom.txt", exit: 0, first: NOT_UTF8("utf-16be-bom.txt UTF-16 big-endian («Unicode big endian»)"), also: ACCEPTED },
  { file: "utf-16le-no-bom.txt", exit: 0, first: NOT_UTF8("utf-16le-no-bom.txt UTF-16 («Unicode»)"), also: ACCEPTED },
  // Letters already lost: rejected, with the reason.
  { file: "double-encoded.txt", exit: 1, first: /^Feil \(double-encoded\.txt, linje 5\): Æ, ø og å er blitt til «Ã¦», «Ã¸» og «Ã¥»/ },
  {
    file: "mixed-utf8-windows-1252.txt",
    exit: 1,
    first:
      "Feil (mixed-utf8-windows-1252.txt, linje 147): Filen er UTF-8, men denne linjen har tegn som ikke er UTF-8 (limt inn fra et annet program?). Skriv dem inn på nytt, eller lagre filen som UTF-8.",
  },
  { file: "replacement-char.txt", exit: 1, first: /^Feil \(replacement-char\.txt, linje 13\): Filen inneholder «\uFFFD»/ },
  // Not text or not a publication: one message.
  { file: "random.bin", exit: 1, first: NOT_TEXT("random.bin"), also: /Avvist: 1 feil\./ },
  { file: "publication.txt.gz", exit: 1, first: NOT_TEXT("publication.txt.gz"), also: /Avvist: 1 feil\./ },
  {
    file: "not-a-publication.csv",
    exit: 1,
    first: /^Feil \(not-a-publication\.csv, linje 1\): Filen ser ikke ut som en publikasjon/,
    also: /Avvist: 1 feil\./,
  },
  { file: "empty.txt", exit: 1, first: "Feil (empty.txt, linje 1): Filen er tom." },
  // Floods: the first 20 of a kind, then one line for the rest.
  {
    file: "flood-text-before-table.txt",
    exit: 1,
    first: "Feil (flood-text-before-table.txt, linje 2): Tekst før første tabelloverskrift («## …»).",
    also: /^Feil \(flood-text-before-table\.txt, linje 22\): … og 980 til av samme slag \(linje 22–1001\)\.$/m,
  },
  {
    file: "flood-bad-numbers.txt",
    exit: 1,
    first:
      "Feil (flood-bad-numbers.txt, linje 142): Raden «Avklaring i skjermet virksomhet», kolonnen «I alt»: «x» er ikke et tall, «*», «:» eller tomt.",
    also: /… og \d+ til av samme slag \(linje 147–216\)\./,
  },
  {
    file: "truncated.txt",
    exit: 1,
    first:
      "Feil (truncated.txt, linje 145): Tiltakene på linje 145–146 («Arbeid med bistand (AB)», «Jobbklubb») står ikke over noen «I alt <tiltaksgruppe>»-rad, så gruppen er ukjent. Slutter filen for tidlig (avkortet)?",
  },
  {
    file: "number-without-separator.txt",
    exit: 1,
    first:
      "Feil (number-without-separator.txt, linje 181): Raden «Arbeidstrening», kolonnen «I alt»: «15947» mangler mellomrom mellom tusenene; NAV skriver tallet «15 947».",
  },
  // Missing parts: accepted, the standard note supplied.
  {
    file: "missing-om-tabellene.txt",
    exit: 0,
    first: /^Merk \(missing-om-tabellene\.txt, linje 1\): Filen mangler delen «Om tabellene»\. Arkene får NAVs standardmerknad/,
    also: ACCEPTED,
  },
  {
    file: "missing-note.txt",
    exit: 0,
    first: /^Merk \(missing-note\.txt, linje 7\): «Om tabellene» mangler merknaden om § 2-6\./,
    also: ACCEPTED,
  },
  // Renamed labels and known typos.
  {
    file: "renamed-tiltak.txt",
    exit: 0,
    first:
      "Merk (renamed-tiltak.txt, linje 181): Tiltaket «Arbeidstreningen» finnes ikke i de andre månedene. Ligner på «Arbeidstrening» – sjekk at navnet er riktig.",
  },
  {
    file: "renamed-hovedgruppe.txt",
    exit: 0,
    first:
      "Merk (renamed-hovedgruppe.txt, linje 31): Hovedgruppen «Andre på tiltakk» finnes ikke i de andre månedene. Ligner på «Andre på tiltak» – sjekk at navnet er riktig.",
  },
  {
    file: "known-typos.txt",
    exit: 0,
    first: /^Merk \(known-typos\.txt, linje 103\): «Lønnskudd» .* kjent skrivefeil for tiltaksgruppen «Lønnstilskudd»/,
    also: /linje 211\): «Inkluderingsstilskudd» er en kjent skrivefeil for tiltaket «Inkluderingstilskudd»/,
  },
  // Formula text: accepted, noted, and (see the layout test below) written as text.
  {
    file: "formula-label.txt",
    exit: 0,
    first:
      /^Merk \(formula-label\.txt, linje 147\): Tiltaket «=HYPERLINK\("http:\/\/example\.invalid\/a+… \(306 tegn\)» begynner som en formel/,
  },
];

describe("bad input files through `nav-tiltak import`", () => {
  it.each(CASES)("$file → exit $exit", async ({ file, exit, first, also }) => {
    const r = await cli(["import", join(BAD, file)]);
    expect(r.code).toBe(exit);
    const stream = exit === 0 ? r.out : r.err;
    const line = stream.split("\n")[0]!;
    if (typeof first === "string") expect(line).toBe(first);
    else expect(line).toMatch(first);
    if (also) expect(r.out + r.err).toMatch(also);
    // No stack traces, no English system messages, no output of more than a screenful.
    expect(r.out + r.err).not.toMatch(/\n\s+at |Error:|ENOENT|undefined/);
    expect((r.out + r.err).split("\n").length).toBeLessThan(50);
  });

  it("covers every fixture in the folder", async () => {
    const files = readdirSync(BAD).filter((f) => !f.endsWith(".ts"));
    expect(files.sort()).toEqual(CASES.map((c) => c.file).sort());
  });
});

describe("decoded files give the same dataset as UTF-8", () => {
  const utf8 = importPublications([
    {
      file: "x",
      text: publicationText().replace("Lønnskudd\t", "Lønnstilskudd\t").replace("Inkluderingsstilskudd\t", "Inkluderingstilskudd\t"),
    },
  ]).dataset;

  it.each(["windows-1252.txt", "utf-16le-bom.txt", "utf-16be-bom.txt", "utf-16le-no-bom.txt"])("%s", (file) => {
    const { dataset } = importPublications([readPublicationFile(join(BAD, file))]);
    expect(dataset).toEqual(utf8);
    expect(dataset.hovedgrupper.map((h) => h.name)).toContain("Arbeidssøkere på tiltak");
  });

  it("UTF-8, with or without BOM, is read as UTF-8 with no note (the other direction)", () => {
    const bytes = readFileSync(join(import.meta.dirname, "..", "..", "src", "data", "publications", "nav-tiltak-2016-11.txt"));
    for (const b of [bytes, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])]) {
      const dir = mkdtempSync(join(tmpdir(), "nav-utf8-"));
      writeFileSync(join(dir, "u.txt"), b);
      const source = readPublicationFile(join(dir, "u.txt"));
      expect(source.findings).toEqual([]);
      expect(source.text.replace(/^\uFEFF/, "")).toBe(publicationText());
    }
  });
});

describe("what the accepted bad files become", () => {
  it("a file without «Om tabellene» still puts the § 2-6 note on every sheet", () => {
    const { dataset } = importPublications([readPublicationFile(join(BAD, "missing-om-tabellene.txt"))]);
    for (const l of buildLayouts(dataset)) {
      expect(
        l.cells.some((r) => String(r[0]).includes("Statistikklovens § 2-6")),
        l.name,
      ).toBe(true);
    }
  });

  it("functions accept both spellings of a known typo", () => {
    for (const file of ["known-typos.txt", "windows-1252.txt"]) {
      const fns = new NavFunctions(importPublications([readPublicationFile(join(BAD, file))]).dataset);
      expect(fns.call("TILTAK", ["Inkluderingstilskudd"]).value, file).toBe(16);
      expect(fns.call("TILTAK", ["Inkluderingsstilskudd"]).value, file).toBe(16);
      expect(fns.call("TILTAKSGRUPPE", ["Lønnskudd", "Andre"]).value, file).toBe(258);
    }
  });

  it("a formula-like label is marked as text («@») on every sheet that shows it", () => {
    const { dataset } = importPublications([readPublicationFile(join(BAD, "formula-label.txt"))]);
    let seen = 0;
    for (const l of buildLayouts(dataset)) {
      l.cells.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v === "string" && v.startsWith("=HYPERLINK")) {
            seen++;
            expect(l.numberFormats[r]![c], `${l.name} ${r},${c}`).toBe("@");
          }
        }),
      );
    }
    expect(seen).toBeGreaterThan(0);
  });
});
