// @ts-check
// `npm stop`: stops what `npm start` started.
// - The dev server `npm start` runs where no Excel is sideloaded (Linux, CI): from its pid file.
// - Desktop Excel (Windows, macOS): office-addin-debugging unloads the add-in and stops the server.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readPidFile, removePidFile, stopRecorded } from "./dev-server-pid.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

async function main() {
  const record = readPidFile();
  if (record) {
    const wasRunning = await stopRecorded(record);
    console.log(
      wasRunning ? `Utviklingsserveren er stoppet (prosess ${record.server ?? record.pid}).` : "Utviklingsserveren var allerede stoppet.",
    );
    return 0;
  }
  removePidFile();
  if (process.platform === "win32" || process.platform === "darwin") {
    const cli = path.join(path.dirname(require.resolve("office-addin-debugging/package.json")), "cli.js");
    const child = spawn(process.execPath, [cli, "stop", path.join(root, "manifest.xml")], { cwd: root, stdio: "inherit" });
    return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  }
  console.log("Ingen utviklingsserver fra «npm start» kjører.");
  return 0;
}

process.exitCode = await main();
