// The preview page runs the pane's Office.js code through Microsoft's Excel client library, not
// through anything of the fake's: the page's Excel and OfficeExtension are the library's, the
// objects a batch gets are the library's proxies, and misuse and failures come back as the
// library's own errors, built from the fake's RichApi answers.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPreview, type PreviewSession } from "../helpers/browser.js";

let session: PreviewSession;

beforeAll(async () => {
  session = await openPreview();
  await session.page.goto(`${session.base}/preview.html`);
  await session.page.getByRole("heading", { name: "NAV tiltak" }).waitFor();
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe("the preview page's Office.js client", () => {
  it("is Microsoft's library: its namespaces, its request context and its proxies", async () => {
    const seen = await session.page.evaluate(async () => {
      const lib = Object.getPrototypeOf(Excel) as typeof Excel;
      return Excel.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem("Ark1");
        sheet.load("name");
        await ctx.sync();
        return {
          // Only Excel.run is the page's own (it hands the batch to the fake); the rest is inherited.
          ownKeys: Object.keys(Excel),
          context: ctx instanceof lib.RequestContext && ctx instanceof OfficeExtension.ClientRequestContext,
          proxy: sheet instanceof lib.Worksheet && sheet instanceof OfficeExtension.ClientObject,
          name: sheet.name,
        };
      });
    });
    expect(seen).toEqual({ ownKeys: ["run"], context: true, proxy: true, name: "Ark1" });
  });

  it("throws Microsoft's errors: PropertyNotLoaded in the client, ItemNotFound from the fake's answer", async () => {
    const errors = await session.page.evaluate(async () => {
      const caught = async (batch: (ctx: Excel.RequestContext) => Promise<unknown>) => {
        try {
          await Excel.run(batch);
          return null;
        } catch (e) {
          const error = e as OfficeExtension.Error;
          return {
            library: e instanceof OfficeExtension.Error,
            code: error.code,
            message: error.message,
            statement: error.debugInfo?.statement,
          };
        }
      };
      return [
        await caught(async (ctx) => ctx.workbook.worksheets.getItem("Ark1").name),
        await caught(async (ctx) => {
          ctx.workbook.worksheets.getItem("Finnes ikke").load("name");
          await ctx.sync();
        }),
      ];
    });
    expect(errors[0]).toMatchObject({ library: true, code: "PropertyNotLoaded" });
    expect(errors[0]?.message).toMatch(/^The property 'name' is not available\. Before reading the property's value, call the load method/);
    expect(errors[1]).toMatchObject({ library: true, code: "ItemNotFound" });
    // The statement is the library's rendering of the request it sent.
    expect(errors[1]?.statement).toMatch(/worksheets\.getItem\(/);
    expect(session.errors).toEqual([]);
  });
});
