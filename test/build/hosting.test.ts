// Handing the add-in over for hosting: what `npm run build` puts in dist/ (no development pages,
// content-hashed scripts and styles, stable URLs for what the manifest names, a CSP on the task
// pane, LESMEG.txt), the manifest rewritten for a public address (checked offline like the root
// manifest), `npm run package` and `npm run versjon`. The packaged files in a browser are in
// test/pane/hosting-browser.test.ts.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextVersion, run as bumpVersion } from "../../src/build/bump-version.mjs";
import { deployManifest, isDevelopmentFile, normalizePublicUrl, pointsAtLocalhost, readme } from "../../src/build/hosting.mjs";
import { createPackage, hostingFiles, PackageError } from "../../src/build/package.mjs";
import { LIBRARY_BUILD_PATH } from "@nav-tiltak/excel-simulator";
import webpackConfig from "../../webpack.config.js";
import { buildOnce } from "../helpers/build.js";
import { DEV_URL, manifestProblems, manifestUrls, parseXml, readManifest, ROOT, validateWithSchema } from "../helpers/manifest.js";

const PUBLIC_URL = "https://tillegg.example.no/nav-tiltak/";
const CDN = "https://appsforoffice.microsoft.com";

let dist = "";
let scratch = "";
beforeAll(async () => {
  dist = await buildOnce();
  scratch = mkdtempSync(join(tmpdir(), "nav-tiltak-hosting-"));
}, 200_000);
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const read = (file: string): string => readFileSync(join(dist, file), "utf8");

type Config = Awaited<ReturnType<typeof webpackConfig>>;
const configFor = (env: Record<string, string | boolean>, mode: "production" | "development"): Promise<Config> =>
  webpackConfig(env, { mode });
const pages = (c: Config): string[] =>
  (c.plugins ?? []).flatMap((p) => {
    const options = (p as { userOptions?: { filename?: string } }).userOptions;
    return p?.constructor.name === "HtmlWebpackPlugin" && options?.filename ? [options.filename] : [];
  });

/** Where CopyWebpackPlugin puts the files it copies. */
const copiedTo = (c: Config): unknown[] =>
  (c.plugins ?? []).flatMap((p) => {
    const patterns = (p as { patterns?: { to?: unknown }[] }).patterns;
    return p?.constructor.name === "CopyPlugin" && patterns ? patterns.map((pattern) => pattern.to) : [];
  });

describe("webpack configuration", () => {
  it("npm run build has no preview page; npm start, build:dev and --env preview have it", async () => {
    const production = await configFor({}, "production");
    expect(Object.keys(production.entry as object).sort()).toEqual(["functions", "taskpane"]);
    expect(pages(production)).toEqual(["taskpane.html"]);
    expect(copiedTo(production)).not.toContain(LIBRARY_BUILD_PATH);
    for (const c of [await configFor({ preview: true }, "production"), await configFor({ WEBPACK_SERVE: true }, "development")]) {
      expect(Object.keys(c.entry as object)).toEqual(expect.arrayContaining(["preview", "office-stub"]));
      expect(pages(c)).toEqual(["taskpane.html", "preview.html"]);
      // The preview's copy of Microsoft's Excel client library.
      expect(copiedTo(c)).toContain(LIBRARY_BUILD_PATH);
    }
  });

  it("names scripts by content hash in production only", async () => {
    expect((await configFor({}, "production")).output?.filename).toBe("[name].[contenthash:8].js");
    expect((await configFor({}, "development")).output?.filename).toBe("[name].js");
  });

  it("refuses a publicUrl that is not an https folder address", async () => {
    expect(normalizePublicUrl("https://tillegg.example.no/nav-tiltak")).toBe(PUBLIC_URL);
    expect(normalizePublicUrl(" https://tillegg.example.no/ ")).toBe("https://tillegg.example.no/");
    for (const bad of ["http://tillegg.example.no/", "tillegg.example.no", "https://x.no/?v=1", "https://x.no/#a", "https://u:p@x.no/"]) {
      expect(() => normalizePublicUrl(bad), bad).toThrow(/publicUrl/);
    }
    await expect(configFor({ publicUrl: "http://tillegg.example.no/" }, "production")).rejects.toThrow(/https:\/\//);
  });

  it("with publicUrl, copies manifest.xml rewritten for that address, and LESMEG.txt names it", async () => {
    const c = await configFor({ publicUrl: "https://tillegg.example.no/nav-tiltak" }, "production");
    const copy = (c.plugins ?? []).find((p) => p?.constructor.name === "CopyPlugin") as unknown as {
      patterns: { from: string; transform?: (content: Buffer) => string }[];
    };
    const pattern = copy.patterns.find((p) => p.from === "manifest.xml");
    expect(pattern?.transform).toBeDefined();
    expect(pattern!.transform!(Buffer.from(readManifest()))).toBe(deployManifest(readManifest(), PUBLIC_URL));
    const text = readme({ version: "1.2.3.4", publicUrl: PUBLIC_URL, files: ["taskpane.html", "preview.html", "a.js.map"] });
    expect(text).toContain(`Bygget for adressen ${PUBLIC_URL}`);
    expect(text).toContain(`nås under ${PUBLIC_URL}`);
    expect(text).not.toMatch(/ADVARSEL|preview|\.map\n/);
  });
});

describe("the manifest for a public address", () => {
  const deployed = deployManifest(readManifest(), PUBLIC_URL);

  it("points every development URL at the public address, file for file", () => {
    const before = manifestUrls(parseXml(readManifest()));
    const after = manifestUrls(parseXml(deployed));
    expect(after).toEqual(before.map((u) => u.replace(DEV_URL, PUBLIC_URL)));
    expect(after.filter((u) => u.startsWith(PUBLIC_URL)).length).toBe(before.filter((u) => u.startsWith(DEV_URL)).length);
    expect(pointsAtLocalhost(deployed)).toBe(false);
    expect(pointsAtLocalhost(readManifest())).toBe(true);
  });

  it("passes the same offline checks as the root manifest (XML Schema and structure)", async () => {
    const schema = await validateWithSchema(deployed);
    expect(schema.valid, schema.output).toBe(true);
    expect(manifestProblems(deployed)).toEqual([]);
  });

  it("is refused if a localhost URL would remain", () => {
    const stray = readManifest().replace("https://www.nav.no/", "https://localhost:8080/");
    expect(() => deployManifest(stray, PUBLIC_URL)).toThrow(/localhost/);
  });
});

describe("production build output", () => {
  const localRefs = (html: string): string[] =>
    [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']?([^"'\s>]+)/g)]
      .map((m) => m[1] as string)
      .filter((u) => !/^https?:/.test(u));

  it("the task pane page loads content-hashed scripts and styles that exist", () => {
    const refs = localRefs(read("taskpane.html"));
    expect(refs.some((r) => r.endsWith(".css"))).toBe(true);
    for (const ref of refs) {
      expect(ref, "no cache-busting query: the name itself changes").not.toContain("?");
      expect(ref).toMatch(/^[a-z-]+\.[0-9a-f]{8}\.(js|css)$/);
      expect(existsSync(join(dist, ref)), ref).toBe(true);
    }
  });

  it("every URL the manifest names keeps a stable name in the build", () => {
    const named = manifestUrls(parseXml(read("manifest.xml"))).filter((u) => u.startsWith(DEV_URL));
    for (const url of named) {
      const file = new URL(url).pathname.slice(1);
      expect(file, "a manifest URL must not change with each build").not.toMatch(/\.[0-9a-f]{8}\./);
      expect(existsSync(join(dist, file)), file).toBe(true);
    }
    // functions.js (named by the manifest) is the very bundle the page loads.
    const hashed = localRefs(read("taskpane.html")).find((r) => r.startsWith("functions."));
    expect(hashed).toBeDefined();
    expect(read("functions.js")).toBe(read(hashed!));
  });

  it("the task pane page has a Content-Security-Policy before anything it loads, and nothing inline", () => {
    const html = read("taskpane.html");
    const head = /<head>([\s\S]*)<\/head>/.exec(html)?.[1] ?? "";
    const first = /<(meta|script|link|style)\b[^>]*>/g;
    const tags = [...head.matchAll(first)].map((m) => m[0]);
    const cspIndex = tags.findIndex((t) => /http-equiv=["']?Content-Security-Policy/i.test(t));
    expect(cspIndex).toBeGreaterThanOrEqual(0);
    expect(tags.slice(0, cspIndex).every((t) => t.startsWith("<meta"))).toBe(true);
    const csp = /content="([^"]*)"/.exec(tags[cspIndex]!)?.[1] ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'", CDN]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    for (const [name, values] of directives) {
      expect(values, name).not.toContain("'unsafe-eval'");
      for (const v of values)
        expect(v, `${name} allows only this origin and the Office.js CDN`).toMatch(
          /^('[a-z-]+'|data:|https:\/\/appsforoffice\.microsoft\.com)$/,
        );
    }
    // Scripts: all from a file. No inline script, event-handler attribute or <style> of ours.
    for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [])
      expect(script).toMatch(/^<script\b[^>]*\ssrc=[^>]*><\/script>$/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/<style\b|\sstyle=/i);
  });

  it("LESMEG.txt tells the hosting team the version, the files and the rules", () => {
    const text = read("LESMEG.txt");
    expect(text).toContain(`NAV tiltak ${/<Version>([^<]+)</.exec(readManifest())?.[1]}`);
    // Built without publicUrl: the readme says so instead of pretending.
    expect(text).toContain("bygget uten publicUrl");
    for (const f of hostingFiles(dist).filter((f) => !f.endsWith(".map"))) expect(text, f).toContain(`  ${f}\n`);
    expect(text).not.toMatch(/preview|office-stub/);
    expect(text).toMatch(/https/);
    expect(text).toMatch(/innlogging/);
  });
});

describe("npm run package", () => {
  it("zips manifest.xml, LESMEG.txt and every file to host, and nothing of the development pages", () => {
    const out = join(scratch, "pakke.zip");
    const result = createPackage({ dist, out, requirePublicUrl: false });
    const entries = unzipSync(readFileSync(out));
    const names = Object.keys(entries).sort();
    expect(names).toEqual([...result.files].sort());
    expect(names).toEqual(
      expect.arrayContaining(["manifest.xml", "LESMEG.txt", "taskpane.html", "functions.json", "functions.js", "assets/icon-32.png"]),
    );
    expect(names.filter(isDevelopmentFile)).toEqual([]);
    expect(existsSync(join(dist, "preview.html")), "the test build has a preview to leave out").toBe(true);
    for (const name of names) expect(Buffer.from(entries[name]!).equals(readFileSync(join(dist, name))), name).toBe(true);
  });

  it("refuses a build whose manifest points at localhost (exit 1) and a missing build (exit 2)", () => {
    const refused = (): unknown => {
      try {
        createPackage({ dist, out: join(scratch, "x.zip") });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const error = refused();
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(/localhost.*\n.*publicUrl=https/);
    expect(existsSync(join(scratch, "x.zip"))).toBe(false);

    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "src/build/package.mjs"), ...args], { encoding: "utf8" });
    const missing = cli("--dist", join(scratch, "finnes-ikke"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Fant ikke byggemappen");
    const local = cli("--dist", dist, "--ut", join(scratch, "y.zip"));
    expect(local.status).toBe(1);
    expect(local.stderr).toContain("peker på localhost");
    expect(cli("--ukjent").status).toBe(2);
  });
});

describe("npm run versjon", () => {
  it("raises major, minor or patch, or sets a higher version", () => {
    expect(nextVersion("1.0.0.0", "patch")).toBe("1.0.1.0");
    expect(nextVersion("1.2.3.4", "minor")).toBe("1.3.0.0");
    expect(nextVersion("1.2.3", "major")).toBe("2.0.0.0");
    expect(nextVersion("1.0.0.0", "1.0.0.1")).toBe("1.0.0.1");
    expect(() => nextVersion("1.1.0.0", "1.0.9")).toThrow(/høyere/);
    expect(() => nextVersion("1.0.0.0", "1.0.0.0")).toThrow(/høyere/);
    expect(() => nextVersion("1.0.0.0", "neste")).toThrow(/ikke major/);
    expect(() => nextVersion("1.0.0.0", "70000.0")).toThrow();
  });

  it("changes only <Version> in manifest.xml, and says why it refuses", () => {
    const file = join(scratch, "manifest.xml");
    writeFileSync(file, readManifest());
    expect(bumpVersion([], file)).toBe(0);
    const bumped = readFileSync(file, "utf8");
    const before = readManifest().split("\n");
    const after = bumped.split("\n");
    const changed = after.flatMap((line, i) => (line !== before[i] ? [line.trim()] : []));
    expect(changed).toEqual([`<Version>${nextVersion(/<Version>([^<]+)</.exec(readManifest())![1]!, "patch")}</Version>`]);
    expect(manifestProblems(bumped)).toEqual([]);
    expect(bumpVersion(["0.1"], file)).toBe(1);
    expect(bumpVersion(["patch", "minor"], file)).toBe(2);
    expect(bumpVersion([], join(scratch, "mangler.xml"))).toBe(2);
    expect(readFileSync(file, "utf8")).toBe(bumped);
  });
});
