// @ts-check
// The pid file that lets `npm stop` stop the dev server `npm start` runs where no Excel is
// sideloaded (Linux, CI). office-addin-debugging only knows how to stop what it started on
// Windows and macOS; on Linux it prints «Platform not supported» and leaves the server running.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The pid file; NAV_TILTAK_PID_FILE moves it (tests use their own). */
export function pidFile() {
  return process.env.NAV_TILTAK_PID_FILE || path.join(root, ".dev-server.pid");
}

/**
 * @typedef {{ pid: number, server?: number, port: number, started: string }} PidRecord
 * `pid`: the `npm start` process; `server`: the webpack dev server it runs.
 */

/** @param {PidRecord} record */
export function writePidFile(record) {
  writeFileSync(pidFile(), `${JSON.stringify(record)}\n`);
}

/** @returns {PidRecord | null} null when there is no pid file or it cannot be read */
export function readPidFile() {
  if (!existsSync(pidFile())) return null;
  try {
    const record = JSON.parse(readFileSync(pidFile(), "utf8"));
    return Number.isInteger(record?.pid) ? record : null;
  } catch {
    return null;
  }
}

/** Removes the pid file, but only if it still names this record (a newer start may own it). */
export function removePidFile(/** @type {PidRecord | null} */ record = null) {
  const current = readPidFile();
  if (record && current && current.pid !== record.pid) return;
  rmSync(pidFile(), { force: true });
}

/** @param {number | undefined} pid */
export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * Whether a recorded pid is still a Node process (ours), not a pid the system has since given to
 * something else. Only Linux exposes this cheaply (/proc); elsewhere any live pid counts.
 * @param {number | undefined} pid
 */
export function isOurProcess(pid) {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (process.platform !== "linux" || !existsSync(cmdline)) return true;
  // webpack-cli renames its process title to «webpack».
  return /node|webpack/.test(readFileSync(cmdline, "utf8"));
}

/**
 * Whether a TCP port on localhost is free, so `npm start` can say so in Norwegian instead of
 * the dev server dying with an EADDRINUSE stack trace.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host: "localhost", exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Stops the processes a pid file names: SIGTERM, then waits up to `waitMs` for them to exit
 * (SIGKILL after that). Removes the pid file.
 * @param {PidRecord} record
 * @param {number} [waitMs]
 * @returns {Promise<boolean>} whether anything was still running
 */
export async function stopRecorded(record, waitMs = 5000) {
  const pids = [record.server, record.pid].filter((p) => typeof p === "number" && isOurProcess(p));
  for (const pid of pids) {
    try {
      process.kill(/** @type {number} */ (pid), "SIGTERM");
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + waitMs;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(isAlive)) process.kill(/** @type {number} */ (pid), "SIGKILL");
  removePidFile(record);
  return pids.length > 0;
}
