// `nav-tiltak prikk` on the long CSV (Periode;Hovedgruppe;Tiltaksgruppe;Tiltak;Antall;AntallIFjor):
// the figures summed as the publication does, protected, written in the publication's text format.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { importPublication } from "../../src/core/dataset.js";
import { datasetFromLongCsv } from "../../src/core/long-csv.js";
import { ALL } from "../../src/core/types.js";
import { cli } from "../helpers/cli.js";
import { rng } from "../helpers/raw-dataset.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A CSV over the catalogue's first groups: every tiltak × hovedgruppe, counts with some 1–3. */
function csv(seed: number): string {
  const rand = rng(seed);
  const groups = new Set(BUNDLED_DATASET.tiltaksgrupper.slice(0, 2).map((g) => g.id));
  const lines = ["Periode;Hovedgruppe;Tiltaksgruppe;Tiltak;Antall;AntallIFjor"];
  for (const t of BUNDLED_DATASET.tiltak.filter((x) => groups.has(x.group))) {
    const g = BUNDLED_DATASET.tiltaksgrupper.find((x) => x.id === t.group)!;
    for (const h of BUNDLED_DATASET.hovedgrupper) {
      const n = (): number => (rand() < 0.25 ? 1 + Math.floor(rand() * 3) : 4 + Math.floor(rand() * 400));
      lines.push(`2016-11;${h.name};${g.name};${t.name};${n()};${n()}`);
    }
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), "nav-tiltak-csv-"));
  dirs.push(d);
  return d;
}

describe("long CSV as raw input", () => {
  it("sums tiltak into groups, «I alt» and changes as the publication does", () => {
    const ds = datasetFromLongCsv(csv(3), BUNDLED_DATASET);
    const p = ds.periods[0]!;
    const g = Object.keys(p.groups)[0]!;
    const members = ds.tiltak.filter((t) => t.group === g && p.tiltak[t.id]);
    const hg = ds.hovedgrupper[0]!.id;
    expect(p.groups[g]![hg]!.antall).toBe(members.reduce((s, t) => s + ((p.tiltak[t.id]![hg] as number | null) ?? 0), 0));
    expect(p.total[ALL]!.antall).toBe(ds.hovedgrupper.reduce((s, h) => s + (p.total[h.id]!.antall as number), 0));
  });

  it("goes through `prikk` to a publication that imports clean", async () => {
    const d = dir();
    writeFileSync(join(d, "raw.csv"), csv(7));
    const run = await cli(["prikk", join(d, "raw.csv"), "--ut", join(d, "ut.txt")]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Skjulte \d+ tall med «:»/);
    const { findings } = importPublication(readFileSync(join(d, "ut.txt"), "utf8"));
    expect(findings.filter((f) => f.severity === "error" || f.code === "unsuppressed")).toEqual([]);
  }, 300_000);

  it("rejects a bad line with a Norwegian message naming it (exit 1)", async () => {
    const d = dir();
    const lines = csv(7).split("\r\n");
    lines[4] = lines[4]!.replace(/;\d+;(\d+)$/, ";tolv;$1");
    lines[6] = lines[6]!.replace(/^[^;]+;[^;]+/, "2016-11;Pensjonister");
    writeFileSync(join(d, "raw.csv"), lines.join("\r\n"));
    const run = await cli(["prikk", join(d, "raw.csv")]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("linje 5");
    expect(run.err).toContain("«tolv» er ikke et helt tall");
    expect(run.err).toContain("linje 7");
    expect(run.err).toContain("ukjent hovedgruppe «Pensjonister»");
  });
});
