// No import cycles among the add-in's, the packages' and the tests' modules: a cycle ties files
// together so that none can be read, moved or loaded on its own (and a value read during the
// cycle's loading is undefined). Type-only imports count too. dependency-cruiser finds them.

import { describe, expect, it } from "vitest";
import { importCycles } from "../helpers/import-cycles.js";

describe("import cycles", () => {
  it("none in src, packages or test", async () => {
    const cycles = await importCycles(["src", "packages", "test"]);
    expect(cycles.map((c) => c.join(" → "))).toEqual([]);
  });

  it("a cycle is found, also when one direction imports only types (the check can fail)", async () => {
    const cycles = await importCycles(["test/fixtures/import-cycle"]);
    expect(cycles.map((c) => c.map((f) => f.replace(/^.*\//, "")))).toEqual([["area.ts", "shape.ts", "area.ts"]]);
  });
});
