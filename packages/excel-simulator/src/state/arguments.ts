/**
 * Argument checks every family of the fake workbook shares: one of a fixed set of words (matched
 * without regard to case, as Office.js accepts "bottom" for "Bottom"), or a boolean.
 */

import { excelError } from "../excel-errors";

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  const hit = allowed.find((a) => typeof value === "string" && a.toLowerCase() === value.toLowerCase());
  if (!hit) throw excelError("InvalidArgument", `'${String(value)}' is not a valid ${what} (${allowed.join(", ")}).`);
  return hit;
}

export function bool(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw excelError("InvalidArgument", `${what} must be true or false.`);
  return value;
}
