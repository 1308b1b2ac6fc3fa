// «Egen fil» in the production build: the card is a lazy chunk (loaded after start, to read back a
// kept file), and the import and audit a second one, loaded only when there is a file to check; the
// startup bundle carries neither, and the functions bundle shares the pane's dataset module.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildOnce } from "../helpers/build.js";

/**
 * The two chunks together; counted in the pane's all-JavaScript budget too (taskpane-disclosure.test.ts).
 * 16 KiB until the import learnt NAV's time-series workbooks: the audit chunk now also holds the TILT
 * reader (core/tilt, about 7 KB gzip). The zip and XML libraries it uses (fflate, fast-xml-parser,
 * about 24 KB gzip) are a chunk of their own that only this chunk loads, so a session that never
 * picks a file pays for none of it.
 */
const USER_FILE_BUDGET_GZIP = 24 * 1024;

describe("«Egen fil» in the production build", () => {
  it("is two lazy chunks within their budget; the audit is in neither startup bundle", async () => {
    const dist = await buildOnce();
    const html = readFileSync(join(dist, "taskpane.html"), "utf8");
    const startup = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>?]+)/g)].map((m) => m[1]!).filter((s) => !/^https?:/.test(s));
    const files = readdirSync(dist);
    const card = files.find((f) => /^egen-fil\.[0-9a-f]+\.js$/.test(f));
    const audit = files.find((f) => /^egen-fil-kontroll\.[0-9a-f]+\.js$/.test(f));
    expect([card, audit], files.join(", ")).not.toContain(undefined);
    const text = (f: string) => readFileSync(join(dist, f), "utf8");
    // Norwegian texts survive minification: the card's, and the sum check's of the audit.
    expect(text(card!)).toContain("Fjern egen fil");
    expect(text(audit!)).toContain("men delene summerer til");
    for (const s of startup) {
      expect(text(s), s).not.toContain("Fjern egen fil");
      expect(text(s), s).not.toContain("men delene summerer til");
    }
    expect(text(card!)).not.toContain("men delene summerer til");
    const gz = (f: string) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
    const sizes = { [card!]: gz(card!), [audit!]: gz(audit!) };
    console.log(`«Egen fil» JavaScript, gzip: ${JSON.stringify(sizes)}`);
    expect(gz(card!) + gz(audit!), JSON.stringify(sizes)).toBeLessThanOrEqual(USER_FILE_BUDGET_GZIP);
  }, 200_000);
});
