// What users read names cells as the publication does: every command, over the bundled data, a file
// of raw counts and broken files, is searched for the add-in's internal keys (`t|…|ialt`), the
// slugs it uses as ids, and English words that would only come from a leaked programmer's message.

import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { writePublication } from "../../src/core/publication-text.js";
import { cli, type CliRun } from "../helpers/cli.js";
import { novemberRaw } from "../helpers/november-raw.js";
import { PUBLICATION_FILE } from "../helpers/publication.js";

const BAD = join(import.meta.dirname, "..", "fixtures", "bad");
const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-text-"));

/** NAV's November figures with every «*» put back: the raw file `prikk` is for. */
const rawFile = join(dir, "uttrekk.txt");
const { raw } = novemberRaw();
writeFileSync(rawFile, writePublication(raw, raw.periods.at(-1)!.period));
const rawFolder = mkdtempSync(join(tmpdir(), "nav-tiltak-rawdata-"));
writeFileSync(join(rawFolder, "uttrekk.txt"), writePublication(raw, raw.periods.at(-1)!.period));

/** Ids that are not words a user would write: slugs with a hyphen or underscore, and the «I alt» key. */
const SLUGS = [...BUNDLED_DATASET.tiltak, ...BUNDLED_DATASET.tiltaksgrupper, ...BUNDLED_DATASET.hovedgrupper]
  .map((x) => x.id)
  .filter((id) => /[-_]/.test(id))
  .concat(["ialt"]);

/** Words of a programmer's message or a runtime's, never of ours. */
const ENGLISH =
  /\b(undefined|null|NaN|Error|error|Cannot|cannot|failed|Invalid|invalid|Unexpected|expected|not found|is not|object Object|TypeError|ENOENT|EACCES|EISDIR|EFBIG)\b/;

function leaks(text: string, machineReadable: boolean): string[] {
  const found: string[] = [];
  const key = /[\wæøå-]+\|[\wæøå|-]+/i.exec(text);
  if (key) found.push(`intern nøkkel «${key[0]}»`);
  for (const slug of SLUGS) if (new RegExp(`(^|[^\\wæøå-])${slug}($|[^\\wæøå-])`).test(text)) found.push(`id «${slug}»`);
  // JSON field names (`audit --json`) are for programs; the values in it are still checked above.
  // Text in «» is the user's own file or a published name, quoted as it is; a line that documents
  // the JSON format may name its values (null).
  const prose = text
    .replace(/«[^»\n]*»/g, "«»")
    .split("\n")
    .filter((line) => !/JSON/.test(line))
    .join("\n");
  const english = machineReadable ? undefined : ENGLISH.exec(prose);
  if (english) found.push(`engelsk «${english[0]}»`);
  if (/\n\s+at /.test(text)) found.push("stakkspor");
  return found;
}

const ut = (name: string): string => join(dir, `${name}-${Math.random().toString(36).slice(2)}`);

/** Every command with the arguments a user would give it, for one input. */
function commandsFor(file: string): string[][] {
  return [
    ["import", file],
    ["audit", file],
    ["audit", "--samlet", file],
    ["audit", "--json", file],
    ["prikk", file],
    ["prikk", file, "--ut", ut("prikket.txt")],
  ];
}

const BUNDLED_RUNS: string[][] = [
  ["--help"],
  ...["sheets", "import", "audit", "call", "xlsx", "prikk"].map((c) => [c, "--help"]),
  ["sheets", "--tsv"],
  ["call", "TILTAK", "Arbeidstrening", "Andre på tiltak"],
  ["call", "TILTAK", "Nettbasert arbeidsmarkedsopplæring (AMO)"],
  ["call", "TILTAKSGRUPPE", "Opplæring", "Arbeidssøkere"],
  ["call", "LISTE", "Opplæring"],
  ["call", "TABELL", "Tiltak og hovedgrupper"],
  ["call", "DATA", "Andre", "", "endring"],
  ["call", "TILTAK", "Finnes ikke"],
  ["call", "TILTAK", "Arbeidstrening", "Ukjent gruppe"],
  ["call", "TILTAK", "Arbeidstrening", "", "2099-01"],
  ["audit"],
  ["audit", "--samlet"],
  ["audit", "--json"],
  ["xlsx", "--ut", `${ut("bok")}.xlsx`],
  ...commandsFor(PUBLICATION_FILE),
];

async function expectClean(argv: string[], dataDir?: string): Promise<CliRun> {
  const r = await cli(argv, dataDir);
  const machineReadable = argv.includes("--json") || (argv[0] === "call" && r.code === 0) || argv[0] === "sheets";
  expect(leaks(r.out + r.err, machineReadable), `nav-tiltak ${argv.join(" ")}`).toEqual([]);
  expect([0, 1, 2], `nav-tiltak ${argv.join(" ")}: exit ${r.code}\n${r.err}`).toContain(r.code);
  return r;
}

describe("no internal key, slug or English word in what users see", () => {
  it("the check finds each kind of leak (it can fail)", () => {
    expect(leaks("Merk: t|nettbasert-arbeidsmarkedsopplaering-amo|ialt kan ikke", false)).toHaveLength(3);
    expect(leaks("Uventet feil: Cannot read properties of undefined\n    at x (y.js:1:1)", false)).toHaveLength(2);
    expect(leaks("Nettbasert arbeidsmarkedsopplæring (AMO), I alt: 2", false)).toEqual([]);
  });

  it("every command over the bundled data", async () => {
    for (const argv of BUNDLED_RUNS) await expectClean(argv);
  }, 120_000);

  it("every command over a file of raw counts, and the raw file as the data folder", async () => {
    for (const argv of commandsFor(rawFile)) await expectClean(argv);
    for (const argv of [["sheets", "--tsv"], ["call", "TILTAK", "Arbeidstrening"], ["audit"], ["xlsx", "--ut", `${ut("rå")}.xlsx`]])
      expect((await expectClean(argv, rawFolder)).code).toBe(1);
  }, 120_000);

  it("prikk's notes on the raw November file name the tiltak and hovedgruppe as published", async () => {
    const r = await expectClean(["prikk", rawFile, "--ut", ut("nov-prikket.txt")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Merk: Nettbasert arbeidsmarkedsopplæring \(AMO\)/);
  }, 60_000);

  it("every command over each broken file", async () => {
    for (const name of readdirSync(BAD).filter((f) => !f.endsWith(".ts"))) {
      for (const argv of commandsFor(join(BAD, name))) await expectClean(argv);
    }
  }, 240_000);
});
