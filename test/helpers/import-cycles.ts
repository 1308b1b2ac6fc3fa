// The import cycles among TypeScript modules, found with dependency-cruiser. Type-only imports
// count: a cycle of types still ties the files together for a reader (tsPreCompilationDeps).
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

/** Each cycle as the chain of files that closes it, starting and ending at the same file. */
export async function importCycles(roots: string[], tsconfig = "tsconfig.json"): Promise<string[][]> {
  const result = await cruise(
    roots,
    {
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
      // Generated data, deliberate lint violations and the cycle fixture itself, unless asked for.
      exclude: {
        path: roots.some((r) => r.includes("fixtures")) ? "(^|/)src/generated/" : "(^|/)(src/generated|test/lint-fixtures|test/fixtures)/",
      },
      ruleSet: { forbidden: [{ name: "no-cycle", severity: "error", from: {}, to: { circular: true } }] },
      validate: true,
    },
    { extensions: [".ts", ".mts", ".js", ".mjs"] },
    { tsConfig: extractTSConfig(tsconfig) },
  );
  const output = result.output as ICruiseResult;
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const v of output.summary.violations) {
    if (v.rule.name !== "no-cycle" || !v.cycle) continue;
    const chain = [v.from, ...v.cycle.map((step) => (typeof step === "string" ? step : step.name))];
    const key = [...new Set(chain)].sort().join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    cycles.push(chain);
  }
  return cycles;
}
