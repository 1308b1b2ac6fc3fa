// The preview page (the real task pane beside the fake workbook) in headless Chromium, for
// browser tests: one production build, a static server on 127.0.0.1, and a Chromium from
// test/helpers/chromium.ts.
//
//   const session = await openPreview();   // in beforeAll
//   await session.page.goto(`${session.base}/preview.html`);
//   await session.close();                  // in afterAll

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildOnce } from "./build.js";
import { CHROMIUM_ARGS, chromiumExecutable } from "./chromium.js";

// The content types LESMEG.txt asks the hosting team for.
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * A plain static file server on 127.0.0.1 (a random port): files as they are, only inside the
 * folder, no headers of the add-in's own.
 */
export function serveStatic(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, "");
    const file = join(root, path || "index.html");
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export interface PreviewSession {
  page: Page;
  context: BrowserContext;
  /** http://127.0.0.1:<port>, without a trailing slash. */
  base: string;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openPreview(viewport = { width: 1280, height: 860 }): Promise<PreviewSession> {
  const [executablePath, dist] = await Promise.all([chromiumExecutable(), buildOnce()]);
  const server = await serveStatic(dist);
  const profile = mkdtempSync(join(tmpdir(), "nav-tiltak-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    locale: "nb-NO",
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return {
    page,
    context,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    errors,
    async close() {
      await context.close();
      await new Promise((r) => server.close(r));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
