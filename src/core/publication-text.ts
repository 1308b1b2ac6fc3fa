// Writes a Dataset out in NAV's published text format, with whatever it holds: a raw dataset keeps
// its 1–3s, a protected one its «*» and «:». `nav-tiltak prikk` writes its result with it; tests feed
// generated data through the real importer with it.

import { ALL, tiltakGroup, type Count, type Dataset, type Figures } from "./types.js";
import { formatInteger, periodLabel } from "./text.js";
import { notesWithSymbols } from "./suppression.js";

const FIGURE_HEADER = "\tAntall\tEndring fra i fjor Antall\tEndring fra i fjor Prosent";
const cell = (c: Count): string => (c === null ? "" : typeof c === "string" ? c : formatInteger(c));
const bold = (s: string): string => (s === "" ? "" : `<b>${s}</b>`);
const row = (label: string, cells: Count[], isTotal = false): string =>
  [isTotal ? bold(label) : label, ...cells.map((c) => (isTotal ? bold(cell(c)) : cell(c)))].join("\t");
const figures = (f: Figures): Count[] => [f.antall, f.endring, f.prosent];
const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function writePublication(ds: Dataset, period: string): string {
  const p = ds.periods.find((x) => x.period === period)!;
  const label = periodLabel(period);
  const page = (name: string, body: string[]) => ["", `# ${ds.title}`, "", `## ${name}`, "", label, "", ...body, ""].join("\n");
  const hgName = (id: string) => ds.hovedgrupper.find((h) => h.id === id)!.name;
  const crossHeader = ["", "I alt", ...ds.crossOrder.map(hgName)].join("\t");
  const crossCells = (rec: Record<string, Count>) => [ALL, ...ds.crossOrder].map((k) => rec[k] ?? null);
  const groups = ds.tiltaksgrupper.filter((g) => p.groups[g.id]);
  const pages: string[] = [];

  pages.push(
    ["", `# ${ds.title}`, "", "## Om tabellene", "", "---", "", `### ${label}`, "", ...notesWithSymbols(ds).flatMap((n) => [n, ""])].join(
      "\n",
    ),
  );
  pages.push(
    page("Hovedgrupper", [
      FIGURE_HEADER,
      row("I alt", figures(p.total[ALL]!), true),
      ...ds.hovedgrupper.map((h) => row(h.name, figures(p.total[h.id]!))),
    ]),
  );
  pages.push(
    page("Tiltaksgrupper", [
      FIGURE_HEADER,
      row("I alt", figures(p.total[ALL]!), true),
      ...groups.map((g) => row(g.name, figures(p.groups[g.id]![ALL]!))),
    ]),
  );
  const sub: string[] = [];
  for (const h of ds.hovedgrupper) {
    const listed = groups.filter((g) => p.groups[g.id]![h.id]!.antall !== null || p.groups[g.id]![h.id]!.endring !== null);
    sub.push(`### ${h.name}`, "", FIGURE_HEADER, row(`I alt ${lower(h.name)}`, figures(p.total[h.id]!), true));
    sub.push(...listed.map((g) => row(g.name, figures(p.groups[g.id]![h.id]!))), "");
  }
  pages.push(page("Tiltaksgrupper og hovedgrupper", sub));
  const antall = (rec: Record<string, Figures>) => Object.fromEntries(Object.entries(rec).map(([k, f]) => [k, f.antall]));
  pages.push(
    page("Tiltaksgrupper og hovedgrupper", [
      crossHeader,
      row("I alt", crossCells(antall(p.total)), true),
      ...groups.map((g) => row(g.name, crossCells(antall(p.groups[g.id]!)))),
    ]),
  );
  const tiltakRows: string[] = [crossHeader, row("I alt", crossCells(antall(p.total)), true)];
  for (const g of groups) {
    for (const t of ds.tiltak.filter((x) => tiltakGroup(p, x) === g.id && p.tiltak[x.id]))
      tiltakRows.push(row(t.name, crossCells(p.tiltak[t.id]!)));
    tiltakRows.push(row(`I alt ${lower(g.name)}`, crossCells(antall(p.groups[g.id]!)), true));
  }
  pages.push(page("Tiltak og hovedgrupper", tiltakRows));
  return pages.join("\n");
}
