// Test oracle: the published tables read straight from the text, as strings, with no help from
// the project's parser. Golden tests compare the layouts against this.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PUBLICATIONS_DIR } from "../../src/data/load.js";

export const PUBLICATION_FILE = join(PUBLICATIONS_DIR, "nav-tiltak-2016-11.txt");
export const publicationText = (): string => readFileSync(PUBLICATION_FILE, "utf8");

export interface PublishedTable {
  name: string;
  subtitle?: string;
  /** Header line then body lines, each split on tabs, `<b>` removed. */
  rows: string[][];
  /** Indexes into rows of the lines marked bold. */
  bold: number[];
}

export function publishedTables(text = publicationText()): PublishedTable[] {
  const tables: PublishedTable[] = [];
  let name = "";
  let subtitle: string | undefined;
  let current: PublishedTable | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("## ")) {
      name = line.slice(3).trim();
      subtitle = undefined;
    } else if (line.startsWith("### ")) {
      subtitle = line.slice(4).trim();
    }
    if (!line.includes("\t")) {
      current = undefined;
      continue;
    }
    const cells = line.split("\t").map((c) => c.replace(/<\/?b>/g, "").trim());
    if (line.startsWith("\t")) {
      current = { name, subtitle, rows: [cells], bold: [] };
      tables.push(current);
      continue;
    }
    if (line.includes("<b>")) current!.bold.push(current!.rows.length);
    current!.rows.push(cells);
  }
  return tables;
}

/** "Tiltak og hovedgrupper" as one table: later pages drop their repeated header and total row. */
export function mergedPages(tables: PublishedTable[], name: string): PublishedTable {
  const pages = tables.filter((t) => t.name === name);
  const first = pages[0]!;
  const merged: PublishedTable = { name, rows: [...first.rows], bold: [...first.bold] };
  for (const page of pages.slice(1)) {
    page.rows.forEach((row, i) => {
      if (i < 2) return; // header + repeated "I alt"
      if (page.bold.includes(i)) merged.bold.push(merged.rows.length);
      merged.rows.push(row);
    });
  }
  return merged;
}

/** The notes paragraphs of "Om tabellene", markdown removed. */
export function publishedNotes(text = publicationText()): string[] {
  const start = text.indexOf("## Om tabellene");
  const end = text.indexOf("\n# ", start);
  return text
    .slice(start, end)
    .split("\n")
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== "" && l !== "---" && !l.startsWith("###"))
    .map((l) => l.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\\\*/g, "*"));
}
