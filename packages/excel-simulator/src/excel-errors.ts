/**
 * Errors shaped like OfficeExtension.Error, so code under test can branch on
 * `error.code` exactly as it would against real Excel.
 */

export type ErrorCode =
  | "InvalidArgument"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "InvalidOperation"
  | "AccessDenied"
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "GeneralException"
  | "ApiNotFound"
  | "InvalidRequestContext"
  | "InsertDeleteConflict";

/** Same member names as Excel.ErrorCodes / OfficeExtension.ErrorCodes (subset). */
export const ErrorCodes = {
  invalidArgument: "InvalidArgument",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  invalidOperation: "InvalidOperation",
  accessDenied: "AccessDenied",
  propertyNotLoaded: "PropertyNotLoaded",
  valueNotLoaded: "ValueNotLoaded",
  generalException: "GeneralException",
  apiNotFound: "ApiNotFound",
  invalidRequestContext: "InvalidRequestContext",
  insertDeleteConflict: "InsertDeleteConflict",
} as const satisfies Record<string, ErrorCode>;

export interface FakeDebugInfo {
  code: ErrorCode;
  message: string;
  /** Object type and member, e.g. "Range.values". */
  errorLocation?: string;
  /** The failing statement, roughly as Office.js reports it. */
  statement?: string;
  /** Statements just before and after the failing one. */
  surroundingStatements?: string[];
}

export class FakeExcelError extends Error {
  readonly code: ErrorCode;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  innerError: Error | null = null;

  constructor(code: ErrorCode, message: string, location?: string) {
    super(message);
    // Office.js rejects with errors named like this; some add-ins log by name.
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(location ? { errorLocation: location } : {}) };
  }
}

export function excelError(code: ErrorCode, message: string, location?: string): FakeExcelError {
  return new FakeExcelError(code, message, location);
}

/**
 * An Excel error: the fake's own, or Microsoft's RichApi.Error that the real client library throws
 * for an error the fake answered (it carries the same code and message).
 */
export function isFakeExcelError(e: unknown): e is FakeExcelError {
  if (e instanceof FakeExcelError) return true;
  const err = e as { name?: unknown; code?: unknown } | null;
  return typeof err === "object" && err !== null && err.name === "RichApi.Error" && typeof err.code === "string";
}
