// `nav-tiltak xlsx` builds its workbook through Microsoft's Excel client library, as the add-in
// does in Excel: every batch of the writer runs in the library's own Excel.run, and no other
// client is there to take over (the test setup's default client is removed here).

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { setDefaultClient, officeJs, officeJsClient } from "@nav-tiltak/excel-simulator";
import { buildAddinWorkbook } from "../../src/xlsx/addin-workbook.js";

describe("the xlsx command's workbook", () => {
  beforeEach(() => setDefaultClient(undefined));
  afterEach(() => {
    vi.restoreAllMocks();
    setDefaultClient(officeJsClient());
  });

  it("is written batch by batch by Microsoft's Excel.run", async () => {
    const run = vi.spyOn(officeJs().Excel, "run");
    const { fake } = await buildAddinWorkbook(BUNDLED_DATASET);
    expect(fake.stats.runs).toBeGreaterThan(0);
    expect(fake.stats.syncs).toBeGreaterThan(0);
    expect(run).toHaveBeenCalledTimes(fake.stats.runs);
    expect(fake.state.sheetNames()).toContain("Pivottabell");
  });
});
