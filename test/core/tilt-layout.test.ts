// NAV-shaped sheets of the time series: every published cell where NAV has it (months as columns,
// «Gjennomsnitt hittil i år»), and the one suppression rule on this way out too.
import { beforeAll, describe, expect, it } from "vitest";
import { importPublications } from "../../src/core/dataset.js";
import { seriesLayouts, seriesLayoutText } from "../../src/core/series-layout.js";
import { formatInteger } from "../../src/core/text.js";
import type { Dataset } from "../../src/core/types.js";
import { readSources } from "../../src/data/load.js";
import { fileBlocks, fileName, totalLabel } from "../fixtures/tilt/generate.js";
import { MONTHS, average, shown } from "../fixtures/tilt/model.js";
import { specOf, tiltFolder } from "../helpers/tilt.js";

let dataset: Dataset;
const text = (n: number | "*" | null) => (n === null ? "" : n === "*" ? "*" : formatInteger(n));

beforeAll(async () => {
  const { dir } = await tiltFolder(undefined, false);
  dataset = importPublications(readSources(dir)).dataset;
});

describe("time-series sheets laid out as NAV lays them out", () => {
  it("one sheet per TILT table and year, named within Excel's 31 characters", () => {
    const names = seriesLayouts(dataset).map((l) => l.name);
    expect(names).toHaveLength(27);
    expect(names.slice(0, 2)).toEqual(["TILT100 2024", "TILT110 2024"]);
    expect(names.every((n) => n.length <= 31)).toBe(true);
    expect(seriesLayouts(dataset, 2026).map((l) => l.file)).toContain(fileName(specOf(130, 2026, 3)));
  });

  it("every block as published: «I alt» first, the average, then the months", () => {
    for (const code of [100, 140, 180]) {
      const spec = specOf(code, 2026, 3);
      const rows = seriesLayoutText(seriesLayouts(dataset, 2026).find((l) => l.code === code)!);
      const expected = fileBlocks(spec).flatMap((b) => [
        ["", "Gjennomsnitt hittil i år", ...MONTHS.slice(0, 3)],
        ...[{ label: totalLabel(code, 2026, b.malgruppe), raw: b.total }, ...b.rows].map((r) => [
          r.label,
          text(shown(average(r.raw))),
          ...r.raw.map((x) => text(shown(x))),
        ]),
        [],
      ]);
      const first = rows.findIndex((r) => r[1] === "Gjennomsnitt hittil i år");
      expect(rows.slice(first, first + expected.length), `TILT${code}`).toEqual(expected);
      expect(rows.some((r) => r[0]?.includes("§ 2-6"))).toBe(true);
    }
  });

  it("shows a raw 1–3 as «*»: the suppression rule holds on this way out too", () => {
    const raw: Dataset = structuredClone(dataset);
    const row = raw.series![0]!.blocks[0]!.rows[1]!;
    row.months[0]!.value = 2;
    row.average.value = 3;
    const sheet = seriesLayoutText(seriesLayouts(raw)[0]!);
    const line = sheet.find((r) => r[0] === row.label)!;
    expect(line.slice(1, 3)).toEqual(["*", "*"]);
  });
});

describe("line chart over months", () => {
  it("one row per month, one line per tiltaksgruppe, with «*» and «..» left out and named", async () => {
    const { monthlyChart } = await import("../../src/core/series-chart.js");
    const chart = monthlyChart(dataset, "andre");
    expect(chart.rows).toHaveLength(27);
    expect(chart.header[0]).toBe("Måned");
    const col = chart.header.indexOf("Arbeidsrettet rehabilitering");
    const mar26 = chart.rows.find((r) => r[0] === "2026-03")!;
    expect(mar26[col]).toBeNull();
    expect(chart.omitted).toContainEqual({ category: "2026-03", series: "Arbeidsrettet rehabilitering", shown: "*" });
    const opp = chart.header.indexOf("Opplæring");
    expect(mar26[opp]).toBe(fileBlocks(specOf(100, 2026, 3))[2]!.rows.find((r) => r.label === "Opplæring")!.raw[2]);
    expect(chart.notes[1]).toMatch(/Utelatt fra diagrammet \(brudd i linjen\) fordi tallet er «\*»/);
  });
});
