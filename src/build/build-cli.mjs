// @ts-check
// `npm run build:cli` (also run by `npm install` through `prepare`, and by `npm test`): compiles the
// TypeScript CLI (src/cli/nav-tiltak.ts) into plain JavaScript in lib/, so `nav-tiltak` starts with
// Node alone — no TypeScript compiler at run time. One bundle with a chunk per command: `call`
// loads neither the solver, the xlsx library nor Microsoft's Excel client. The runtime npm
// dependencies stay outside the bundle (installed with the package); the project's own code,
// including the Excel simulator the `xlsx` command drives, is inside it. The dataset the build
// generated is copied beside it (lib/data/), where the CLI reads it instead of parsing the folder.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI_OUT_DIR = path.join(root, "lib");

/** Builds lib/ from scratch (no stale chunk survives a rebuild); returns esbuild's metafile. */
export async function buildCli() {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  rmSync(CLI_OUT_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { "nav-tiltak": "src/cli/nav-tiltak.ts" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: CLI_OUT_DIR,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    external: Object.keys(pkg.dependencies ?? {}),
    // Some bundled code (the vm loader of Microsoft's client) resolves files through `require`.
    banner: { js: 'import { createRequire as __navRequire } from "node:module";\nconst require = __navRequire(import.meta.url);' },
    metafile: true,
    logLevel: "warning",
  });
  const data = path.join(CLI_OUT_DIR, "data");
  mkdirSync(data, { recursive: true });
  for (const file of ["dataset.json", "sources.json"]) copyFileSync(path.join(root, "src", "generated", file), path.join(data, file));
  writeFileSync(path.join(CLI_OUT_DIR, "meta.json"), JSON.stringify(result.metafile));
  return result.metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli();
  } catch (e) {
    // esbuild has already printed what it could not compile, with file and line.
    console.error(`Kunne ikke bygge kommandolinjen (lib/): ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
    process.exitCode = 1;
  }
}
