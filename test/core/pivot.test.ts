import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { changeLongTable, tiltakLongTable } from "../../src/core/pivot.js";
import { mergedPages, publishedTables } from "../helpers/publication.js";

describe("pivot-ready long tables", () => {
  const t = tiltakLongTable(BUNDLED_DATASET);
  const col = (name: string) => t.columns.indexOf(name);

  it("has one row per published tiltak × hovedgruppe cell, no subtotal rows", () => {
    expect(t.columns).toEqual(["Periode", "Hovedgruppe", "Tiltaksgruppe", "Tiltak", "Antall", "Prikket"]);
    expect(t.rows.every((r) => !String(r[col("Tiltak")]).startsWith("I alt"))).toBe(true);
    // Non-empty cells of the three hovedgruppe columns of «Tiltak og hovedgrupper» in the publication.
    const published = mergedPages(publishedTables(), "Tiltak og hovedgrupper");
    const cells = published.rows
      .filter((_, i) => i > 0 && !published.bold.includes(i))
      .flatMap((r) => r.slice(2))
      .filter((c) => c !== "");
    expect(cells.length).toBeGreaterThan(80);
    expect(t.rows).toHaveLength(cells.length);
    expect(t.rows).toContainEqual(["2016-11", "Arbeidssøkere på tiltak", "Arbeidspraksis", "Arbeidstrening", 7465, "Nei"]);
    expect(t.rows).toContainEqual([
      "2016-11",
      "Nedsatt arbeidsevne, på tiltak",
      "Opplæring",
      "Nettbasert arbeidsmarkedsopplæring (AMO)",
      null,
      "Ja",
    ]);
  });

  it("each hovedgruppe is one contiguous span whose visible counts and stars bracket the published total", () => {
    for (const span of t.spans) {
      const rows = t.rows.slice(span.first, span.first + span.count);
      expect(rows.every((r) => r[col("Hovedgruppe")] === span.name)).toBe(true);
      const visible = rows.reduce((s, r) => s + (typeof r[col("Antall")] === "number" ? (r[col("Antall")] as number) : 0), 0);
      const stars = rows.filter((r) => r[col("Prikket")] === "Ja").length;
      const total = BUNDLED_DATASET.periods[0]!.total[span.id]!.antall as number;
      expect(total).toBeGreaterThanOrEqual(visible + stars);
      expect(total).toBeLessThanOrEqual(visible + 3 * stars);
    }
    expect(t.spans.reduce((s, x) => s + x.count, 0)).toBe(t.rows.length);
  });

  it("group changes per hovedgruppe, the suppressed change left empty and flagged apart from the count", () => {
    const c = changeLongTable(BUNDLED_DATASET);
    expect(c.columns.slice(-2)).toEqual(["Antall prikket", "Endring prikket"]);
    expect(c.rows).toHaveLength(6 + 10 + 9); // the groups each hovedgruppe lists
    // No count published (none), its change suppressed: only the change is flagged.
    expect(c.rows).toContainEqual(["2016-11", "Andre på tiltak", "Jobbskaping og egenetablering", null, null, null, "Nei", "Ja"]);
    expect(c.rows).toContainEqual(["2016-11", "Andre på tiltak", "Lønnstilskudd", 258, 115, 80, "Nei", "Nei"]);
  });
});
