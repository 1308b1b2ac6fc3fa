// @ts-check
// `npm start`: build and serve the add-in on https://localhost:3000 and load it into Excel.
//
// - Desktop Excel present (Windows, macOS): office-addin-debugging starts the dev server
//   (`npm run dev-server`) and sideloads manifest.xml into Excel; `npm stop` undoes both.
// - No desktop Excel (Linux, CI, or NAV_TILTAK_NO_SIDELOAD=1): explain how to upload manifest.xml
//   to Excel on the web, point at the preview page, and run the dev server in the foreground.
//   A pid file lets `npm stop` (src/build/stop.mjs) stop it from another terminal; a second
//   `npm start`, or another program on port 3000, gets a Norwegian message instead of a stack trace.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkDevCertificate } from "./dev-certs.mjs";
import { isOurProcess, portIsFree, readPidFile, removePidFile, writePidFile } from "./dev-server-pid.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const manifest = path.join(root, "manifest.xml");
const PORT = 3000;

/** Whether a desktop Excel we can sideload into is installed on this machine. */
function desktopExcel() {
  if (process.env.CI || process.env.NAV_TILTAK_NO_SIDELOAD) return false;
  if (process.platform === "darwin") return existsSync("/Applications/Microsoft Excel.app");
  if (process.platform === "win32") {
    try {
      execFileSync("reg", ["query", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe"], {
        stdio: "ignore",
      });
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Runs a package's CLI with this Node, inheriting the terminal; resolves with its exit code.
 * @param {string} pkg package name
 * @param {string} binPath the CLI script, relative to the package
 * @param {string[]} args
 * @param {(pid: number | undefined) => void} [started] called once the child exists
 * @returns {Promise<number>}
 */
function run(pkg, binPath, args, started) {
  const cli = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), binPath);
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: "inherit" });
  started?.(child.pid);
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", (error) => {
      console.error(error);
      resolve(1);
    });
  });
}

/**
 * @param {string} reason why the add-in is not sideloaded into desktop Excel
 * @param {boolean} serving whether this process goes on to run the dev server
 */
function printWebInstructions(reason, serving) {
  console.log(
    [
      "",
      "NAV tiltak – utviklingsserver",
      "─────────────────────────────",
      reason,
      serving
        ? "Serveren bygger tillegget og kjører på https://localhost:3000/ til du trykker Ctrl+C."
        : "Kjører ikke utviklingsserveren allerede, start den med «npm run dev-server» (stopp med «npm stop»).",
      "",
      "Slik prøver du tillegget i Excel på nettet:",
      "  1. Åpne en arbeidsbok i Excel på nettet.",
      "  2. Velg Sett inn → Tillegg → Last opp mitt tillegg (engelsk: Insert → Add-ins → Upload My Add-in).",
      `  3. Last opp manifestet: ${manifest}`,
      "  Nettleseren må stole på sertifikatet til https://localhost:3000/ (se eventuell advarsel under).",
      "",
      "Forhåndsvisning uten Excel (oppgaveruten mot en arbeidsbok i minnet):",
      "  https://localhost:3000/preview.html",
      "  (http://localhost:3000/preview.html hvis serveren melder at den bruker vanlig http)",
      "",
      certificateLine(),
      serving ? "Stopp med Ctrl+C her, eller «npm stop» fra et annet vindu." : "",
      "",
    ].join("\n"),
  );
}

/** One line on the https certificate: reused as it is, or made on this start. */
function certificateLine() {
  const check = checkDevCertificate();
  if ("problem" in check) return `Sertifikat: lager et nytt utviklersertifikat (${check.problem}).`;
  return `Sertifikat: bruker det eksisterende utviklersertifikatet (gyldig til ${check.validTo.toLocaleDateString("nb-NO")}).`;
}

/**
 * Where no Excel is sideloaded: refuses to start a second server, runs webpack-dev-server in the
 * foreground with a pid file for `npm stop`, and keeps its output to warnings and errors.
 * @param {string} reason
 * @returns {Promise<number>}
 */
async function serveForWeb(reason) {
  const running = readPidFile();
  if (running && (isOurProcess(running.server) || isOurProcess(running.pid))) {
    console.error(
      `Utviklingsserveren kjører allerede (prosess ${running.server ?? running.pid}) på https://localhost:${running.port}/.\n` +
        "Stopp den med «npm stop» før du starter på nytt.",
    );
    return 1;
  }
  if (running) removePidFile(running);
  if (!(await portIsFree(PORT))) {
    console.error(
      `Port ${PORT} er opptatt av et annet program, så utviklingsserveren kan ikke starte.\n` +
        `Avslutt programmet som bruker port ${PORT} (på Linux/macOS: «lsof -i :${PORT}» viser hvilket) og prøv igjen.`,
    );
    return 1;
  }
  printWebInstructions(reason, true);
  /** @type {import("./dev-server-pid.mjs").PidRecord} */
  const record = { pid: process.pid, port: PORT, started: new Date().toISOString() };
  writePidFile(record);
  try {
    return await run(
      "webpack-cli",
      "bin/cli.js",
      // webpack-dev-server's own «Project is running at …» lines repeat the block above.
      ["serve", "--mode", "development", "--infrastructure-logging-level", "warn", "--stats", "errors-warnings"],
      (server) => writePidFile({ ...record, server }),
    );
  } finally {
    removePidFile(record);
  }
}

async function main() {
  if (desktopExcel()) {
    const code = await run("office-addin-debugging", "cli.js", [
      "start",
      manifest,
      "desktop",
      "--app",
      "excel",
      "--dev-server-port",
      "3000",
    ]);
    if (code !== 0) {
      printWebInstructions("Klarte ikke å laste tillegget inn i Excel for skrivebordet (se feilen over).", false);
    }
    return code;
  }
  const reason = process.env.CI
    ? "CI: tillegget lastes ikke inn i Excel automatisk."
    : "Fant ikke Excel for skrivebordet på denne maskinen, så tillegget lastes ikke inn automatisk.";
  return serveForWeb(reason);
}

process.exitCode = await main();
