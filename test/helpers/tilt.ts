// The TILT fixture set written into a temporary folder (with the 2016 text publication beside it,
// as a data folder would hold both), and helpers to make broken copies of one workbook by editing
// its XML parts: never a hand-edited binary.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { PUBLICATIONS_DIR } from "../../src/data/load.js";
import { fileName, fixtureSet, writeFixtures, type TiltFileSpec } from "../fixtures/tilt/generate.js";

export const TEXT_2016 = "nav-tiltak-2016-11.txt";

/** Writes the fixture set (and the 2016 text) into a new temporary folder; returns it and the file names. */
export async function tiltFolder(specs: TiltFileSpec[] = fixtureSet(), withText = true): Promise<{ dir: string; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-tilt-"));
  const files = await writeFixtures(dir, specs);
  if (withText) {
    copyFileSync(join(PUBLICATIONS_DIR, TEXT_2016), join(dir, TEXT_2016));
    files.push(TEXT_2016);
  }
  return { dir, files };
}

/** The spec of one fixture file by code, year and last month. */
export function specOf(code: number, year: number, last: number): TiltFileSpec {
  return fixtureSet().find((s) => s.code === code && s.year === year && s.last === last)!;
}

export const nameOf = (code: number, year: number, last: number) => fileName(specOf(code, year, last));

/** A copy of a workbook with its XML parts edited (`edit` gets and returns the parts as text). */
export function editWorkbook(bytes: Uint8Array, edit: (parts: Record<string, string>) => Record<string, string>): Uint8Array {
  const entries = unzipSync(bytes);
  const text: Record<string, string> = {};
  for (const [name, data] of Object.entries(entries)) text[name] = strFromU8(data);
  const edited = edit(text);
  return zipSync(Object.fromEntries(Object.entries(edited).map(([n, t]) => [n, strToU8(t)])));
}

/** Writes a broken copy of `file` from `dir` into a new folder under the same name; returns its path. */
export function brokenCopy(dir: string, file: string, edit: (parts: Record<string, string>) => Record<string, string>): string {
  const out = mkdtempSync(join(tmpdir(), "nav-tiltak-broken-"));
  writeFileSync(join(out, file), editWorkbook(readFileSync(join(dir, file)), edit));
  return join(out, file);
}

/** The data sheet's part of a fixture workbook (the one whose name the workbook lists for it). */
export function dataSheetPart(parts: Record<string, string>): string {
  const sheets = [...parts["xl/workbook.xml"]!.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)];
  const data = sheets.find((m) => m[1]!.startsWith("Arbeidsmarkedsstatus"))!;
  const rel = new RegExp(`Id="${data[2]}"[^>]*Target="([^"]+)"`).exec(parts["xl/_rels/workbook.xml.rels"]!)!;
  return `xl/${rel[1]}`;
}

/** Replaces a cell's `<v>` on the data sheet (numbers only). */
export function setNumber(parts: Record<string, string>, ref: string, value: number): Record<string, string> {
  const part = dataSheetPart(parts);
  const re = new RegExp(`(<c r="${ref}"[^>]*>)<v>[^<]*</v>`);
  if (!re.test(parts[part]!)) throw new Error(`no number in ${ref}`);
  return { ...parts, [part]: parts[part]!.replace(re, `$1<v>${value}</v>`) };
}
