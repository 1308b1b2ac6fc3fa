// «Forslag til sikker prikking» (core/protect/suggestion.ts), as the build generates it for the
// bundled publication and as the Prikkekontroll view words it; and the build step's cache.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERATED_SUGGESTION, generateSuggestion, type SuggestionFile } from "../../src/build/generate-suggestion.js";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { auditLayouts } from "../../src/core/disclosure-audit.js";
import { buildLayouts } from "../../src/core/layout.js";
import { applyProtection } from "../../src/core/protect/apply.js";
import { factModel } from "../../src/core/protect/facts.js";
import { loadHighs, milpSolver, type Highs } from "../../src/core/protect/milp.js";
import { writePublication } from "../../src/core/publication-text.js";
import { HIDDEN, SUPPRESSED } from "../../src/core/types.js";
import {
  BUNDLED_SUGGESTION,
  type PaneSuggestion,
  bySheet,
  cautionText,
  givenAwayText,
  suggestionColumnText,
  suggestionRowText,
  suggestionSummary,
  symbolText,
} from "../../src/taskpane/suggestion-view.js";
import { cli } from "../helpers/cli.js";
import { novemberRaw } from "../helpers/november-raw.js";

// What the build wrote (the test setup runs the build step), and what the pane reads of it.
const s = JSON.parse(readFileSync(GENERATED_SUGGESTION, "utf8")) as SuggestionFile;
const pane = BUNDLED_SUGGESTION;
let highs: Highs;
const dirs: string[] = [];
const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), "nav-tiltak-forslag-"));
  dirs.push(d);
  return d;
};
beforeAll(async () => {
  highs = await loadHighs();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the generated suggestion for November 2016", () => {
  it("recovers all 15 suppressed figures exactly and names the ones NAV's totals give away", () => {
    expect([s.period, s.periodLabel]).toEqual(["2016-11", "November 2016"]);
    expect(s.recovered).toEqual({ exact: 15, assumed: 0 });
    expect(s.givenAway.length).toBe(15);
    const amo = s.givenAway.find((c) => c.rowLabel === "Nettbasert arbeidsmarkedsopplæring (AMO)" && c.colLabel === "I alt")!;
    expect([amo.sheet, amo.kind, amo.min, amo.max]).toEqual(["Tiltak og hovedgrupper", "count", 2, 2]);
  });

  it("hides the same figures as `nav-tiltak prikk` on the recovered raw figures", async () => {
    const { raw } = novemberRaw();
    const file = join(scratch(), "november-raa.txt");
    writeFileSync(file, writePublication(raw, "2016-11"));
    const run = await cli(["prikk", file, "--ut", join(scratch(), "prikket.txt")]);
    expect(run.code, run.err).toBe(0);
    const fromPrikk = run.out
      .split("\n")
      .flatMap((l) => /^ {2}«:» (.*): [^:]*$/.exec(l)?.[1] ?? [])
      .sort();
    const model = factModel(raw);
    expect(s.secondary.map((id) => model.byId.get(id)!.label).sort()).toEqual(fromPrikk);
    expect(run.out).toContain(`Skjulte ${s.cost.cells} tall med «:»`);
    // Proven: the cutting-plane search ends at a set the exact attack passes and whose cost is the
    // master's optimum, so no safe set hides fewer than 27 figures, or 27 with a smaller sum.
    expect(run.out).toContain(`${s.cost.cells} celler skjult (optimum)`);
    // The «*» that the «*» themselves narrow, named as published (tiltak / hovedgruppe), never by a key.
    const merk = run.out.split("\n").filter((l) => l.startsWith("  Merk: "));
    expect(merk.map((l) => /^ {2}Merk: (.*) kan ikke skjules bedre enn (\S+):/.exec(l)?.slice(1))).toEqual([
      ["Nettbasert arbeidsmarkedsopplæring (AMO) / I alt", "2–3"],
      ["Nettbasert arbeidsmarkedsopplæring (AMO) / Arbeidssøkere på tiltak", "1–2"],
      ["Nettbasert arbeidsmarkedsopplæring (AMO) / Nedsatt arbeidsevne, på tiltak", "1–2"],
    ]);
    for (const l of merk) expect(l).not.toMatch(/\||nettbasert-/);
    expect([s.cost.cells, s.cost.sum, s.lowerBound.cells, s.lowerBound.sum, s.optimal]).toEqual([27, 5764, 27, 5764, true]);
  }, 300_000);

  it("passes the exact combined audit: every «*» as wide as protection can make it", () => {
    const { raw } = novemberRaw();
    const model = factModel(raw);
    const hidden = new Set(s.secondary);
    const protectedDs = applyProtection(raw, model, hidden);
    const audit = auditLayouts(buildLayouts(protectedDs), { mode: "combined", solve: milpSolver(highs) });
    const counts = audit.tables.flatMap((t) => t.cells).filter((c) => c.kind === "count");
    expect(counts.length).toBeGreaterThanOrEqual(14);
    for (const c of counts) {
      // Nettbasert AMO: two «*» hovedgrupper add up to a «*» I alt, so they can be no wider than 1–2
      // (and I alt 2–3) whatever else is hidden; every other «*» is exactly 1–3.
      const amo = c.rowLabel === "Nettbasert arbeidsmarkedsopplæring (AMO)";
      const want = amo ? (c.colLabel === "I alt" ? [2, 3] : [1, 2]) : [1, 3];
      expect([c.table, c.rowLabel, c.colLabel, c.min, c.max]).toEqual([c.table, c.rowLabel, c.colLabel, ...want]);
    }
    // A «*» change protects last year's count of 1–3: still 1–3.
    const changes = audit.tables.flatMap((t) => t.cells).filter((c) => c.kind === "change" && c.lastYear && c.lastYear.max <= 3);
    for (const c of changes) expect([c.rowLabel, c.lastYear!.min, c.lastYear!.max]).toEqual([c.rowLabel, 1, 3]);
    // Each listed cell shows a number in NAV's sheets and its symbol in the protected ones, and no other cell changes.
    const before = buildLayouts(BUNDLED_DATASET);
    const after = buildLayouts(protectedDs);
    const changed: string[] = [];
    before.forEach((l, i) =>
      l.cells.forEach((row, r) =>
        row.forEach((v, c) => {
          const w = after[i]!.cells[r]![c];
          if (v !== w) changed.push(`${l.name}|${r}|${c}|${String(w)}`);
        }),
      ),
    );
    expect(changed.sort()).toEqual(s.cells.map((c) => `${c.sheet}|${c.row}|${c.col}|${c.symbol}`).sort());
  }, 120_000);
});

describe("the suggestion's texts in Prikkekontroll", () => {
  it("reads what it shows from the generated file", () => {
    expect(pane).toEqual({ ...s, secondary: undefined, cacheKey: undefined, givenAway: s.givenAway.length });
  });

  it("states the count against the lower bound, what is given away today, and the caution", () => {
    expect(suggestionSummary(pane)).toBe("NAV måtte ha skjult 27 tall til (30 celler i arkene). Det er det færreste mulige.");
    expect(suggestionSummary({ ...pane, optimal: false, lowerBound: { cells: 25, sum: 0 } })).toBe(
      "NAV måtte ha skjult 27 tall til (30 celler i arkene). Ingen trygg prikking klarer seg med færre enn 25 tall (nedre grense).",
    );
    expect(suggestionSummary({ ...pane, cells: [] })).toBe(
      "Ingen flere celler måtte skjules i November 2016: ingen «*» kan regnes ut av summene.",
    );
    expect(givenAwayText(pane)).toBe("I dag kan 15 av 15 prikkede tall regnes ut eller snevres inn av summene når tabellene leses sammen.");
    expect(cautionText(pane)).toMatch(/^Tallene bak forslaget er regnet ut av NAVs publiserte summer og er bare til intern kontroll\./);
    const assumed: PaneSuggestion = { ...pane, recovered: { exact: 13, assumed: 2 } };
    expect(cautionText(assumed)).toContain("2 prikkede tall kunne ikke regnes ut entydig");
  });

  it("names each cell by sheet, sub-table, row, column and address", () => {
    const groups = bySheet(pane.cells);
    expect(groups.map((g) => [g.sheet, g.cells.length])).toEqual([
      ["Tiltaksgrupper per hovedgruppe", 6],
      ["Tiltak og hovedgrupper", 24],
    ]);
    const change = groups[0]!.cells[0]!;
    expect(suggestionRowText(change)).toBe("Nedsatt arbeidsevne, på tiltak: Tilrettelegging");
    expect(suggestionColumnText(change)).toBe(`Endring fra i fjor Antall (C${change.row + 1})`);
    expect(symbolText(change)).toBe(": (skjules)");
    expect(symbolText({ ...change, symbol: SUPPRESSED })).toBe("* (prikkes)");
    expect(pane.cells.every((c) => c.symbol === HIDDEN)).toBe(true);
  });
});

describe("the build step's cache", () => {
  it("computes on a fresh checkout, reuses the file while dataset and code are unchanged, and recomputes after a change", async () => {
    const dir = scratch();
    const datasetFile = join(dir, "dataset.json");
    const out = join(dir, "suggestion.json");
    const codeDir = join(dir, "core");
    writeFileSync(datasetFile, JSON.stringify(BUNDLED_DATASET));
    mkdirSync(codeDir);
    writeFileSync(join(codeDir, "protect.ts"), "export const version = 1;\n");
    let runs = 0;
    const compute = async () => {
      runs++;
      const { cacheKey: _, ...suggestion } = s;
      return { ...suggestion, cost: { cells: runs, sum: 0 } };
    };
    const run = () => generateSuggestion({ datasetFile, out, compute, codeDir });
    expect(await run()).toBe(true);
    expect(await run()).toBe(false);
    expect(runs).toBe(1);
    const file = JSON.parse(readFileSync(out, "utf8")) as SuggestionFile;
    expect([file.cacheKey.length, file.cost.cells, file.period]).toEqual([64, 1, "2016-11"]);
    writeFileSync(datasetFile, JSON.stringify({ ...BUNDLED_DATASET, title: "endret" }));
    expect(await run()).toBe(true);
    writeFileSync(join(codeDir, "protect.ts"), "export const version = 2;\n");
    expect(await run()).toBe(true);
    expect(await run()).toBe(false);
    expect(runs).toBe(3);
    rmSync(out);
    expect(await run()).toBe(true);
    expect(runs).toBe(4);
  });
});
