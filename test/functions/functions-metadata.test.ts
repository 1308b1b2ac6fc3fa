// The functions metadata Excel reads (functions.json), as the production webpack build generates it
// from the JSDoc in src/functions/custom-functions.ts: ids, parameters, optional flags, result types and
// Norwegian descriptions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTION_IDS, FUNCTION_PARAMETERS } from "../../src/core/functions.js";
import { buildOnce } from "../helpers/build.js";

interface ParamMeta {
  name: string;
  description?: string;
  type?: string;
  optional?: boolean;
  dimensionality?: string;
}
interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  parameters: ParamMeta[];
  result: { type?: string; dimensionality?: string };
}

const root = fileURLToPath(new URL("../..", import.meta.url));
let functions: FunctionMeta[];
let bundle: string;

beforeAll(async () => {
  // The shared, cached production build (one per test run).
  const dist = await buildOnce();
  functions = (JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as { functions: FunctionMeta[] }).functions;
  bundle = readFileSync(join(dist, "functions.js"), "utf8");
});

const byId = (id: string) => functions.find((f) => f.id === id)!;

/** Words that only a Norwegian sentence would have; an English description has none of them. */
const NORWEGIAN = /\b(og|eller|som|på|der|med|er|av|i|en|et|når|deltakere|tiltak\w*)\b/i;

describe("functions.json", () => {
  it("declares the functions of the issue, with uppercase ids and names", () => {
    expect(functions.map((f) => f.id)).toEqual([
      "TILTAK",
      "TILTAKSGRUPPE",
      "ENDRING",
      "ENDRINGPROSENT",
      "LISTE",
      "TABELL",
      "DATA",
      "SERIE",
      "VERSJON",
    ]);
    for (const f of functions) expect(f.name).toBe(f.id);
  });

  it("gives each lookup function its parameters, optional where the issue says [..], as text", () => {
    const three = (first: string) => [
      { name: first, optional: undefined, type: "string" },
      { name: "hovedgruppe", optional: true, type: "string" },
      { name: "periode", optional: true, type: "string" },
    ];
    const params = (id: string) => byId(id).parameters.map((p) => ({ name: p.name, optional: p.optional, type: p.type }));
    expect(params("TILTAK")).toEqual(three("tiltak"));
    expect(params("TILTAKSGRUPPE")).toEqual(three("tiltaksgruppe"));
    expect(params("ENDRING")).toEqual(three("tiltaksgruppe"));
    expect(params("ENDRINGPROSENT")).toEqual(three("tiltaksgruppe"));
    expect(params("LISTE")).toEqual([{ name: "tiltaksgruppe", optional: true, type: "string" }]);
    expect(params("TABELL")).toEqual([
      { name: "tabell", optional: undefined, type: "string" },
      { name: "periode", optional: true, type: "string" },
    ]);
    expect(params("DATA")).toEqual([
      { name: "hovedgruppe", optional: true, type: "string" },
      { name: "periode", optional: true, type: "string" },
      { name: "innhold", optional: true, type: "string" },
    ]);
    expect(params("VERSJON")).toEqual([]);
  });

  it("dimensionality: one figure (scalar, type any) or a spilled matrix, per function; every parameter a scalar", () => {
    // Excel treats a result without dimensionality as one value; "matrix" lets it spill. A
    // matrix function declared scalar shows only its first cell (or #VALUE!); the other way round, a
    // figure would be wrapped as a 1×1 array.
    const dimensionality = Object.fromEntries(functions.map((f) => [f.id, [f.result.dimensionality ?? "scalar", f.result.type ?? "any"]]));
    expect(dimensionality).toEqual({
      TILTAK: ["scalar", "any"],
      TILTAKSGRUPPE: ["scalar", "any"],
      ENDRING: ["scalar", "any"],
      ENDRINGPROSENT: ["scalar", "any"],
      LISTE: ["matrix", "string"],
      // Numbers stay numbers and «*» stays text, so the element type is any.
      TABELL: ["matrix", "any"],
      DATA: ["matrix", "any"],
      SERIE: ["matrix", "any"],
      VERSJON: ["scalar", "string"],
    });
    for (const f of functions) for (const p of f.parameters) expect(p.dimensionality ?? "scalar", `${f.id}.${p.name}`).toBe("scalar");
  });

  it("explains Excel's spill limits (#SPILL!) in the help of the spilling tables", () => {
    for (const id of ["TABELL", "DATA", "SERIE"]) {
      expect(byId(id).description, id).toContain("#SPILL!");
      expect(byId(id).description, id).toMatch(/tomme celler/);
    }
    expect(byId("TABELL").description).toMatch(/1 048 576 rader/);
    const tabell = byId("TABELL").parameters[0]!.description!;
    for (const name of ["Hovedgrupper", "Tiltaksgrupper per hovedgruppe", "Tiltaksgrupper x hovedgrupper", "Tiltak og hovedgrupper"]) {
      expect(tabell).toContain(`«${name}»`);
    }
    expect(byId("DATA").parameters.find((p) => p.name === "innhold")!.description).toContain("«endring»");
  });

  it("describes every function and parameter in Norwegian", () => {
    for (const f of functions) {
      expect(f.description, f.id).toMatch(NORWEGIAN);
      expect(f.description, f.id).not.toMatch(/\b(the|returns|number of|participants)\b/i);
      for (const p of f.parameters) {
        expect(p.description, `${f.id}.${p.name}`).toMatch(NORWEGIAN);
        expect(p.description, `${f.id}.${p.name}`).not.toMatch(/\b(the|optional|name of)\b/i);
      }
    }
    expect(byId("TILTAK").description).toContain("«*»");
    const hg = byId("TILTAK").parameters.find((p) => p.name === "hovedgruppe")!.description!;
    for (const short of ["I alt", "Arbeidssøkere", "Nedsatt arbeidsevne", "Andre"]) expect(hg).toContain(`«${short}»`);
    expect(byId("TILTAK").parameters.find((p) => p.name === "periode")!.description).toContain("ÅÅÅÅ-MM");
    expect(byId("ENDRINGPROSENT").description).toMatch(/prosent/);
  });

  it("matches the parameters the core (and so `nav-tiltak call`) accepts", () => {
    for (const id of FUNCTION_IDS) {
      expect(
        byId(id).parameters.map((p) => ({ name: p.name, optional: p.optional === true })),
        id,
      ).toEqual(FUNCTION_PARAMETERS[id]);
    }
  });
});

describe("functions.js", () => {
  it("registers every declared id exactly once (a second association logs DuplicatedName)", () => {
    const calls = [...bundle.matchAll(/\.associate\(\s*"([A-Z0-9_.]+)"/g)].map((m) => m[1]);
    expect([...calls].sort()).toEqual(functions.map((f) => f.id).sort());
    // No other associate call (e.g. a loop over an id → function table) may run besides the plugin's.
    expect(bundle.match(/\.associate\(/g)?.length).toBe(functions.length);
  });

  it("switches on Office's custom functions cache refresh (shared runtime)", () => {
    expect(bundle).toContain('"Office.ForceRefreshCustomFunctionsCache"');
  });

  it("carries the manifest's version for NAV.VERSJON", () => {
    const version = /<Version>\s*([^<\s]+)\s*<\/Version>/.exec(readFileSync(join(root, "manifest.xml"), "utf8"))![1]!;
    expect(bundle).toContain(JSON.stringify(version));
  });
});
