// The part of Excel's custom functions runtime (the global `CustomFunctions`, CustomFunctionsRuntime
// 1.2) that the NAV functions use. Declared here because the project does not depend on
// @types/custom-functions-runtime; the metadata plugin also appends `CustomFunctions.associate`
// calls to functions.ts, which must type-check. The global is absent in Node and in the task pane
// before the runtime loads, so code must check `typeof CustomFunctions !== "undefined"`.

declare namespace CustomFunctions {
  /** Maps a function id from the JSON metadata to its implementation. */
  function associate(id: string, fn: (...args: never[]) => unknown): void;

  /** An error returned (or thrown) to the cell, with an optional message shown in its error menu. */
  class Error {
    constructor(code: ErrorCode, message?: string);
    code: ErrorCode;
    message?: string;
  }

  enum ErrorCode {
    invalidValue = "#VALUE!",
    notAvailable = "#N/A",
    divisionByZero = "#DIV/0!",
    invalidNumber = "#NUM!",
    nullReference = "#NULL!",
    invalidName = "#NAME?",
    invalidReference = "#REF!",
  }
}
