// The production webpack build (shared with other test files through helpers/build.ts): the files
// the manifest points at exist, the shared runtime page loads both bundles, functions.json
// describes the functions declared in src/functions/custom-functions.ts, and the pane stays small.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { isDevelopmentFile } from "../../src/build/hosting.mjs";
import { LIBRARY_BUILD_PATH, LIBRARY_PACKAGE_FILE } from "@nav-tiltak/excel-simulator";
import { buildOnce } from "../helpers/build.js";
import { DEV_URL, manifestUrls, parseXml, readManifest, ROOT } from "../helpers/manifest.js";

/** Budget for the JavaScript the task pane page loads (office.js, from the CDN, excluded). */
const PANE_BUDGET_GZIP = 60 * 1024;

let dist = "";
beforeAll(async () => {
  dist = await buildOnce();
});

const read = (file: string): string => readFileSync(join(dist, file), "utf8");

/** Script src values in an HTML file, without cache-busting query strings. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => (m[1] as string).replace(/\?.*$/, ""));
}

/** The content-hashed file of an entry a page loads, e.g. taskpane → taskpane.1a2b3c4d.js. */
function hashedEntry(src: string[], name: string): string | undefined {
  return src.find((s) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(s));
}

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters?: { name: string; type?: string }[];
  result?: { type?: string; dimensionality?: string };
}

describe("production build", () => {
  it("emits the add-in's files", () => {
    for (const file of [
      "taskpane.html",
      "functions.js",
      "functions.json",
      "LESMEG.txt",
      "manifest.xml",
      "assets/icon-16.png",
      "assets/icon-32.png",
      "assets/icon-64.png",
      "assets/icon-80.png",
    ]) {
      expect(existsSync(join(dist, file)), file).toBe(true);
    }
    // Only the icons are copied from assets/, not the generator script.
    expect(readdirSync(join(dist, "assets")).every((f) => f.endsWith(".png"))).toBe(true);
  });

  it("copies manifest.xml unchanged, and every URL it serves from localhost is in the build", () => {
    const manifest = read("manifest.xml");
    expect(manifest).toBe(readManifest());
    const local = manifestUrls(parseXml(manifest)).filter((u) => u.startsWith(DEV_URL));
    expect(local.length).toBeGreaterThan(0);
    for (const url of local) {
      const path = new URL(url).pathname.slice(1);
      expect(existsSync(join(dist, path)), `${url} is not in the build`).toBe(true);
    }
  });

  it("loads Office.js from the CDN, then the task pane and the custom functions (shared runtime)", () => {
    const html = read("taskpane.html");
    const src = scripts(html);
    expect(src[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(hashedEntry(src, "taskpane"), src.join(", ")).toBeDefined();
    expect(hashedEntry(src, "functions"), src.join(", ")).toBeDefined();
    expect(src.indexOf(hashedEntry(src, "taskpane")!)).toBeLessThan(src.indexOf(hashedEntry(src, "functions")!));
    expect(src.filter((s) => /^https?:/.test(s))).toEqual([src[0]]);
  });

  it("gives the preview page Microsoft's Excel client library, not office.js or the custom functions bundle", () => {
    const src = scripts(read("preview.html"));
    expect(hashedEntry(src, "preview")).toBeDefined();
    expect(src.some((s) => s.startsWith("functions"))).toBe(false);
    expect(src.some((s) => s.includes("office.js"))).toBe(false);
    // The library first (the bundle takes it from the page's globals), the very file the tests load in Node.
    expect(src.indexOf(LIBRARY_BUILD_PATH)).toBe(0);
    const pkg = createRequire(import.meta.url).resolve(LIBRARY_PACKAGE_FILE);
    expect(readFileSync(join(dist, LIBRARY_BUILD_PATH)).equals(readFileSync(pkg))).toBe(true);
    expect(isDevelopmentFile(LIBRARY_BUILD_PATH), "never in the package").toBe(true);
  });

  it("generates functions.json from the @customfunction JSDoc, and registers every function", () => {
    const metadata = JSON.parse(read("functions.json")) as { functions: FunctionMetadata[] };
    expect(Array.isArray(metadata.functions)).toBe(true);
    const ids = metadata.functions.map((f) => f.id);
    const declared = [
      ...readFileSync(join(ROOT, "src/functions/custom-functions.ts"), "utf8").matchAll(/^\s*\*\s*@customfunction\s+([A-Za-z0-9_.]+)/gm),
    ].map((m) => (m[1] as string).toUpperCase());
    expect(declared.length).toBeGreaterThan(0);
    expect([...ids].sort()).toEqual([...declared].sort());
    expect(new Set(ids).size).toBe(ids.length);
    const bundle = read("functions.js");
    for (const f of metadata.functions) {
      expect(f.name).toMatch(/^[A-ZÆØÅ][A-ZÆØÅ0-9._]*$/);
      expect(f.description ?? "", `${f.id} needs a description`).not.toBe("");
      expect(bundle, `functions.js must register ${f.id}`).toContain(`CustomFunctions.associate("${f.id}"`);
    }
  });

  it(`keeps the JavaScript the task pane page loads within ${PANE_BUDGET_GZIP / 1024} KB gzip`, () => {
    const src = scripts(read("taskpane.html")).filter((s) => !/^https?:/.test(s));
    const sizes = Object.fromEntries(src.map((s) => [s, gzipSync(readFileSync(join(dist, s)), { level: 9 }).length]));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`task pane JavaScript, gzip: ${JSON.stringify(sizes)} = ${total} bytes`);
    expect(total, `gzip sizes ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(PANE_BUDGET_GZIP);
  });
});
