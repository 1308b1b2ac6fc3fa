// The package as the hosting team gets it, in headless Chromium: `npm run package`'s zip unpacked
// and served by a plain static file server on localhost, taskpane.html opened with Office.js
// answered by the preview's stand-in (the fake Excel behind Microsoft's Excel client library, which
// the stand-in loads from beside office.js as office.js would), under the page's own Content-Security-Policy.
// Every file the page and the manifest reference loads, the pane works (inserts all tables, runs Prikkekontroll,
// which loads a lazy chunk), the functions it registers are exactly those functions.json
// describes, and there are no console errors and no CSP violations.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPackage } from "../../src/build/package.mjs";
import { LIBRARY_BUILD_PATH, LIBRARY_FILE } from "@nav-tiltak/excel-simulator";
import { buildOnce } from "../helpers/build.js";
import { serveStatic } from "../helpers/browser.js";
import { CHROMIUM_ARGS, chromiumExecutable } from "../helpers/chromium.js";
import { DEV_URL, manifestUrls, parseXml } from "../helpers/manifest.js";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

let work = "";
let site = "";
let server: Server;
let context: BrowserContext;
let page: Page;
let base = "";
/** Every response the page got: url → status. */
const responses = new Map<string, number>();
const failed: string[] = [];
const errors: string[] = [];
const outside: string[] = [];

interface Stub {
  associated: string[];
  fake: { state: { sheetNames(): string[] } };
}

beforeAll(async () => {
  const [executablePath, dist] = await Promise.all([chromiumExecutable(), buildOnce()]);
  work = mkdtempSync(join(tmpdir(), "nav-tiltak-hosting-browser-"));
  // The package, unpacked as a hosting team would.
  const zip = join(work, "nav-tiltak.zip");
  createPackage({ dist, out: zip, requirePublicUrl: false });
  site = join(work, "site");
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(dirname(join(site, name)), { recursive: true });
    writeFileSync(join(site, name), data);
  }
  // Office.js stand-in: from the build (development only), never from the package.
  const stubFile = readdirSync(dist).find((f) => /^office-stub\.[0-9a-f]{8}\.js$/.test(f));
  expect(stubFile, "the test build has the Office.js stand-in").toBeDefined();
  expect(existsSync(join(site, stubFile!)), "the stand-in is not in the package").toBe(false);
  const stub = readFileSync(join(dist, stubFile!));
  // The library office.js loads from its own folder: the build's copy of Microsoft's file.
  expect(existsSync(join(site, LIBRARY_BUILD_PATH)), "the library copy is not in the package").toBe(false);
  const library = readFileSync(join(dist, LIBRARY_BUILD_PATH));

  server = await serveStatic(site);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath,
    headless: true,
    viewport: { width: 420, height: 860 },
    locale: "nb-NO",
    args: CHROMIUM_ARGS,
  });
  // Office.js is answered by the stand-in under its real URL, so the page's CSP judges it as
  // Office.js; anything else off this server is refused and recorded.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    if (route.request().url() === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: stub });
    if (route.request().url() === new URL(LIBRARY_FILE, OFFICE_JS).href)
      return route.fulfill({ status: 200, contentType: "text/javascript", body: library });
    outside.push(route.request().url());
    return route.abort();
  });
  // Recorded before any of the page's scripts run.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as { cspViolations?: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("response", (r) => responses.set(r.url(), r.status()));
  page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
}, 200_000);

afterAll(async () => {
  await context?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

const statusText = async (): Promise<string> => (await page.locator("#status-text").textContent()) ?? "";
const violations = (): Promise<string[]> => page.evaluate(() => (globalThis as { cspViolations?: string[] }).cspViolations ?? []);
const stubState = (): Promise<{ associated: string[]; sheets: string[] }> =>
  page.evaluate(() => {
    const stub = (globalThis as unknown as { navTiltakStub: Stub }).navTiltakStub;
    return { associated: [...stub.associated], sheets: stub.fake.state.sheetNames() };
  });

describe("the package, served by a plain static server", () => {
  it("loads taskpane.html and every file it references, under its Content-Security-Policy", async () => {
    await page.goto(`${base}/taskpane.html`);
    await page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
    await expect.poll(statusText).toBe("Klar.");
    const html = readFileSync(join(site, "taskpane.html"), "utf8");
    const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']?([^"'\s>]+)/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) {
      const url = /^https?:/.test(ref) ? ref : `${base}/${ref}`;
      expect(responses.get(url), `${url} loaded`).toBe(200);
    }
    // The styles file applied (the page's own <style> is gone; the CSS sets the background).
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(245, 245, 245)");
    expect(await violations()).toEqual([]);
  }, 90_000);

  it("registers exactly the functions functions.json describes", async () => {
    const metadata = (await page.evaluate(async () => (await fetch("functions.json")).json())) as { functions: { id: string }[] };
    const ids = metadata.functions.map((f) => f.id).sort();
    expect(ids.length).toBeGreaterThan(0);
    const { associated } = await stubState();
    expect([...new Set(associated)].sort()).toEqual(ids);
  });

  it("serves every file the manifest names (its URLs, moved onto this server)", async () => {
    const manifest = readFileSync(join(site, "manifest.xml"), "utf8");
    const named = manifestUrls(parseXml(manifest)).filter((u) => u.startsWith(DEV_URL));
    expect(named.map((u) => u.slice(DEV_URL.length))).toEqual(
      expect.arrayContaining(["taskpane.html", "functions.js", "functions.json", "assets/icon-80.png"]),
    );
    for (const url of named) {
      const response = await page.request.get(`${base}/${url.slice(DEV_URL.length)}`);
      expect(response.status(), url).toBe(200);
    }
  });

  it("inserts all tables and runs Prikkekontroll (a lazy chunk) with the policy on", async () => {
    await page.locator("#sett-inn-alle").click();
    await expect.poll(statusText, { timeout: 30_000 }).toMatch(/^\d+ ark satt inn: «.+»\.$/);
    expect((await stubState()).sheets).toEqual(expect.arrayContaining(["Hovedgrupper", "Tiltak og hovedgrupper"]));
    await page.locator("#tab-prikkekontroll").click();
    await expect
      .poll(() => page.locator("#prikk-oppsummering").textContent(), { timeout: 30_000 })
      .toMatch(/prikkede celler kan regnes ut/);
    expect([...responses].some(([url, status]) => /\/prikkekontroll\.[0-9a-f]{8}\.js$/.test(url) && status === 200)).toBe(true);
  }, 90_000);

  it("ran the pane through Microsoft's Excel client library, which the stand-in loaded beside office.js", async () => {
    expect(responses.get(new URL(LIBRARY_FILE, OFFICE_JS).href)).toBe(200);
    // Only Excel.run is the stand-in's (it hands the batch to the fake); the context is the library's.
    const seen = await page.evaluate(() =>
      Excel.run(async (ctx) => ({ ownKeys: Object.keys(Excel), context: ctx instanceof OfficeExtension.ClientRequestContext })),
    );
    expect(seen).toEqual({ ownKeys: ["run"], context: true });
  });

  it("had no console errors, failed requests, CSP violations or requests off the server", async () => {
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect([...responses].filter(([, status]) => status >= 400)).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("would see a violation: the policy refuses inline script and eval on this page", async () => {
    // Guards the checks above: the listener does report what the policy blocks. (page.evaluate
    // itself is exempt from the page's CSP, so the page is made to try it on its own.)
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "globalThis.inlineRan = true;";
      document.head.append(script);
      window.setTimeout("globalThis.evalRan = true;", 0);
    });
    await expect.poll(async () => (await violations()).map((v) => v.split(" ")[0]).sort()).toEqual(["script-src", "script-src-elem"]);
    expect(
      await page.evaluate(() => [(globalThis as { inlineRan?: boolean }).inlineRan, (globalThis as { evalRan?: boolean }).evalRan]),
    ).toEqual([undefined, undefined]);
  });
});
