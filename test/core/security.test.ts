// Security checks that read the source: the task pane and preview never set HTML from strings,
// no shipped code calls the network, and the manifest asks for no more than the add-in uses.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const SHIPPED = ["src/taskpane", "src/functions", "src/excel", "src/core", "src/preview"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|html)$/.test(name) ? [path] : [];
  });
}

const files = SHIPPED.flatMap((d) => sources(join(ROOT, d))).map((path) => ({
  path: relative(ROOT, path),
  // Comments may mention the APIs (e.g. "no innerHTML"); code may not.
  code: readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1")
    .replace(/<!--[\s\S]*?-->/g, ""),
}));

describe("source security checks", () => {
  it("reads the shipped sources", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.path.endsWith("taskpane.ts"))).toBe(true);
  });

  it("never builds DOM from HTML strings", () => {
    const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser)\b/;
    expect(files.filter((f) => sinks.test(f.code)).map((f) => f.path)).toEqual([]);
  });

  it("has no eval-like code", () => {
    const evalish = /\beval\s*\(|new Function\s*\(|setTimeout\s*\(\s*["'`]/;
    expect(files.filter((f) => evalish.test(f.code)).map((f) => f.path)).toEqual([]);
  });

  it("makes no network calls: the data is bundled", () => {
    const net = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\s*\(|new\s+(XMLHttpRequest|WebSocket|EventSource)\b/;
    expect(files.filter((f) => net.test(f.code)).map((f) => f.path)).toEqual([]);
  });

  it("the only remote script is Office.js from Microsoft's CDN", () => {
    const html = files.filter((f) => f.path.endsWith(".html"));
    expect(html.length).toBeGreaterThan(0);
    for (const f of html) {
      const remote = [...f.code.matchAll(/src=["']?(https?:[^"'\s>]+)/g)].map((m) => m[1]);
      for (const url of remote) expect(url).toMatch(/^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js$/);
    }
  });

  it("the manifest asks only for ReadWriteDocument and trusts no other domains", () => {
    const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    expect(manifest.match(/<Permissions>([^<]+)<\/Permissions>/)?.[1]).toBe("ReadWriteDocument");
    expect(manifest).not.toMatch(/<AppDomain>/);
  });
});
