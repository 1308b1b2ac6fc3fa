// Offline manifest check (`npm run validate` asks Microsoft's web service, unreachable here):
// 1. office-addin-manifest's own reader parses manifest.xml;
// 2. xmllint-wasm (libxml2 in WebAssembly, no system package) validates it against Microsoft's
//    published manifest XML Schemas (test/schemas);
// 3. the documented structure the schemas cannot express (test/helpers/manifest.ts).
// Each check also rejects mutated copies, so a check that accepts anything fails here.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { describe, expect, it } from "vitest";
import {
  child,
  DEV_URL,
  MANIFEST_FILE,
  manifestProblems,
  manifestUrls,
  parseXml,
  readManifest,
  resources,
  ROOT,
  validateWithSchema,
} from "../helpers/manifest.js";

const manifest = readManifest();

/** A copy of the manifest with one exact substring replaced (which must occur once). */
function mutate(from: string | RegExp, to: string): string {
  const hits = typeof from === "string" ? manifest.split(from).length - 1 : (manifest.match(new RegExp(from, "g")) ?? []).length;
  expect(hits, `mutation target ${String(from)} must occur exactly once`).toBe(1);
  return manifest.replace(from, to);
}

/** Reads width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe("manifest.xml, read by office-addin-manifest", () => {
  it("has the add-in's identity, host and permissions", async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST_FILE);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.id).not.toBe("00000000-0000-0000-0000-000000000000");
    expect(info.version).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    expect(info.providerName).toBe("NAV tiltak");
    expect(info.displayName).toBe("NAV tiltak");
    expect(info.defaultLocale).toBe("nb-NO");
    expect(info.description?.length).toBeGreaterThan(0);
    expect(info.description?.length).toBeLessThanOrEqual(250);
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_URL}taskpane.html`);
    expect(info.iconUrl).toBe(`${DEV_URL}assets/icon-32.png`);
    expect(info.highResolutionIconUrl).toBe(`${DEV_URL}assets/icon-64.png`);
    expect(info.supportUrl).toMatch(/^https:\/\//);
    expect(info.appDomains ?? []).toEqual([]);
  });
});

describe("manifest.xml against Microsoft's manifest XML Schemas (xmllint-wasm)", () => {
  it("is valid", async () => {
    const result = await validateWithSchema(manifest);
    expect(result.output).toContain("validates");
    expect(result.valid, result.output).toBe(true);
  });

  const invalid: [string, string][] = [
    ["a runtime lifetime that does not exist", mutate('lifetime="long"', 'lifetime="forever"')],
    ["an Id that is not a GUID", mutate(/<Id>[0-9a-f]/, "<Id>x")],
    ["a five-part Version", mutate(/<Version>([^<]+)<\/Version>/, "<Version>1.0.0.0.0</Version>")],
    ["an unknown permission", mutate("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadWriteAll</Permissions>")],
    [
      "a DisplayName over 125 characters",
      mutate('<DisplayName DefaultValue="NAV tiltak"/>', `<DisplayName DefaultValue="${"N".repeat(126)}"/>`),
    ],
    ["a long string over 250 characters", mutate(/(<bt:String id="TaskpaneButton.Tooltip" DefaultValue=")[^"]*"/, `$1${"x".repeat(251)}"`)],
    ["a resource id over 32 characters", mutate('<bt:Url id="Functions.Script.Url"', `<bt:Url id="${"F".repeat(33)}"`)],
    ["Runtimes after AllFormFactors", manifestWithRuntimesMoved()],
    ["an element in the wrong namespace", mutate("<Permissions>", "<bt:Permissions>").replace("</Permissions>", "</bt:Permissions>")],
    ["a button without an icon", mutate(/(<Control xsi:type="Button"[^>]*>[\s\S]*?)<Icon>[\s\S]*?<\/Icon>/, "$1")],
  ];

  it.each(invalid)("rejects a copy with %s", async (_what, xml) => {
    const result = await validateWithSchema(xml);
    expect(result.valid, result.output).toBe(false);
    expect(result.output).toMatch(/fails to validate/);
  });
});

function manifestWithRuntimesMoved(): string {
  const runtimes = /\s*<Runtimes>[\s\S]*?<\/Runtimes>/.exec(manifest)?.[0];
  expect(runtimes).toBeDefined();
  return manifest.replace(runtimes as string, "").replace("</AllFormFactors>", `</AllFormFactors>${runtimes}`);
}

describe("manifest.xml: documented structure beyond the schemas", () => {
  it("has no problems", () => {
    expect(manifestProblems(manifest)).toEqual([]);
  });

  it("wires the shared runtime: Runtime, custom functions Page, FunctionFile and button on taskpane.html", () => {
    const root = parseXml(manifest);
    const res = resources(root);
    const host = child(child(child(root, "VersionOverrides"), "Hosts"), "Host");
    const runtime = child(child(host, "Runtimes"), "Runtime");
    expect(runtime.attrs).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
    expect(res.urls.get("Taskpane.Url")).toBe(`${DEV_URL}taskpane.html`);
    const cf = child(child(host, "AllFormFactors"), "ExtensionPoint");
    expect(child(child(cf, "Page"), "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(res.urls.get(child(child(cf, "Script"), "SourceLocation").attrs.resid ?? "")).toBe(`${DEV_URL}functions.js`);
    expect(res.urls.get(child(child(cf, "Metadata"), "SourceLocation").attrs.resid ?? "")).toBe(`${DEV_URL}functions.json`);
    expect(res.shortStrings.get(child(cf, "Namespace").attrs.resid ?? "")).toBe("NAV");
    expect(child(child(host, "DesktopFormFactor"), "FunctionFile").attrs.resid).toBe("Taskpane.Url");
  });

  it("points every localhost URL at the dev server, and its icons at PNGs of the right size", () => {
    const urls = manifestUrls(parseXml(manifest));
    const local = urls.filter((u) => u.startsWith("https://localhost"));
    expect(local.length).toBeGreaterThan(0);
    for (const url of local) expect(url.startsWith(DEV_URL), url).toBe(true);
    const icons = local.filter((u) => u.includes("/assets/"));
    expect(icons.length).toBeGreaterThanOrEqual(4);
    for (const url of icons) {
      const file = join(ROOT, url.slice(DEV_URL.length));
      expect(existsSync(file), `${url} → ${file}`).toBe(true);
      const size = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  const broken: [string, string, string][] = [
    [
      "an undefined resid",
      mutate('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Functions.Navnerom"/>'),
      '"Functions.Navnerom" on <Namespace> is not defined',
    ],
    [
      "a resid naming the wrong kind of resource",
      mutate('<Title resid="GetStarted.Title"/>', '<Title resid="GetStarted.Description"/>'),
      '"GetStarted.Description" on <Title> is not defined in shortStrings',
    ],
    ["a short-lived runtime", mutate('lifetime="long"', 'lifetime="short"'), 'lifetime="long"'],
    [
      "custom functions on their own page",
      mutate(/(<Page>\s*<SourceLocation resid=")Taskpane.Url"/, '$1Functions.Script.Url"'),
      "Page must use the shared Runtime",
    ],
    ["a plain-http URL", mutate('"https://localhost:3000/functions.json"', '"http://localhost:3000/functions.json"'), "URL must be https"],
    ["no SharedRuntime requirement", mutate(/\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/, ""), "SharedRuntime 1.1"],
    ["ExcelApi below 1.7", mutate('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.6"/>'), "ExcelApi 1.7"],
    [
      "another namespace for the functions",
      mutate('<bt:String id="Functions.Namespace" DefaultValue="NAV"/>', '<bt:String id="Functions.Namespace" DefaultValue="CONTOSO"/>'),
      "Namespace must be NAV",
    ],
    [
      "an unused resource",
      mutate("</bt:ShortStrings>", '  <bt:String id="Ubrukt" DefaultValue="ubrukt"/>\n      </bt:ShortStrings>'),
      "Ubrukt is defined but never used",
    ],
    ["a default locale other than nb-NO", mutate("<DefaultLocale>nb-NO</DefaultLocale>", "<DefaultLocale>en-US</DefaultLocale>"), "nb-NO"],
    ["XML that is not well-formed", mutate("</Hosts>\n  <Requirements>", "</Hostz>\n  <Requirements>"), "not well-formed"],
  ];

  it.each(broken)("rejects a copy with %s", (_what, xml, expected) => {
    const problems = manifestProblems(xml);
    expect(
      problems.some((p) => p.includes(expected)),
      problems.join("\n"),
    ).toBe(true);
  });
});
