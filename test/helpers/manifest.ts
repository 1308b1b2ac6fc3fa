// Reading and checking the add-in only (XML) manifest offline, for test/build/manifest.test.ts and
// test/build/build.test.ts: a small XML reader (enough for a manifest: elements, attributes, text,
// comments, the XML declaration) and the structural checks the XML Schemas cannot express.

import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const MANIFEST_FILE = join(ROOT, "manifest.xml");
export const SCHEMA_FILE = join(ROOT, "test/schemas/OfficeAppManifestV1_1.xsd");
/** Where the manifest points during development; the build serves these paths. */
export const DEV_URL = "https://localhost:3000/";

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  /** Name without prefix, e.g. "Image". */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = ENTITIES[ref];
    if (named === undefined) throw new Error(`Unknown XML entity ${whole}`);
    return named;
  });
}

/** Parses a well-formed XML document without DTDs or CDATA; throws on anything else. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < xml.length) {
    token.lastIndex = pos;
    m = token.exec(xml);
    if (!m) throw new Error(`XML syntax error at offset ${pos}: ${xml.slice(pos, pos + 40)}`);
    pos = token.lastIndex;
    const [whole, closing, opening, attrText, selfClosing, text] = m;
    if (closing !== undefined) {
      const open = stack.pop();
      if (!open || open.name !== closing) throw new Error(`Mismatched </${closing}> at offset ${m.index}`);
    } else if (opening !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? "").matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const name = a[1] as string;
        if (name in attrs) throw new Error(`Duplicate attribute ${name} on <${opening}>`);
        attrs[name] = decode(a[2] ?? a[3] ?? "");
      }
      const el: XmlElement = { name: opening, local: opening.replace(/^.*:/, ""), attrs, children: [], text: "" };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new Error("More than one root element");
      else root = el;
      if (!selfClosing) stack.push(el);
    } else if (text !== undefined) {
      const parent = stack[stack.length - 1];
      if (parent) parent.text += decode(text);
      else if (text.trim() !== "") throw new Error("Text outside the root element");
    } else if (whole.startsWith("<!") && !whole.startsWith("<!--")) {
      throw new Error("DTDs and CDATA are not supported");
    }
  }
  if (stack.length > 0) throw new Error(`Unclosed <${stack[stack.length - 1]?.name}>`);
  if (!root) throw new Error("No root element");
  return root;
}

/** All descendants (depth first) with this local name. */
export function findAll(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.local === local) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The single child with this local name; throws if there is none or more than one. */
export function child(el: XmlElement, local: string): XmlElement {
  const found = el.children.filter((c) => c.local === local);
  if (found.length !== 1) throw new Error(`<${el.name}> has ${found.length} <${local}> children, expected 1`);
  return found[0] as XmlElement;
}

export function readManifest(file: string = MANIFEST_FILE): string {
  return readFileSync(file, "utf8");
}

/** The resources under VersionOverrides/Resources: id → value, per collection. */
export interface ManifestResources {
  images: Map<string, string>;
  urls: Map<string, string>;
  shortStrings: Map<string, string>;
  longStrings: Map<string, string>;
}

export function resources(root: XmlElement): ManifestResources {
  const res = child(child(root, "VersionOverrides"), "Resources");
  const collect = (collection: string): Map<string, string> => {
    const map = new Map<string, string>();
    const el = res.children.find((c) => c.local === collection);
    for (const item of el?.children ?? []) {
      const id = item.attrs.id ?? "";
      if (map.has(id)) throw new Error(`Resource id ${id} defined twice in ${collection}`);
      map.set(id, item.attrs.DefaultValue ?? "");
    }
    return map;
  };
  return {
    images: collect("Images"),
    urls: collect("Urls"),
    shortStrings: collect("ShortStrings"),
    longStrings: collect("LongStrings"),
  };
}

/** Every absolute URL in the manifest: DefaultValue attributes that look like URLs. */
export function manifestUrls(root: XmlElement): string[] {
  const urls: string[] = [];
  const walk = (e: XmlElement): void => {
    const v = e.attrs.DefaultValue;
    if (v !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) urls.push(v);
    e.children.forEach(walk);
  };
  walk(root);
  return urls;
}

/** Which resource collection a resid on an element of this local name must name. */
function residKind(el: XmlElement): keyof ManifestResources | undefined {
  switch (el.local) {
    case "Image":
      return "images";
    case "SourceLocation":
    case "LearnMoreUrl":
    case "FunctionFile":
    case "Runtime":
      return "urls";
    case "Label":
    case "Title":
    case "Namespace":
      return "shortStrings";
    case "Description":
      return "longStrings";
    default:
      return undefined;
  }
}

function version(v: string | undefined): number[] {
  return (v ?? "").split(".").map((n) => Number(n));
}

function atLeast(actual: string | undefined, wanted: string): boolean {
  const a = version(actual);
  const w = version(wanted);
  for (let i = 0; i < Math.max(a.length, w.length); i++) {
    const x = a[i] ?? 0;
    const y = w[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Requirement sets the add-in needs (the base manifest's Requirements). */
export const REQUIRED_SETS: Record<string, string> = {
  SharedRuntime: "1.1",
  // 1.2: the functions return CustomFunctions.Error with Norwegian messages.
  CustomFunctionsRuntime: "1.2",
  ExcelApi: "1.7",
};

/**
 * The documented structure the XML Schemas cannot check. Returns the problems found, in English
 * (an empty list means the manifest is fine).
 */
export function manifestProblems(xml: string): string[] {
  const problems: string[] = [];
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`];
  }
  const check = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  try {
    check(root.local === "OfficeApp" && root.attrs["xsi:type"] === "TaskPaneApp", "root must be a TaskPaneApp OfficeApp");
    const text = (local: string): string => child(root, local).text.trim();
    const defaultValue = (local: string): string => child(root, local).attrs.DefaultValue ?? "";

    check(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text("Id")), "Id must be a GUID");
    check(/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text("Version")), "Version must be 1–4 dot-separated numbers (n.n.n.n)");
    check(text("DefaultLocale") === "nb-NO", "DefaultLocale must be nb-NO");
    check(text("Permissions") === "ReadWriteDocument", "Permissions must be ReadWriteDocument");
    const displayName = defaultValue("DisplayName");
    check(displayName.length >= 1 && displayName.length <= 125, "DisplayName must be 1–125 characters");
    const description = defaultValue("Description");
    check(description.length >= 1 && description.length <= 250, "Description must be 1–250 characters");
    check(text("ProviderName").length <= 125, "ProviderName must be at most 125 characters");

    const hosts = child(root, "Hosts").children.map((h) => h.attrs.Name);
    check(hosts.length === 1 && hosts[0] === "Workbook", "Hosts must be exactly Workbook");

    // Requirements: every set the add-in needs, at its minimum version.
    const sets = new Map<string, string>();
    const setsEl = child(child(root, "Requirements"), "Sets");
    for (const s of setsEl.children) sets.set(s.attrs.Name ?? "", s.attrs.MinVersion ?? setsEl.attrs.DefaultMinVersion ?? "1.1");
    for (const [name, min] of Object.entries(REQUIRED_SETS)) {
      check(sets.has(name) && atLeast(sets.get(name), min), `Requirements must include ${name} ${min} or later`);
    }

    // Every URL https; the dev URLs on https://localhost:3000/.
    for (const url of manifestUrls(root)) check(url.startsWith("https://"), `URL must be https: ${url}`);
    check(defaultValue("IconUrl").endsWith("/assets/icon-32.png"), "IconUrl must be the 32 px icon");
    check(defaultValue("HighResolutionIconUrl").endsWith("/assets/icon-64.png"), "HighResolutionIconUrl must be the 64 px icon");
    const sourceLocation = child(child(root, "DefaultSettings"), "SourceLocation").attrs.DefaultValue ?? "";
    check(sourceLocation.endsWith("/taskpane.html"), "DefaultSettings/SourceLocation must be taskpane.html");

    // Resources: ids ≤ 32 characters, string lengths within the documented limits.
    const res = resources(root);
    for (const [kind, map] of Object.entries(res) as [keyof ManifestResources, Map<string, string>][]) {
      for (const [id, value] of map) {
        check(id.length >= 1 && id.length <= 32, `resource id must be 1–32 characters: ${id}`);
        if (kind === "shortStrings") check(value.length >= 1 && value.length <= 125, `ShortString ${id} must be 1–125 characters`);
        if (kind === "longStrings") check(value.length >= 1 && value.length <= 250, `LongString ${id} must be 1–250 characters`);
        if (kind === "urls" || kind === "images") check(value.startsWith("https://"), `${id} must be an https URL`);
      }
    }

    // Every resid resolves in the right collection, and every resource is used.
    const vo = child(root, "VersionOverrides");
    const used = new Set<string>();
    const walk = (e: XmlElement): void => {
      const resid = e.attrs.resid;
      if (resid !== undefined) {
        const kind = residKind(e);
        if (!kind) problems.push(`resid on unexpected element <${e.name}>`);
        else check(res[kind].has(resid), `resid "${resid}" on <${e.name}> is not defined in ${kind}`);
        used.add(resid);
      }
      e.children.forEach(walk);
    };
    vo.children.filter((c) => c.local !== "Resources").forEach(walk);
    for (const map of Object.values(res) as Map<string, string>[]) {
      for (const id of map.keys()) check(used.has(id), `resource ${id} is defined but never used`);
    }

    // Icons: every icon list has the mandatory sizes 16, 32 and 80.
    for (const icon of findAll(vo, "Icon")) {
      const sizes = new Set(icon.children.map((i) => i.attrs.size));
      for (const size of ["16", "32", "80"]) check(sizes.has(size), `an <Icon> lacks the mandatory ${size} px image`);
    }

    // VersionOverrides: one Workbook host with the shared runtime.
    const hostsVo = child(vo, "Hosts").children;
    check(hostsVo.length === 1 && hostsVo[0]?.attrs["xsi:type"] === "Workbook", "VersionOverrides must have one Workbook host");
    const host = hostsVo[0] as XmlElement;
    const runtimes = child(host, "Runtimes").children;
    check(runtimes.length === 1, "exactly one <Runtime> (shared runtime)");
    const runtime = runtimes[0];
    check(runtime?.attrs.lifetime === "long", 'the shared <Runtime> must have lifetime="long"');
    const runtimeResid = runtime?.attrs.resid ?? "";
    const runtimeUrl = res.urls.get(runtimeResid) ?? "";
    check(runtimeUrl === sourceLocation, "the shared Runtime must load the task pane page (DefaultSettings/SourceLocation)");

    // Custom functions in the shared runtime: Page = the runtime's page, Script = functions.js,
    // Metadata = functions.json, Namespace NAV.
    const cf = child(child(host, "AllFormFactors"), "ExtensionPoint");
    check(cf.attrs["xsi:type"] === "CustomFunctions", "AllFormFactors must hold the CustomFunctions extension point");
    const residOf = (el: XmlElement, local: string): string => child(child(el, local), "SourceLocation").attrs.resid ?? "";
    check(residOf(cf, "Page") === runtimeResid, "custom functions Page must use the shared Runtime's resid");
    check((res.urls.get(residOf(cf, "Script")) ?? "").endsWith("/functions.js"), "custom functions Script must be functions.js");
    check((res.urls.get(residOf(cf, "Metadata")) ?? "").endsWith("/functions.json"), "custom functions Metadata must be functions.json");
    check(res.shortStrings.get(child(cf, "Namespace").attrs.resid ?? "") === "NAV", "custom functions Namespace must be NAV");

    // Ribbon: FunctionFile and the ShowTaskpane button on the shared runtime's page.
    const desktop = child(host, "DesktopFormFactor");
    check(child(desktop, "FunctionFile").attrs.resid === runtimeResid, "FunctionFile must use the shared Runtime's resid");
    const actions = findAll(desktop, "Action").filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
    check(actions.length >= 1, "a ribbon button must show the task pane");
    for (const action of actions) {
      check(child(action, "SourceLocation").attrs.resid === runtimeResid, "ShowTaskpane must use the shared Runtime's resid");
      check(child(action, "TaskpaneId").text.trim() !== "", "ShowTaskpane needs a TaskpaneId (one task pane in a shared runtime)");
    }
    const surfaces = findAll(desktop, "ExtensionPoint").filter((e) => e.attrs["xsi:type"] === "PrimaryCommandSurface");
    check(surfaces.length === 1 && findAll(surfaces[0] as XmlElement, "Group").length >= 1, "a PrimaryCommandSurface with a group");
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

/** Result of validating XML against the vendored manifest schemas. */
export interface SchemaResult {
  valid: boolean;
  /** xmllint's report, e.g. "manifest.xml validates" or "manifest.xml:12: element …: fails to validate". */
  output: string;
}

/** The schemas the manifest schema imports, loaded into the validator's in-memory file system. */
const SCHEMA_DIR = dirname(SCHEMA_FILE);
const IMPORTED_SCHEMAS = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".xsd") && join(SCHEMA_DIR, f) !== SCHEMA_FILE);

/**
 * Validates an XML string against test/schemas/OfficeAppManifestV1_1.xsd with xmllint-wasm
 * (libxml2's xmllint compiled to WebAssembly, from the npm registry), offline and without any
 * system package. Throws if the vendored schemas themselves do not compile.
 */
export async function validateWithSchema(xml: string): Promise<SchemaResult> {
  const result = await validateXML({
    xml: { fileName: "manifest.xml", contents: xml },
    schema: { fileName: basename(SCHEMA_FILE), contents: readFileSync(SCHEMA_FILE, "utf8") },
    // xs:import schemaLocation is resolved against the in-memory file system: no network.
    preload: IMPORTED_SCHEMAS.map((f) => ({ fileName: f, contents: readFileSync(join(SCHEMA_DIR, f), "utf8") })),
  });
  const output = result.rawOutput.trim();
  if (/failed to compile/.test(output)) throw new Error(`the vendored schemas do not compile:\n${output}`);
  return { valid: result.valid, output };
}
