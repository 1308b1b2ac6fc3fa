/**
 * The server-side object model behind the RichApi simulator (richapi.ts): for every Office.js type
 * the fake answers, one declarative table says which properties a Query may read and a SetProperty
 * may write, which navigation properties and object-returning methods lead to other objects, and
 * which methods change the workbook. A property is declared once (reader and writer side by side);
 * what a write does stays in WorkbookState and its rule helpers, the tables only translate.
 */

import type { Engine } from "../context";
import { excelError } from "../excel-errors";
import type { SheetState, WorkbookState } from "../state";

/** What a table entry may use: the document and the host (requirement sets). */
export interface Host {
  readonly wb: WorkbookState;
  readonly engine: Engine;
  /**
   * A worksheet as a server object: the way back from a range, table or PivotTable to its sheet
   * (`range.worksheet`). Handed in by the endpoint, so those tables need not import the
   * worksheet's table, which imports theirs (no import cycle).
   */
  worksheet(sheet: SheetState): ServerObject;
}

export interface PropDef<E> {
  /** Reader for Query; without it the property cannot be loaded. */
  get?(e: E, host: Host): unknown;
  /** Writer for SetProperty (validation included); without it the property is read-only. */
  set?(e: E, value: unknown, host: Host): void;
  /** ExcelApi version that introduced reading the property. */
  api?: string;
  /** ExcelApi version that introduced writing it, when it differs from `api`. */
  setApi?: string;
}

export interface MethodDef<E> {
  /** ExcelApi version that introduced the method (may depend on the arguments). */
  api?: string | ((args: unknown[]) => string | undefined);
  /** A plain value for the answer, or a ServerObject when the method is an object path. */
  run(e: E, args: unknown[], host: Host): unknown;
}

export interface TypeDef<E> {
  /** Office.js type name, e.g. "Range" (error locations, injected failures). */
  readonly name: string;
  readonly props?: Record<string, PropDef<E>>;
  /** Navigation properties: `range.format`, `worksheet.tables`. */
  readonly navs?: Record<string, (e: E, host: Host) => ServerObject>;
  /**
   * Methods that only point at another object (`getRange`, `getItem`): object paths that change
   * nothing, so they are not the caller's counted calls and injected failures skip them.
   */
  readonly getters?: Record<string, MethodDef<E>>;
  /** Methods that act (or create an object, `add`): counted, and failures may be injected. */
  readonly methods?: Record<string, MethodDef<E>>;
  /** The items of a collection, in collection order. */
  items?(e: E, host: Host): ServerObject[];
  /** False once the entity is gone (deleted sheet, table…): using it then fails with ItemNotFound. */
  alive?(e: E): boolean;
  /**
   * The query field that carries the object's identity, so the client can rewrite the object's
   * path to `collection.getItem(id)` and not repeat the `add()` that made it in the next request
   * (the client library's ObjectPath.updateUsingObjectData reads "Id", "id" or "_Id").
   */
  readonly identity?: { field: string; prop: string };
  /** ExcelApi version needed to load the object at all (collections of newer objects). */
  readonly loadApi?: string;
}

/** One object as the server holds it: its type table and its entity (null for a null object). */
export class ServerObject {
  constructor(
    readonly type: TypeDef<unknown>,
    readonly entity: unknown,
  ) {}
}

/** A server object of a type; `null` makes a null object (what *OrNullObject methods hand back). */
export function obj<E>(type: TypeDef<E>, entity: E | null): ServerObject {
  return new ServerObject(type as unknown as TypeDef<unknown>, entity);
}

/**
 * Whatever is reached from a null object is a null object too; its type no longer matters, since
 * reads of null objects answer null and writes to them are skipped.
 */
export const NULL_TYPE: TypeDef<unknown> = { name: "NullObject" };

/** The entity of an object used now: null for a null object; ItemNotFound once it was deleted. */
export function live(o: ServerObject): unknown {
  if (o.entity === null) return null;
  if (o.type.alive && !o.type.alive(o.entity)) {
    throw excelError("ItemNotFound", `The ${o.type.name} this object refers to no longer exists.`);
  }
  return o.entity;
}

/** The entity of an object passed as an argument, where a null object will not do. */
export function need<E>(o: unknown, type: TypeDef<E>): E {
  if (!(o instanceof ServerObject) || o.type !== (type as unknown)) {
    throw excelError("InvalidArgument", `A ${type.name} was expected here.`);
  }
  const e = live(o);
  if (e === null) throw excelError("ItemNotFound", `The ${type.name} does not exist.`);
  return e as E;
}

/** Fails like an old host when the member is newer than the simulated ExcelApi version. */
export function checkApi(host: Host, api: string | undefined, label: string): void {
  if (api && !host.engine.supportsExcelApi(api)) {
    throw excelError("ApiNotFound", `${label} needs ExcelApi ${api}; this host supports ExcelApi ${host.engine.apiVersion}.`);
  }
}

/** An integer argument, as Excel requires for row and column indexes. */
export function intArg(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n)) throw excelError("InvalidArgument", `${what} must be an integer.`);
  return n;
}
