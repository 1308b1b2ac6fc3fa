// Start-up of the compiled CLI, as a user meets it: `nav-tiltak call …` as a whole process, beside a
// bare `node` that only reads and parses the same dataset. Runs alternate, so a busy moment of the
// machine hits both alike; the medians are reported.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const RUNS = 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function wall(args: string[]): number {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { stdio: "pipe" });
  return performance.now() - t0;
}

export function cliStartFigures(root: string): Record<string, number> {
  const bin = join(root, "lib", "nav-tiltak.mjs");
  const dataset = join(root, "lib", "data", "dataset.json");
  const baseline = ["-e", `JSON.parse(require("node:fs").readFileSync(${JSON.stringify(dataset)}, "utf8"))`];
  const call = [bin, "call", "TILTAK", "Arbeidstrening", "Andre på tiltak"];
  wall(call); // warm the file cache once
  const node: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(wall(baseline));
    cli.push(wall(call));
  }
  const [n, c] = [median(node), median(cli)];
  return { node_baseline_ms: Math.round(n), cli_call_ms: Math.round(c), cli_call_vs_node: Number((c / n).toFixed(2)) };
}
