// Custom XML parts in the simulator (ExcelApi 1.5), driven through Microsoft's own Excel client
// library as the add-in drives them; what each member does is sourced in
// packages/excel-simulator/src/state/custom-xml-record.ts. A fork of the workbook (a reopened file) keeps them.

import { describe, expect, test } from "vitest";
import { createFakeExcel, type FakeExcel } from "@nav-tiltak/excel-simulator";
import { caught, officeJsClient } from "../helpers/office-js.js";

const NS = "urn:eksempel:a";
const OTHER = "urn:eksempel:b";
const fake = (apiVersion = "1.17"): FakeExcel => createFakeExcel({ apiVersion, client: officeJsClient() });

async function addParts(f: FakeExcel, xmls: string[]): Promise<string[]> {
  return f.run(async (ctx) => {
    const parts = xmls.map((x) => ctx.workbook.customXmlParts.add(x));
    parts.forEach((p) => p.load("id"));
    await ctx.sync();
    return parts.map((p) => p.id);
  });
}

describe("custom XML parts through Office.js", () => {
  test("add, then find by namespace: only that namespace's parts, with their id, namespace and XML", async () => {
    const f = fake();
    const [a, b] = await addParts(f, [`<a xmlns="${NS}"><x>1</x></a>`, `<p:b xmlns:p="${OTHER}"/>`]);
    const found = await f.run(async (ctx) => {
      const scoped = ctx.workbook.customXmlParts.getByNamespace(NS);
      scoped.load("items/id,items/namespaceUri");
      const all = ctx.workbook.customXmlParts.getCount();
      await ctx.sync();
      const xml = scoped.items.map((p) => p.getXml());
      await ctx.sync();
      return { items: scoped.items.map((p) => [p.id, p.namespaceUri]), xml: xml.map((x) => x.value), all: all.value };
    });
    expect(found).toEqual({ items: [[a, NS]], xml: [`<a xmlns="${NS}"><x>1</x></a>`], all: 2 });
    expect(a).not.toBe(b);
    const other = await f.run(async (ctx) => {
      const p = ctx.workbook.customXmlParts.getItem(b!);
      p.load("namespaceUri");
      await ctx.sync();
      return p.namespaceUri;
    });
    expect(other).toBe(OTHER);
  });

  test("a part without an xmlns has the empty namespace; XML without a root element is refused", async () => {
    const f = fake();
    await addParts(f, ["<plain/>"]);
    const ns = await f.run(async (ctx) => {
      const only = ctx.workbook.customXmlParts.getByNamespace("").getOnlyItem();
      only.load("namespaceUri");
      await ctx.sync();
      return only.namespaceUri;
    });
    expect(ns).toBe("");
    const e = await caught(addParts(f, ["just text"]));
    expect(e.code).toBe("InvalidArgument");
  });

  test("setXml replaces the content; delete removes the part and its id no longer resolves", async () => {
    const f = fake();
    const [id] = await addParts(f, [`<a xmlns="${NS}">1</a>`]);
    await f.run(async (ctx) => {
      ctx.workbook.customXmlParts.getItem(id!).setXml(`<a xmlns="${NS}">2</a>`);
      await ctx.sync();
    });
    const xml = await f.run(async (ctx) => {
      const x = ctx.workbook.customXmlParts.getByNamespace(NS).getOnlyItem().getXml();
      await ctx.sync();
      return x.value;
    });
    expect(xml).toBe(`<a xmlns="${NS}">2</a>`);
    await f.run(async (ctx) => {
      ctx.workbook.customXmlParts.getItem(id!).delete();
      await ctx.sync();
    });
    const after = await f.run(async (ctx) => {
      const p = ctx.workbook.customXmlParts.getItemOrNullObject(id!);
      const only = ctx.workbook.customXmlParts.getByNamespace(NS).getOnlyItemOrNullObject();
      p.load("id");
      only.load("id");
      await ctx.sync();
      return [p.isNullObject, only.isNullObject];
    });
    expect(after).toEqual([true, true]);
  });

  test("getOnlyItem fails unless the scope has exactly one part", async () => {
    const f = fake();
    await addParts(f, [`<a xmlns="${NS}"/>`, `<b xmlns="${NS}"/>`]);
    const e = await caught(
      f.run(async (ctx) => {
        ctx.workbook.customXmlParts.getByNamespace(NS).getOnlyItem().load("id");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
  });

  test("a host below ExcelApi 1.5 has no custom XML parts", async () => {
    const e = await caught(addParts(fake("1.4"), [`<a xmlns="${NS}"/>`]));
    expect(e.code).toBe("ApiNotFound");
  });

  test("a reopened workbook (a fork) has the parts; changes after it do not reach it", async () => {
    const f = fake();
    await addParts(f, [`<a xmlns="${NS}">1</a>`]);
    const reopened = f.fork();
    await f.run(async (ctx) => {
      ctx.workbook.customXmlParts.getByNamespace(NS).getOnlyItem().delete();
      await ctx.sync();
    });
    const xml = await reopened.run(async (ctx) => {
      const x = ctx.workbook.customXmlParts.getByNamespace(NS).getOnlyItem().getXml();
      await ctx.sync();
      return x.value;
    });
    expect(xml).toBe(`<a xmlns="${NS}">1</a>`);
  });
});
