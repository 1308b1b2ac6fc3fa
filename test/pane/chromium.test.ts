// The browser tests' Chromium lookup (test/helpers/chromium.ts): CHROMIUM_PATH wins, Linux x64
// gets the Chromium bundled in the npm package, and a missing browser is a clear error.

import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chromiumExecutable } from "../helpers/chromium.js";

describe("chromiumExecutable", () => {
  it("uses CHROMIUM_PATH when it is set", async () => {
    expect(await chromiumExecutable({ CHROMIUM_PATH: process.execPath }, "linux-x64")).toBe(process.execPath);
  });

  it("rejects a CHROMIUM_PATH that does not exist instead of falling back silently", async () => {
    await expect(chromiumExecutable({ CHROMIUM_PATH: "/finnes/ikke/chrome" }, "linux-x64")).rejects.toThrow(/CHROMIUM_PATH/);
  });

  it("unpacks the Chromium from @sparticuz/chromium on Linux x64", async () => {
    // The package holds a Linux x64 binary only; elsewhere there is nothing to unpack.
    if (`${process.platform}-${process.arch}` !== "linux-x64") {
      const found = await chromiumExecutable({}, "sunos-sparc").catch((error: Error) => error.message);
      expect(found).toMatch(/chrom|CHROMIUM_PATH/i);
      return;
    }
    const path = await chromiumExecutable({}, "linux-x64");
    expect(path).toMatch(/nav-tiltak-sparticuz-chromium-143\.[0-9.]+[/\\]chromium$/);
    expect(existsSync(path)).toBe(true);
  }, 120_000);
});
