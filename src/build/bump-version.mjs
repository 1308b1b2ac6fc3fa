// @ts-check
// `npm run versjon [-- major|minor|patch|<a.b.c[.d]>]`: raises the add-in version in manifest.xml
// (what Office and the Microsoft 365 admin center compare; =NAV.VERSJON() shows it after the next
// build). Default: patch (1.0.0.0 → 1.0.1.0). A given version must be higher than the current.
//
// Exit 0 done, 1 the version is not higher or not valid, 2 usage or file problem.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { manifestVersion } from "./hosting.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const VERSION_ELEMENT = /(<Version>\s*)([^<\s]*)(\s*<\/Version>)/;

/**
 * Parses a manifest version: one to four parts of 0–65535 (the manifest's four-part version);
 * missing parts are 0. Null if it is not one.
 * @param {string} text
 * @returns {number[] | null}
 */
export function parseVersion(text) {
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text)) return null;
  const parts = text.split(".").map(Number);
  if (parts.some((p) => p > 65535)) return null;
  while (parts.length < 4) parts.push(0);
  return parts;
}

/** @param {number[]} a @param {number[]} b */
function compare(a, b) {
  for (let i = 0; i < 4; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * The next version: major/minor/patch raise that part and reset the ones after it; an explicit
 * version must be higher than the current one.
 * @param {string} current
 * @param {string} how "major" | "minor" | "patch" | a version
 */
export function nextVersion(current, how) {
  const now = parseVersion(current);
  if (!now) throw new Error(`manifest.xml har en ugyldig versjon «${current}».`);
  const index = { major: 0, minor: 1, patch: 2 }[how];
  if (index !== undefined) {
    const next = now.map((p, i) => (i < index ? p : i === index ? p + 1 : 0));
    if ((next[index] ?? 0) > 65535) throw new Error(`Versjonsdelen kan ikke bli større enn 65535 (${current}).`);
    return next.join(".");
  }
  const wanted = parseVersion(how);
  if (!wanted) throw new Error(`«${how}» er ikke major, minor, patch eller et versjonsnummer som 1.2.0.0.`);
  if (compare(wanted, now) <= 0) throw new Error(`Ny versjon ${wanted.join(".")} må være høyere enn ${current}.`);
  return wanted.join(".");
}

/** The manifest with only its <Version> text changed. @param {string} xml @param {string} version */
export function withVersion(xml, version) {
  return xml.replace(VERSION_ELEMENT, (_, open, _old, close) => `${open}${version}${close}`);
}

/** @param {string[]} args @param {string} file */
export function run(args, file = path.join(root, "manifest.xml")) {
  if (args.length > 1 || (args[0] ?? "").startsWith("-")) {
    console.error("Bruk: npm run versjon [-- major|minor|patch|<versjon>]   (standard: patch)");
    return 2;
  }
  /** @type {string} */
  let xml;
  try {
    xml = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`Kunne ikke lese ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const current = manifestVersion(xml);
  if (current === null) {
    console.error(`${file} har ikke noe <Version>-element.`);
    return 1;
  }
  try {
    const next = nextVersion(current, args[0] ?? "patch");
    writeFileSync(file, withVersion(xml, next));
    console.log(`manifest.xml: versjon ${current} → ${next}.`);
    console.log("Bygg og pakk på nytt, og last opp det nye manifestet i Microsoft 365 administrasjonssenter (se «Utrulling» i README.md).");
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = run(process.argv.slice(2));
}
