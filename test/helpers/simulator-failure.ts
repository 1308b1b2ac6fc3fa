// The error a batch against the Excel simulator fails with, for the simulator's own tests.

import { expect } from "vitest";
import { type FakeExcel, type FakeExcelError, isFakeExcelError } from "@nav-tiltak/excel-simulator";

/** Runs a batch and returns the Office.js error it failed with (or throws if it succeeded). */
export async function failureOf(fake: FakeExcel, batch: (ctx: Excel.RequestContext) => Promise<unknown>): Promise<FakeExcelError> {
  try {
    await fake.run(batch);
  } catch (e) {
    expect(isFakeExcelError(e)).toBe(true);
    return e as FakeExcelError;
  }
  throw new Error("expected the batch to fail");
}

/** The Office.js error code a batch fails with. */
export async function codeOf(fake: FakeExcel, batch: (ctx: Excel.RequestContext) => Promise<unknown>): Promise<string> {
  return (await failureOf(fake, batch)).code;
}
