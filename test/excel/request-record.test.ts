// The request record (ownership.ts REQUEST_NAME, short keys in request-keys.ts): the hidden name
// whose comment says what an operation was asked to write and how far its batch came, so a refresh
// can finish one that was cut short. Excel holds at most 255 characters in a name's comment, and
// one operation may write every sheet of every year; a record an earlier version wrote still reads.

import { beforeAll, describe, expect, it } from "vitest";
import { importPublications } from "../../src/core/dataset.js";
import type { Dataset } from "../../src/core/types.js";
import { readSources } from "../../src/data/load.js";
import { REQUEST_NAME, decodeRequest, encodeRequest, requestDone } from "../../src/excel/ownership.js";
import { shortKeys } from "../../src/excel/request-keys.js";
import { seriesKey } from "../../src/excel/series-key.js";
import { allSeriesSheets } from "../../src/excel/series-sheets.js";
import type { TargetKey } from "../../src/excel/sheet-specs.js";
import { refresh, sheetSpecs } from "../../src/excel/writer.js";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { fakeHost, userDoes } from "../helpers/excel-fake.js";
import { rng } from "../helpers/raw-dataset.js";
import { tiltFolder } from "../helpers/tilt.js";

const COMMENT_MAX = 255;
let ds: Dataset;
/** Every sheet the bundled data and the TILT fixtures can give, of every year: the largest operation. */
let everyKey: TargetKey[];

beforeAll(async () => {
  const { dir } = await tiltFolder();
  ds = importPublications(readSources(dir)).dataset;
  const specs = [...(await sheetSpecs({ dataset: ds }, "all")), ...(await sheetSpecs({ dataset: ds }, "charts")), ...allSeriesSheets(ds)];
  everyKey = specs.map((s) => s.key);
});

const sorted = (keys: readonly string[]) => [...new Set(keys)].sort();

describe("the request record", () => {
  it("holds the largest operation (every sheet of every year) within 255 characters, and reads back the same keys", () => {
    expect(everyKey.filter((k) => k.startsWith("tidsserie-")).length).toBe(27);
    for (const step of [0, "c", 999] as const) {
      const comment = encodeRequest(everyKey, step, "abc123");
      expect(comment.length, comment).toBeLessThanOrEqual(COMMENT_MAX);
      const back = decodeRequest(comment);
      expect(sorted(back.keys)).toEqual(sorted(everyKey));
      expect(back.finished).toBe(step === "c" ? 0 : step);
      expect(back.copiesDone).toBe(step !== 0);
    }
    const rest = requestDone(everyKey);
    expect(rest.length).toBeLessThanOrEqual(COMMENT_MAX);
    expect(sorted(decodeRequest(rest).keys)).toEqual(sorted(everyKey));
    expect(requestDone([])).toBe("");
  });

  it("reads back exactly what it was given for any choice of sheets and years, or, past 255 characters, a superset that fits", () => {
    const random = rng(22);
    const fixed = everyKey.filter((k) => !k.startsWith("tidsserie-"));
    for (let round = 0; round < 300; round++) {
      const keys: TargetKey[] = fixed.filter(() => random() < 0.5);
      const years = 1 + Math.floor(random() * 40);
      for (let y = 0; y < years; y++) {
        for (let code = 100; code <= 180; code += 10) if (random() < 0.7) keys.push(seriesKey(code, 1990 + 2 * y));
      }
      const step = Math.floor(random() * 500);
      const comment = encodeRequest(keys, step, "r4nd0m");
      expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX);
      const back = new Set(decodeRequest(comment).keys);
      for (const k of keys) expect(back.has(k), `${k} in ${comment}`).toBe(true);
      // Fixed keys are never over-reported; only the series may be widened, and only when it must.
      expect(fixed.filter((k) => back.has(k))).toEqual(fixed.filter((k) => keys.includes(k)));
      if (back.size !== new Set(keys).size) expect(`~${shortKeys(keys, false)}|${step}|r4nd0m`.length).toBeGreaterThan(COMMENT_MAX);
    }
  });

  it("reads a record in the first version's long form, and names nothing it cannot read", () => {
    expect(decodeRequest("hovedgrupper,tiltaksgrupper,pivottabell|3|k2x9qa")).toEqual({
      keys: ["hovedgrupper", "tiltaksgrupper", "pivottabell"],
      copiesDone: true,
      finished: 3,
    });
    expect(decodeRequest("om-tabellene|c|k2x9qa")).toEqual({ keys: ["om-tabellene"], copiesDone: true, finished: 0 });
    expect(decodeRequest("diagram-endring|r")).toEqual({ keys: ["diagram-endring"], copiesDone: false, finished: 0 });
    expect(decodeRequest("")).toEqual({ keys: [], copiesDone: false, finished: 0 });
    expect(decodeRequest(null).keys).toEqual([]);
    // A damaged comment, or a later version's entries: no keys from them, no endless ranges.
    expect(decodeRequest("~1000-9999:012|0|x").keys).toEqual([]);
    expect(decodeRequest("~2026-2024:0|0|x").keys).toEqual([]);
    expect(decodeRequest("~ABC,%%,=|0|x").keys).toEqual([]);
    expect(decodeRequest("~b,2026:03,=framtidig-ark|2|x")).toEqual({
      keys: ["hovedgrupper", "tidsserie-tilt100-2026", "tidsserie-tilt130-2026", "framtidig-ark"],
      copiesDone: true,
      finished: 2,
    });
  });

  it("writes a key it has no short form for whole, and reads it back", () => {
    const odd = ["tidsserie-tilt205-2026", "hovedgrupper"] as TargetKey[];
    const comment = encodeRequest(odd, 1, "x");
    expect(comment).toBe("~b,=tidsserie-tilt205-2026|1|x");
    expect(sorted(decodeRequest(comment).keys)).toEqual(sorted(odd));
  });

  it("a refresh finishes what an operation of the first version left in its long form: the blank sheet it added is adopted and written", async () => {
    const { fake, host } = fakeHost();
    // The earlier insert was cut short after adding its sheet and before claiming it.
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.add("Hovedgrupper");
      ctx.workbook.names.add(REQUEST_NAME, "=0", "hovedgrupper,tiltaksgrupper|0|k2x9qa").visible = false;
    });
    const report = await refresh(host, { dataset: BUNDLED_DATASET });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.sheets.map((r) => [r.sheet, r.status])).toEqual([
      ["Hovedgrupper", "created"],
      ["Tiltaksgrupper", "created"],
    ]);
    expect(fake.state.sheetNames().filter((n) => n.startsWith("Hovedgrupper"))).toEqual(["Hovedgrupper"]);
    expect(fake.state.sheetText("Hovedgrupper")[1]?.[0]).toBe("Hovedgrupper");
    expect(fake.state.names().find((n) => n.name === REQUEST_NAME)?.comment).toBe("");
  });
});
