// `npm start` / `npm stop` where no Excel is sideloaded (src/build/start.mjs, stop.mjs): the pid
// file lets `npm stop` end the dev server, a second start says so in Norwegian, and a still-valid
// dev certificate is reused instead of made again (src/build/dev-certs.mjs).

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkDevCertificate } from "../../src/build/dev-certs.mjs";
import { portIsFree } from "../../src/build/dev-server-pid.mjs";
import { ROOT } from "../helpers/manifest.js";

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-start-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A long-running Node process standing in for the dev server. */
function fakeServer(): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(child);
  return child;
}

/** Runs a script asynchronously, so this process keeps reaping its children meanwhile. */
function runScript(script: string, pidFile: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "src/build", script)],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, NAV_TILTAK_PID_FILE: pidFile, NAV_TILTAK_NO_SIDELOAD: "1" }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

describe("npm stop", () => {
  it("stops the dev server named in the pid file and removes the file", async () => {
    const server = fakeServer();
    const pidFile = join(tempDir(), "dev-server.pid");
    writeFileSync(pidFile, JSON.stringify({ pid: server.pid, server: server.pid, port: 3000, started: new Date().toISOString() }));
    const r = await runScript("stop.mjs", pidFile);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Utviklingsserveren er stoppet (prosess ${server.pid}).`);
    await exited(server);
    expect(server.signalCode).toBe("SIGTERM");
    expect(existsSync(pidFile)).toBe(false);
  });

  it("says so when nothing is running, and cleans up a stale pid file", async () => {
    const pidFile = join(tempDir(), "dev-server.pid");
    // A pid that cannot be running: the largest pid Linux allows is 2^22.
    writeFileSync(pidFile, JSON.stringify({ pid: 2 ** 22 + 1, port: 3000, started: "" }));
    const r = await runScript("stop.mjs", pidFile);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Utviklingsserveren var allerede stoppet.");
    expect(existsSync(pidFile)).toBe(false);
  });
});

describe("npm start", () => {
  it("refuses a second dev server with a Norwegian message, not an EADDRINUSE stack trace", async () => {
    const server = fakeServer();
    const pidFile = join(tempDir(), "dev-server.pid");
    writeFileSync(pidFile, JSON.stringify({ pid: server.pid, server: server.pid, port: 3000, started: "" }));
    const r = await runScript("start.mjs", pidFile);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Utviklingsserveren kjører allerede (prosess ${server.pid})`);
    expect(r.stderr).toContain("«npm stop»");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(pidFile)).toBe(true);
  });

  it("notices a port another program holds", async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, "localhost", resolve));
    const port = (other.address() as { port: number }).port;
    expect(await portIsFree(port)).toBe(false);
    await new Promise((resolve) => other.close(resolve));
    expect(await portIsFree(port)).toBe(true);
  });
});

describe("dev certificate reuse", () => {
  /** Certificates made by office-addin-dev-certs itself (no CA install), in a temp folder. */
  async function makeCertificates(dir: string, days = 30): Promise<void> {
    const { generateCertificates } = (await import("office-addin-dev-certs/lib/generate.js")) as {
      generateCertificates(ca: string, cert: string, key: string, days: number, domains: string[]): Promise<void>;
    };
    await generateCertificates(join(dir, "ca.crt"), join(dir, "localhost.crt"), join(dir, "localhost.key"), days, [
      "127.0.0.1",
      "localhost",
    ]);
  }

  it("reuses a certificate that is valid for localhost, matches its key and was issued by its CA", async () => {
    const dir = tempDir();
    await makeCertificates(dir);
    const check = checkDevCertificate(dir);
    expect("problem" in check ? check.problem : "ok").toBe("ok");
    // Near the end of its 30 days it is replaced rather than expiring mid-session.
    const later = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    expect(checkDevCertificate(dir, later)).toEqual({ problem: "sertifikatet er utløpt eller utløper snart" });
  }, 60_000);

  it("rejects a key from another certificate, and missing files", async () => {
    const a = tempDir();
    const b = tempDir();
    await makeCertificates(a);
    await makeCertificates(b);
    copyFileSync(join(b, "localhost.key"), join(a, "localhost.key"));
    expect(checkDevCertificate(a)).toEqual({ problem: "nøkkelen hører ikke til sertifikatet" });
    copyFileSync(join(b, "ca.crt"), join(b, "other-ca.crt"));
    copyFileSync(join(a, "ca.crt"), join(b, "ca.crt"));
    expect(checkDevCertificate(b)).toEqual({ problem: "sertifikatet er ikke utstedt av CA-en i samme mappe" });
    expect(checkDevCertificate(tempDir())).toEqual({ problem: "mangler ca.crt, localhost.crt, localhost.key" });
  }, 60_000);
});
