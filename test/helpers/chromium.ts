// The Chromium every browser test uses, found in one place:
//
//   const executablePath = await chromiumExecutable();
//   chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, ... });
//
// 1. CHROMIUM_PATH, when set (any Chrome or Chromium the developer prefers);
// 2. on Linux x64, the headless Chromium inside the npm package @sparticuz/chromium, so that
//    `npm install && npm test` needs no system package;
// 3. elsewhere (macOS, Windows), a Chrome or Chromium installed in the usual place.
//
// Launch with playwright-core's own arguments and only `executablePath`: the package's
// `chromium.args` are tuned for AWS Lambda (--single-process and friends) and make the browser
// close at once under playwright-core 1.65.

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Extra flags on top of playwright-core's defaults: no GPU, nothing that phones home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const INSTALLED = [
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
  "/usr/bin/chromium",
  "/usr/bin/google-chrome",
];

const require = createRequire(import.meta.url);

/** The package's folder; its "exports" hide package.json, so walk up from its entry point. */
function packageDir(): string {
  let dir = dirname(require.resolve("@sparticuz/chromium"));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "bin"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("@sparticuz/chromium is not installed (run npm install)");
    dir = up;
  }
  return dir;
}

/** Where this version of the package's Chromium is unpacked (shared by test runs and workers). */
function bundledDir(): string {
  const pkg = JSON.parse(readFileSync(join(packageDir(), "package.json"), "utf8")) as { version: string };
  return join(tmpdir(), `nav-tiltak-sparticuz-chromium-${pkg.version}`);
}

/**
 * Unpacks the package's brotli-compressed Chromium (about 4 s, once per machine and version).
 * The package always unpacks into os.tmpdir(), and treats an existing file there as done, so it
 * runs in a child process whose TMPDIR is a fresh directory; that directory is renamed into place
 * only when complete. An interrupted run thus never leaves a half-written browser behind, and two
 * test workers unpacking at once simply race to the rename.
 */
async function unpackBundled(): Promise<string> {
  const dir = bundledDir();
  const binary = join(dir, "chromium");
  if (existsSync(binary)) return binary;
  const partial = `${dir}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(partial, { recursive: true });
  const script = 'import("@sparticuz/chromium").then((m) => m.default.executablePath()).then((p) => process.stdout.write(p))';
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { cwd: packageDir(), env: { ...process.env, TMPDIR: partial }, timeout: 120_000 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`could not unpack @sparticuz/chromium: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another worker finished first: keep its copy.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}

/**
 * The Chromium executable for browser tests. Throws with a clear message when none is found.
 * @param env the environment to read CHROMIUM_PATH from (tests pass their own)
 * @param platform the platform to pick for (tests pass their own)
 */
export async function chromiumExecutable(
  env: NodeJS.ProcessEnv = process.env,
  platform = `${process.platform}-${process.arch}`,
): Promise<string> {
  const override = env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
    return override;
  }
  if (platform === "linux-x64") return unpackBundled();
  const found = INSTALLED.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium for ${platform}: @sparticuz/chromium ships Linux x64 only. Install Chrome or set CHROMIUM_PATH (tried ${INSTALLED.join(", ")})`,
    );
  }
  return found;
}
