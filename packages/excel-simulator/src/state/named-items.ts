/**
 * The named item family: workbook names (Excel.NamedItem) and the naming rules they share with
 * tables; a name's reference (a range, or a formula kept as text), and its formula, type and value
 * as Office.js reports them.
 */

import { formatAddress, formatRect, looksLikeCellReference, quoteSheetName, splitSheet, tryParseRef } from "@nav-tiltak/a1";
import { checkRect } from "../addresses";
import { excelError } from "../excel-errors";
import type { RangeValue } from "../office-types";
import { NUMERIC } from "./cells";
import { upper } from "./keys";
import { SizesState } from "./sizes";
import type { NamedItemState, NamedTarget, RangeRef, TableState } from "./records";

export class NamesState extends SizesState {
  /** Rules shared by table and workbook names; unique across both, ignoring case. */
  validateObjectName(name: unknown, except?: TableState | NamedItemState): string {
    if (typeof name !== "string" || name.length === 0) throw excelError("InvalidArgument", "A name cannot be empty.");
    if (name.length > 255) throw excelError("InvalidArgument", `The name '${name}' is longer than 255 characters.`);
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) {
      throw excelError(
        "InvalidArgument",
        `The name '${name}' is not valid: start with a letter or underscore and use no spaces or symbols.`,
      );
    }
    if (looksLikeCellReference(name)) {
      throw excelError("InvalidArgument", `The name '${name}' is not valid because it looks like a cell reference.`);
    }
    if (/^(TRUE|FALSE)$/i.test(name)) throw excelError("InvalidArgument", `'${name}' is reserved and cannot be a name.`);
    const k = upper(name);
    const clash =
      this.allTables.find((t) => !t.deleted && t !== except && upper(t.name) === k) ??
      this.allNames.find((n) => !n.deleted && n !== except && upper(n.name) === k);
    if (clash) throw excelError("ItemAlreadyExists", `The name '${clash.name}' is already used by a table or named item.`);
    return name;
  }

  findName(name: string): NamedItemState | undefined {
    const k = upper(String(name));
    return this.allNames.find((n) => !n.deleted && upper(n.name) === k);
  }

  liveNames(): NamedItemState[] {
    return this.allNames.filter((n) => !n.deleted);
  }

  /** Parses a name's reference: a range, or any other formula kept as text. */
  parseNameTarget(reference: unknown): NamedTarget {
    if (typeof reference !== "string" || reference.trim() === "" || reference.trim() === "=") {
      throw excelError("InvalidArgument", 'A name needs a reference such as "=Ark1!$A$1:$B$2".');
    }
    const formula = reference.startsWith("=") ? reference : `=${reference}`;
    const body = formula.slice(1).trim();
    const { sheet, ref } = splitSheet(body);
    const rect = tryParseRef(ref);
    if (rect) {
      const target = sheet === undefined ? this.activeSheet : this.findSheet(sheet);
      if (!target) throw excelError("InvalidArgument", `The reference '${reference}' names a missing worksheet.`);
      return { kind: "range", sheet: target, rect: checkRect(rect) };
    }
    return { kind: "formula", formula };
  }

  /** Name comments are strings of at most 255 characters, as in Excel's Name Manager. */
  validateNameComment(comment: unknown): string {
    if (comment === undefined || comment === null) return "";
    if (typeof comment !== "string") throw excelError("InvalidArgument", "A name's comment must be a string.");
    if (comment.length > 255) {
      throw excelError("InvalidArgument", `A name's comment can be at most 255 characters (got ${comment.length}).`);
    }
    return comment;
  }

  addName(name: unknown, target: NamedTarget, comment: unknown): NamedItemState {
    const valid = this.validateObjectName(name);
    const validComment = this.validateNameComment(comment);
    const item: NamedItemState = {
      name: valid,
      comment: validComment,
      visible: true,
      target,
      broken: false,
      deleted: false,
    };
    this.allNames.push(item);
    return item;
  }

  nameFormula(n: NamedItemState): string {
    if (n.target.kind === "formula") return n.target.formula;
    const sheetPart = n.broken ? "#REF!" : `${quoteSheetName(n.target.sheet.name)}!`;
    return `=${sheetPart}${formatRect(n.target.rect, true)}`;
  }

  nameType(n: NamedItemState): "Range" | "String" | "Integer" | "Double" | "Boolean" | "Error" {
    if (n.broken) return "Error";
    if (n.target.kind === "range") return "Range";
    const body = n.target.formula.slice(1).trim();
    if (/^[+-]?\d+$/.test(body)) return "Integer";
    if (NUMERIC.test(body)) return "Double";
    if (/^(TRUE|FALSE|SANN|USANN)$/i.test(body)) return "Boolean";
    if (body.startsWith("#")) return "Error";
    return "String";
  }

  nameValue(n: NamedItemState): RangeValue {
    if (n.broken) return "#REF!";
    if (n.target.kind === "range") return formatAddress(n.target.sheet.name, n.target.rect, true);
    const body = n.target.formula.slice(1).trim();
    if (NUMERIC.test(body)) return Number(body);
    const quoted = /^"(.*)"$/.exec(body);
    return quoted ? quoted[1]!.replace(/""/g, '"') : body;
  }

  nameRange(n: NamedItemState): RangeRef | null {
    if (n.broken || n.target.kind !== "range" || n.target.sheet.deleted) return null;
    return { sheet: n.target.sheet, rect: n.target.rect };
  }
}
