// @ts-check
// `npm run package`: zips a production build (dist/) into nav-tiltak-<version>.zip for the hosting
// team: manifest.xml (for the Microsoft 365 admin center), LESMEG.txt and the files to host,
// without the development pages. Build first with the public address:
//
//   npm run build -- --env publicUrl=https://tillegg.example.no/nav-tiltak/
//   npm run package [-- --dist <mappe>] [--ut <fil.zip>]
//
// Exit 0 done, 1 the build cannot be handed over (manifest still points at localhost, files
// missing), 2 usage or file problem.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { zipSync } from "fflate";
import { isDevelopmentFile, manifestVersion, pointsAtLocalhost } from "./hosting.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A problem with a Norwegian message and the exit status the CLI contract gives it. */
export class PackageError extends Error {
  /** @param {string} message @param {1 | 2} exitCode */
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Every file under dir, as paths relative to it with forward slashes, sorted. */
function listFiles(/** @type {string} */ dir, prefix = "") {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const rel = prefix + name;
    if (statSync(full).isDirectory()) out.push(...listFiles(full, `${rel}/`));
    else out.push(rel);
  }
  return out;
}

/** The files the hosting needs: everything in the build but the development pages. */
export function hostingFiles(/** @type {string} */ dist) {
  return listFiles(dist).filter((f) => !isDevelopmentFile(f));
}

/**
 * Zips a build. With requirePublicUrl (the default, as `npm run package` runs it) a manifest that
 * still points at the development server is refused: such a package would not work anywhere else.
 * @param {{ dist: string, out?: string, requirePublicUrl?: boolean }} options
 * @returns {{ file: string, files: string[], version: string }}
 */
export function createPackage({ dist, out, requirePublicUrl = true }) {
  if (!existsSync(dist) || !statSync(dist).isDirectory()) {
    throw new PackageError(`Fant ikke byggemappen ${dist}. Kjør «npm run build -- --env publicUrl=https://…/» først.`, 2);
  }
  const files = hostingFiles(dist);
  for (const needed of ["manifest.xml", "taskpane.html", "functions.json", "functions.js", "LESMEG.txt"]) {
    if (!files.includes(needed)) {
      throw new PackageError(`${needed} mangler i ${dist}: er det et produksjonsbygg («npm run build»)?`, 1);
    }
  }
  const manifest = readFileSync(path.join(dist, "manifest.xml"), "utf8");
  if (requirePublicUrl && pointsAtLocalhost(manifest)) {
    throw new PackageError(
      "manifest.xml i byggemappen peker på localhost. Bygg med adressen filene skal ligge på:\n" +
        "  npm run build -- --env publicUrl=https://tillegg.example.no/nav-tiltak/",
      1,
    );
  }
  const version = manifestVersion(manifest);
  if (!version) throw new PackageError("manifest.xml i byggemappen har ikke noe <Version>-element.", 1);
  const target = out ?? path.join(root, `nav-tiltak-${version}.zip`);
  /** @type {import("fflate").Zippable} */
  const entries = {};
  for (const f of files) {
    const data = readFileSync(path.join(dist, ...f.split("/")));
    // PNGs are already compressed: store them as they are.
    entries[f] = [data, { level: f.endsWith(".png") ? 0 : 9 }];
  }
  writeFileSync(target, zipSync(entries, { mtime: new Date() }));
  return { file: target, files, version };
}

function main() {
  /** @type {{ dist?: string, ut?: string }} */
  let values;
  try {
    ({ values } = parseArgs({ options: { dist: { type: "string" }, ut: { type: "string" } }, allowPositionals: false }));
  } catch (error) {
    console.error(`Ugyldig bruk: ${error instanceof Error ? error.message : String(error)}`);
    console.error("Bruk: npm run package [-- --dist <byggemappe>] [--ut <fil.zip>]");
    return 2;
  }
  try {
    const result = createPackage({
      dist: path.resolve(values.dist ?? path.join(root, "dist")),
      out: values.ut ? path.resolve(values.ut) : undefined,
    });
    console.log(
      `Laget ${path.relative(process.cwd(), result.file) || result.file}: NAV tiltak ${result.version}, ${result.files.length} filer.`,
    );
    console.log("Se LESMEG.txt i pakken for webserveren, og «Utrulling» i README.md for Microsoft 365.");
    return 0;
  } catch (error) {
    if (error instanceof PackageError) {
      console.error(error.message);
      return error.exitCode;
    }
    console.error(`Kunne ikke lage pakken: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
