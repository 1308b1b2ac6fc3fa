// The Excel adapter (src/functions/custom-functions.ts) against a stub of the CustomFunctions global:
// core errors become the right Excel errors, and every id the JSDoc declares is registered.
import { fileURLToPath } from "node:url";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { afterEach, describe, expect, it, vi } from "vitest";

const FUNCTIONS_FILE = fileURLToPath(new URL("../../src/functions/custom-functions.ts", import.meta.url));

/** The documented shape of the runtime's Error class and ErrorCode values. */
class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" };

type Adapter = typeof import("../../src/functions/custom-functions.js");

async function loadWithRuntime(): Promise<{ mod: Adapter; associate: ReturnType<typeof vi.fn> }> {
  const associate = vi.fn();
  vi.stubGlobal("CustomFunctions", { Error: StubError, ErrorCode, associate });
  vi.resetModules();
  const mod = await import("../../src/functions/custom-functions.js");
  return { mod, associate };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the function to throw");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("inside Excel's runtime", () => {
  it("leaves registration to the metadata plugin: loading calls associate for no id", async () => {
    // custom-functions-metadata-plugin appends `CustomFunctions.associate("<id>", <functionName>)`
    // for each declared id; the module itself associating too would register every id twice.
    const { mod, associate } = await loadWithRuntime();
    expect(associate).not.toHaveBeenCalled();
    const declared = (await generateCustomFunctionsMetadata(FUNCTIONS_FILE)).associate;
    expect(declared.map((d) => d.id).sort()).toEqual([
      "DATA",
      "ENDRING",
      "ENDRINGPROSENT",
      "LISTE",
      "SERIE",
      "TABELL",
      "TILTAK",
      "TILTAKSGRUPPE",
      "VERSJON",
    ]);
    for (const d of declared) {
      // What the appended line refers to is this module's own export, the one IMPLEMENTATIONS lists.
      expect(typeof (mod as Record<string, unknown>)[d.functionName], d.functionName).toBe("function");
      expect(mod.IMPLEMENTATIONS[d.id as keyof typeof mod.IMPLEMENTATIONS], d.id).toBe((mod as Record<string, unknown>)[d.functionName]);
    }
  });

  it("spills TABELL and DATA as the core builds them, errors as Excel errors", async () => {
    const { mod } = await loadWithRuntime();
    const { NavFunctions } = await import("../../src/core/functions.js");
    const { BUNDLED_DATASET } = await import("../../src/core/bundled.js");
    const { tablesOf } = await import("../../src/core/table-functions.js");
    const core = tablesOf(new NavFunctions(BUNDLED_DATASET));
    expect(mod.tabell("Hovedgrupper")).toEqual(core.tabell("Hovedgrupper").value);
    expect(mod.data("Andre", "", "endring")).toEqual(core.data("Andre", "", "endring").value);
    const e = thrown(() => mod.tabell("Hovedgruper")) as StubError;
    expect(e).toBeInstanceOf(StubError);
    expect([e.code, e.message]).toEqual(["#VALUE!", "Ukjent tabell «Hovedgruper». Mente du «Hovedgrupper»?"]);
    expect((thrown(() => mod.data("", "2015-11")) as StubError).code).toBe("#N/A");
  });

  it("returns numbers and «*» as the core does", async () => {
    const { mod } = await loadWithRuntime();
    expect(mod.tiltak("Arbeidstrening")).toBe(15947);
    expect(mod.tiltak("Arbeidstrening", "Andre på tiltak")).toBe(171);
    expect(mod.tiltak("Avklaring i skjermet virksomhet", "Andre")).toBe("*");
    expect(mod.tiltaksgruppe("Oppfølging")).toBe(15353);
    expect(mod.endring("Oppfølging")).toBe(-1216);
    expect(Math.round((mod.endringProsent("Oppfølging") as number) * 100)).toBe(-7);
    expect(mod.liste()[0]).toEqual(["Avklaringstiltak"]);
  });

  it("throws #VALUE! for a bad name, with the Norwegian message", async () => {
    const { mod } = await loadWithRuntime();
    const e = thrown(() => mod.tiltak("Arbeidstrenig"));
    expect(e).toBeInstanceOf(StubError);
    expect((e as StubError).code).toBe("#VALUE!");
    expect((e as StubError).message).toContain("Mente du «Arbeidstrening»?");
    const level = thrown(() => mod.tiltak("Opplæring")) as StubError;
    expect([level.code, level.message]).toEqual(["#VALUE!", "«Opplæring» er en tiltaksgruppe – bruk NAV.TILTAKSGRUPPE."]);
    expect((thrown(() => mod.liste("Arbeidstrening")) as StubError).code).toBe("#VALUE!");
  });

  it("throws #N/A for an unknown period and an unpublished change", async () => {
    const { mod } = await loadWithRuntime();
    const period = thrown(() => mod.tiltak("Arbeidstrening", undefined, "2015-11")) as StubError;
    expect(period).toBeInstanceOf(StubError);
    expect(period.code).toBe("#N/A");
    expect(period.message).toContain("2015-11");
    const change = thrown(() => mod.endring("Tilrettelagt arbeid", "Andre")) as StubError;
    expect(change.code).toBe("#N/A");
    expect(change.message).toMatch(/ikke publisert/);
  });

  it("maps each core error kind to its ErrorCode", async () => {
    const { mod } = await loadWithRuntime();
    const { FunctionError } = await import("../../src/core/lookup.js");
    expect((mod.toExcelError(new FunctionError("VALUE", "a")) as StubError).code).toBe(ErrorCode.invalidValue);
    expect((mod.toExcelError(new FunctionError("NA", "b")) as StubError).code).toBe(ErrorCode.notAvailable);
  });
});

describe("outside Excel's runtime (Node, a task pane without it)", () => {
  it("loads without registering, and still computes", async () => {
    vi.resetModules();
    expect(typeof (globalThis as { CustomFunctions?: unknown }).CustomFunctions).toBe("undefined");
    const mod = await import("../../src/functions/custom-functions.js");
    expect(mod.tiltak("Arbeidstrening", "Arbeidssøkere")).toBe(7465);
    const e = thrown(() => mod.tiltak("Arbeidstrenig"));
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(/^#VALUE! Ukjent tiltak/);
  });
});
