// The functions metadata Excel reads (functions.json), as the production webpack build generates it
// from the JSDoc in src/functions/functions.ts: ids, parameters, optional flags, result types and
// Norwegian descriptions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTION_IDS, FUNCTION_PARAMETERS } from "../src/core/functions.js";
import { buildOnce } from "./helpers/build.js";

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

const root = fileURLToPath(new URL("..", import.meta.url));
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
    expect(functions.map((f) => f.id)).toEqual(["TILTAK", "TILTAKSGRUPPE", "ENDRING", "ENDRINGPROSENT", "LISTE", "VERSJON"]);
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
    expect(params("VERSJON")).toEqual([]);
  });

  it("lets the figures be a number or «*» (type any), and LISTE spill a column of text", () => {
    for (const id of ["TILTAK", "TILTAKSGRUPPE", "ENDRING", "ENDRINGPROSENT"]) expect(byId(id).result, id).toEqual({});
    expect(byId("LISTE").result).toEqual({ dimensionality: "matrix", type: "string" });
    expect(byId("VERSJON").result).toEqual({ type: "string" });
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
      expect(byId(id).parameters.map((p) => ({ name: p.name, optional: p.optional === true })), id).toEqual(FUNCTION_PARAMETERS[id]);
    }
  });
});

describe("functions.js", () => {
  it("registers every declared id", () => {
    for (const f of functions) expect(bundle, f.id).toContain(`associate("${f.id}"`);
  });

  it("carries the manifest's version for NAV.VERSJON", () => {
    const version = /<Version>\s*([^<\s]+)\s*<\/Version>/.exec(readFileSync(join(root, "manifest.xml"), "utf8"))![1]!;
    expect(bundle).toContain(JSON.stringify(version));
  });
});
