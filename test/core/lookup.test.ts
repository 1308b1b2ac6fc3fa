// Name resolution (src/core/lookup.ts): the pure module both the Excel functions and the CLI use.
import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { FunctionError, NameResolver, TOTAL_GROUP, lookupKey, parsePeriodArg, suggestNames } from "../../src/core/lookup.js";
import { ALL } from "../../src/core/types.js";

const names = new NameResolver(BUNDLED_DATASET);

describe("lookupKey", () => {
  it("folds case, runs of whitespace (tabs, no-break spaces) and typographic dashes", () => {
    expect(lookupKey("  Avklaring\u00a0–  Sykmeldt\tarbeidstaker ")).toBe(lookupKey("Avklaring - sykmeldt arbeidstaker"));
    expect(lookupKey("ARBEIDSSØKERE")).toBe("arbeidssøkere");
  });

  it("reads a dash the same with or without spaces around it (Word turns « - » into «–», or drops the spaces)", () => {
    const published = lookupKey("Avklaring - sykmeldt arbeidstaker");
    for (const typed of [
      "Avklaring–sykmeldt arbeidstaker",
      "Avklaring-sykmeldt arbeidstaker",
      "Avklaring — sykmeldt arbeidstaker",
      "Avklaring -sykmeldt arbeidstaker",
    ]) {
      expect(lookupKey(typed), typed).toBe(published);
    }
    expect(names.tiltak("Avklaring–sykmeldt arbeidstaker")).toMatchObject({ name: "Avklaring - sykmeldt arbeidstaker" });
    expect(names.tiltak("2 - årig opplæringstiltak")).toMatchObject({ name: "2-årig opplæringstiltak" });
  });
});

describe("parsePeriodArg", () => {
  it("reads YYYY-MM, YYYY-M, a Norwegian month label and an Excel date serial", () => {
    expect(parsePeriodArg("2016-11")).toBe("2016-11");
    expect(parsePeriodArg(" 2016-3 ")).toBe("2016-03");
    expect(parsePeriodArg("november 2016")).toBe("2016-11");
    expect(parsePeriodArg(42675)).toBe("2016-11"); // 2016-11-01
    expect(parsePeriodArg(42704)).toBe("2016-11"); // 2016-11-30
    expect(parsePeriodArg(42705)).toBe("2016-12"); // 2016-12-01
    expect(parsePeriodArg("2016–11")).toBe("2016-11"); // en dash, as Word and Outlook autocorrect it
    expect(parsePeriodArg("2016\u221211")).toBe("2016-11");
  });

  it("rejects anything else", () => {
    for (const bad of ["2016-13", "2016-0", "16-11", "2016", "11.2016", "abc", "", "12"]) expect(parsePeriodArg(bad), bad).toBeNull();
  });
});

describe("suggestNames", () => {
  const all = BUNDLED_DATASET.tiltak.map((t) => t.name);
  it("offers typo matches and names containing the input, at most three", () => {
    expect(suggestNames("Arbeidstrenign", all)).toEqual(["Arbeidstrening"]);
    expect(suggestNames("mentr", all)).toEqual(["Mentor"]);
    expect(suggestNames("amo", all)).toHaveLength(3);
    expect(suggestNames("avklaring", all, 3).every((n) => n.toLowerCase().includes("avklaring"))).toBe(true);
  });

  it("offers nothing for an unrelated word", () => {
    expect(suggestNames("fotball", all)).toEqual([]);
  });
});

describe("NameResolver", () => {
  it("resolves each level on its own, so names shared by a tiltak and a group go to the asking function's level", () => {
    const t = names.tiltak("oppfølging");
    const g = names.group("oppfølging", "TILTAKSGRUPPE");
    expect(t).not.toBeInstanceOf(FunctionError);
    expect(g).not.toBeInstanceOf(FunctionError);
    expect((t as { group: string }).group).toBe("oppfolging"); // the tiltak, in the group of the same name
    expect((g as { id: string }).id).toBe("oppfolging");
  });

  it("reads «I alt», the sheets' subtotal labels and the known misspelling as groups", () => {
    expect(names.group("i alt", "ENDRING")).toBe(TOTAL_GROUP);
    expect(names.group("I alt opplæring", "TILTAKSGRUPPE")).toEqual({ id: "opplaering", name: "Opplæring" });
    expect(names.group("Lønnskudd", "TILTAKSGRUPPE")).toEqual({ id: "lonnstilskudd", name: "Lønnstilskudd" });
  });

  it("reads hovedgrupper by published name, short form and without the comma; omitted is I alt", () => {
    for (const form of ["Nedsatt arbeidsevne, på tiltak", "nedsatt arbeidsevne", "Nedsatt arbeidsevne på tiltak"]) {
      expect(names.hovedgruppe(form)).toBe("nedsatt-arbeidsevne");
    }
    expect(names.hovedgruppe(undefined)).toBe(ALL);
    expect(names.hovedgruppe(null)).toBe(ALL);
    expect(names.hovedgruppe("  ")).toBe(ALL);
    expect(names.hovedgruppe("I ALT")).toBe(ALL);
    // The sub-table totals' label, published («I alt andre på tiltak») or short («I alt andre»).
    expect(names.hovedgruppe("I alt andre på tiltak")).toBe("andre");
    expect(names.hovedgruppe("I alt andre")).toBe("andre");
    expect(names.hovedgruppe("i alt nedsatt arbeidsevne")).toBe("nedsatt-arbeidsevne");
  });

  it("remembers each text, errors included, so a repeated formula costs one Map lookup", () => {
    const r = new NameResolver(BUNDLED_DATASET);
    const e1 = r.tiltak("Arbeidstrenig");
    expect(e1).toBeInstanceOf(FunctionError);
    expect(r.tiltak("Arbeidstrenig")).toBe(e1);
    expect(r.tiltak("Arbeidstrening")).toBe(r.tiltak("Arbeidstrening"));
    expect(r.period("2016-11")).toBe(r.period(undefined));
    // Errors are frozen, so sharing them between calls is safe.
    expect(Object.isFrozen(e1)).toBe(true);
  });

  it("keeps the memo bounded when fed many distinct texts", () => {
    const r = new NameResolver(BUNDLED_DATASET);
    for (let i = 0; i < 5000; i++) r.tiltak(`ukjent ${i}`);
    const size = (r as unknown as { tiltakMemo: Map<string, unknown> }).tiltakMemo.size;
    expect(size).toBeLessThanOrEqual(4096);
    expect(r.tiltak("Arbeidstrening")).not.toBeInstanceOf(FunctionError);
  });
});
