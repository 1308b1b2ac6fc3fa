// @ts-check
// What a production build hands to the hosting team, in one place for the webpack config, the
// package script and the tests: which files are development-only, how the manifest is pointed at
// the public address, and the short LESMEG.txt that goes with the files.

/** Where manifest.xml says the add-in is served from during development (npm start). */
export const DEV_URL = "https://localhost:3000/";

/**
 * The development pages and their bundles (the preview beside a fake workbook and the Office.js
 * stand-in it uses). `npm run build` leaves them out; the package never contains them.
 * @param {string} file path relative to the build directory, with forward slashes
 */
export function isDevelopmentFile(file) {
  return /^(preview|office-stub)[.-]/.test(file);
}

/**
 * Checks and normalises the public address the add-in is served from: an absolute https URL of a
 * folder (a trailing slash is added), without query, fragment or credentials. Office loads add-ins
 * only over https, and every URL in the manifest is this address plus a file name.
 * @param {string} raw
 * @returns {string}
 */
export function normalizePublicUrl(raw) {
  /** @type {URL} */
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`publicUrl «${raw}» er ikke en gyldig adresse. Eksempel: --env publicUrl=https://tillegg.example.no/nav-tiltak/`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`publicUrl «${raw}» må begynne med https:// (Office laster bare tillegg over https).`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`publicUrl «${raw}» kan ikke ha spørredel (?), fragment (#) eller brukernavn/passord.`);
  }
  return url.href.replace(/\/?$/, "/");
}

/**
 * The manifest for a deployment: every development URL replaced by the public address. Throws if
 * a URL of the development server would remain.
 * @param {string} xml manifest.xml as written for development
 * @param {string} publicUrl normalised public address (see normalizePublicUrl)
 */
export function deployManifest(xml, publicUrl) {
  const out = xml.replaceAll(DEV_URL, publicUrl);
  if (publicUrl !== DEV_URL && /localhost[:/]/.test(out.replace(/<!--[\s\S]*?-->/g, ""))) {
    throw new Error("manifest.xml peker fortsatt på localhost etter omskriving til publicUrl.");
  }
  return out;
}

/** The manifest's <Version> text, or null. @param {string} xml */
export function manifestVersion(xml) {
  return /<Version>\s*([^<\s]+)\s*<\/Version>/.exec(xml)?.[1] ?? null;
}

/** Whether a manifest (comments aside) still points at the development server. */
export function pointsAtLocalhost(/** @type {string} */ xml) {
  return /https?:\/\/localhost[:/]/.test(xml.replace(/<!--[\s\S]*?-->/g, ""));
}

/**
 * dist/LESMEG.txt, for whoever puts the files on the web server (Norwegian, plain text).
 * @param {{ version: string, publicUrl: string | null, files: string[] }} build
 */
export function readme({ version, publicUrl, files }) {
  const address = publicUrl ?? DEV_URL;
  const listed = files.filter((f) => !f.endsWith(".map") && !isDevelopmentFile(f)).sort();
  return [
    `NAV tiltak ${version} – filer til webserveren`,
    "",
    publicUrl
      ? `Bygget for adressen ${publicUrl}`
      : `ADVARSEL: bygget uten publicUrl, så manifest.xml peker på ${DEV_URL} (bare for utvikling).`,
    "",
    `1. Legg alle filene i denne mappen (med undermapper) ut slik at de nås under ${address}`,
    "   over https, uten innlogging foran (Office henter filene uten brukerens pålogging).",
    "2. Innholdstyper: .html text/html, .js text/javascript, .css text/css, .json application/json,",
    "   .xml application/xml, .png image/png, .map application/json.",
    "3. Mellomlagring: taskpane.html, functions.json, functions.js og manifest.xml har faste navn og må",
    "   sendes med «Cache-Control: no-cache». Filene med innholdsnøkkel i navnet (f.eks.",
    "   taskpane.1a2b3c4d.js) endrer navn ved hver endring og kan mellomlagres lenge (immutable).",
    "4. Legg ut de nye filene før den gamle versjonen fjernes; eldre nøkkelfiler kan ligge igjen.",
    "5. manifest.xml lastes opp i Microsoft 365 administrasjonssenter (Integrerte apper).",
    "",
    "taskpane.html har sin egen Content-Security-Policy (meta-element). Send gjerne den samme som",
    "HTTP-header. Tillegget henter ingenting fra nettet utenom Office.js fra appsforoffice.microsoft.com.",
    "",
    "Filer:",
    ...listed.map((f) => `  ${f}`),
    "",
  ].join("\n");
}
