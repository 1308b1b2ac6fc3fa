// One production webpack build per test run, shared by every test file that needs the built
// add-in (build, browser and functions-metadata tests):
//
//   const dist = await buildOnce();   // absolute path of the output directory
//
// Vitest runs test files in separate workers, so the build is cached on disk, in the temp dir,
// keyed by the test run (the Vitest main process) and by a hash of the build inputs (src/, assets/,
// manifest.xml, the configs and the lockfile). The first worker to ask builds; the others wait for
// it. A changed input (e.g. a file saved in watch mode) gets a fresh build.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ROOT } from "./manifest.js";

const INPUTS = ["src", "packages", "assets", "manifest.xml", "webpack.config.js", "tsconfig.json", "package.json", "package-lock.json"];
const PREFIX = "nav-tiltak-build-";
const BUILD_TIMEOUT_MS = 150_000;
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** The Vitest run: workers forked with an IPC channel belong to their parent, threads to this process. */
function runKey(): number {
  return typeof process.send === "function" ? process.ppid : process.pid;
}

function hashInputs(): string {
  const hash = createHash("sha256");
  const add = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
    } else {
      hash.update(relative(ROOT, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  for (const input of INPUTS) add(join(ROOT, input));
  return hash.digest("hex").slice(0, 16);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes build dirs of earlier runs (older than a day), best effort. */
function removeStale(): void {
  const now = Date.now();
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      if (now - statSync(dir).mtimeMs > STALE_AFTER_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // another process may be removing it too
    }
  }
}

interface Marker {
  ok: boolean;
  error?: string;
  ms?: number;
}

/**
 * Runs `webpack --mode production --env preview --env outputPath=<out>` in a child process. The
 * preview page (and the Office.js stand-in) are included for the browser tests; the package made
 * from this build leaves them out, as `npm run build` does.
 */
function runWebpack(out: string): Promise<void> {
  const cli = join(ROOT, "node_modules/webpack-cli/bin/cli.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "--mode", "production", "--env", "preview", "--env", `outputPath=${out}`, "--no-color"],
      { cwd: ROOT, timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const tail = `${stdout}\n${stderr}`.trim().split("\n").slice(-60).join("\n");
          reject(new Error(`webpack build failed (${error.message.split("\n")[0]}):\n${tail}`));
        } else {
          resolve();
        }
      },
    );
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let pending: Promise<string> | undefined;

/**
 * Builds the add-in for production once per test run and returns the output directory (the
 * equivalent of dist/, plus the development-only preview files). Rejects with webpack's output if the build fails.
 */
export function buildOnce(): Promise<string> {
  pending ??= build();
  return pending;
}

async function build(): Promise<string> {
  removeStale();
  const base = join(tmpdir(), `${PREFIX}${runKey()}-${hashInputs()}`);
  const out = join(base, "dist");
  const marker = join(base, "done.json");
  const lock = join(base, "lock");
  mkdirSync(base, { recursive: true });

  const finished = (): string | undefined => {
    if (!existsSync(marker)) return undefined;
    const m = JSON.parse(readFileSync(marker, "utf8")) as Marker;
    if (!m.ok) throw new Error(m.error ?? "webpack build failed");
    return out;
  };

  const deadline = Date.now() + BUILD_TIMEOUT_MS + 30_000;
  for (;;) {
    const done = finished();
    if (done) return done;
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Another worker is building: wait for its marker, or take over if it died.
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        // the owner has not written its pid yet
      }
      if (Number.isInteger(owner) && !alive(owner)) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the shared webpack build in ${base}`);
      await sleep(250);
      continue;
    }
    writeFileSync(join(lock, "pid"), String(process.pid));
    const started = Date.now();
    try {
      await runWebpack(out);
      writeFileSync(marker, JSON.stringify({ ok: true, ms: Date.now() - started } satisfies Marker));
    } catch (error) {
      writeFileSync(marker, JSON.stringify({ ok: false, error: (error as Error).message } satisfies Marker));
    }
  }
}
