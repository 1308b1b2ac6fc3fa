/**
 * A RichApi endpoint over the fake workbook: it answers the requests that Microsoft's own Excel
 * client library (package @microsoft/office-js) sends from `context.sync()`, so tests can run the
 * add-in's Office.js code through the real client instead of our reading of it.
 *
 * A request body is `{ Actions, ObjectPaths }`. Object paths are resolved to server objects (the
 * per-family tables under server/, over WorkbookState); actions run in order; the first failing action stops the request and the answer carries
 * the results so far plus the error, because Excel does not roll a batch back (docs: "Error handling
 * with the application-specific JavaScript APIs", learn.microsoft.com/office/dev/add-ins/testing/
 * application-specific-api-error-handling). Browser-safe: no Node APIs.
 */

import type { Engine } from "./context";
import { FakeExcelError, excelError } from "./excel-errors";
import { type Host, type MethodDef, NULL_TYPE, ServerObject, checkApi, live, obj } from "./server/object-model";
import { type LoadOption, identity, serialize } from "./server/query";
import { WORKBOOK } from "./server/workbook";
import { WORKSHEET } from "./server/worksheet";

/** RichApi action types (the client library's `ActionType` values). */
export const ActionType = { Instantiate: 1, Query: 2, Method: 3, SetProperty: 4, Trace: 5 } as const;

/** RichApi object path types (the client library's `ObjectPathType` values). */
export const enum PathType {
  /** The workbook every request starts from. */
  GlobalObject = 1,
  NewObject = 2,
  /** An object a method returns: `getRange(...)`, `add(...)`. */
  Method = 3,
  /** A navigation property: `range.format`. */
  Property = 4,
  /** `collection.getItem(key)` written as `collection.items[key]`. */
  Indexer = 5,
  /** An object the host kept across requests (`_KeepReference`). */
  ReferenceId = 6,
  NullObject = 7,
}

export interface RichApiArguments {
  Arguments?: unknown[];
  /** Per argument: the id of the object path passed there, or 0 for a plain value. */
  ReferencedObjectPathIds?: number[];
}

export interface RichApiAction {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: RichApiArguments;
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}

export interface RichApiObjectPath {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: RichApiArguments;
}

export interface RichApiRequest {
  Actions: RichApiAction[];
  ObjectPaths: Record<string, RichApiObjectPath>;
}

export interface RichApiError {
  Code: string;
  Message: string;
  Location: string;
  ActionIndex: number;
  HttpStatusCode: number;
}

export interface RichApiResponse {
  Results: { ActionId: number; Value?: unknown }[];
  Error?: RichApiError;
}

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** One RichApi request at a time against one fake workbook. */
export class RichApiServer {
  /**
   * Objects the client keeps by reference (`_KeepReference`, then paths of type ReferenceId) stay
   * bound to what they were across requests, for the fake's lifetime.
   */
  private readonly refs = new References();
  private readonly host: Host;

  constructor(private readonly engine: Engine) {
    this.host = { wb: engine.state, engine, worksheet: (sheet) => obj(WORKSHEET, sheet) };
  }

  /** Runs one request; counts it as one sync and its non-instantiate actions as queued calls. */
  async execute(request: RichApiRequest): Promise<RichApiResponse> {
    const stats = this.engine.stats;
    const counted = callersActions(request);
    // A request of bookkeeping alone (Excel.run releasing its references) is no sync of the caller's.
    if (counted.length > 0) stats.syncs++;
    stats.queuedCalls += counted.length;
    stats.loads += counted.filter((a) => a.ActionType === ActionType.Query).length;
    return new RequestRun(this.host, this.refs, request).all();
  }
}

/**
 * Actions the caller's own code queued (not the client's bookkeeping), for `stats.queuedCalls`.
 * The client splits a write of more than 1 500 cells into row chunks (setRangePropertiesInBulk in
 * excel-web-16.00.debug.js), announced by one `_ValidateArraySize` on the range the caller wrote:
 * that counts as the caller's one call, the chunks' SetProperty actions do not.
 */
function callersActions(request: RichApiRequest): RichApiAction[] {
  const bulk = new Set<number>();
  const underBulk = (pathId: number): boolean => {
    for (let p = request.ObjectPaths[String(pathId)]; p; p = request.ObjectPaths[String(p.ParentObjectPathId)]) {
      if (bulk.has(p.Id) && p.Id !== pathId) return true;
      if (p.ParentObjectPathId === undefined) break;
    }
    return false;
  };
  return request.Actions.filter((a) => {
    if (a.ActionType === ActionType.Trace) return false;
    if (a.ActionType === ActionType.Instantiate) {
      // An object made by a method that changes the workbook (worksheets.add) is made by this action.
      const p = request.ObjectPaths[String(a.ObjectPathId)];
      return p?.ObjectPathType === PathType.Method && /^(Add|Insert)/.test(p.Name);
    }
    if (a.Name === "_ValidateArraySize") {
      bulk.add(a.ObjectPathId);
      return true;
    }
    if (a.ActionType === ActionType.SetProperty && underBulk(a.ObjectPathId)) return false;
    return !a.Name.startsWith("_");
  });
}

/** Objects the client asked the host to keep, by the reference id the host handed out. */
class References {
  private next = 1;
  private readonly byId = new Map<string, ServerObject>();
  private readonly ids = new WeakMap<ServerObject, string>();

  keep(target: ServerObject): void {
    if (this.ids.has(target)) return;
    const id = `fake-ref-${this.next++}`;
    this.byId.set(id, target);
    this.ids.set(target, id);
  }

  release(id: string): void {
    const target = this.byId.get(id);
    this.byId.delete(id);
    if (target) this.ids.delete(target);
  }

  get(id: string): ServerObject {
    const target = this.byId.get(id);
    if (!target) throw excelError("InvalidArgument", `The object reference '${id}' is no longer kept.`);
    return target;
  }

  /** `{ _ReferenceId }` for a kept object: the client rewrites its path to that id. */
  of(target: ServerObject): Record<string, unknown> {
    const id = this.ids.get(target);
    return id === undefined ? {} : { _ReferenceId: id };
  }
}

/** Adds where it failed (object type and member) to an error thrown by `fn`, as Excel reports it. */
function located<T>(label: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const err = e instanceof FakeExcelError ? e : excelError("GeneralException", e instanceof Error ? e.message : String(e));
    if (!(e instanceof FakeExcelError)) err.innerError = e instanceof Error ? e : null;
    err.debugInfo.errorLocation ??= label;
    throw err;
  }
}

/** The server side of one request: resolved paths are cached for the request's lifetime. */
class RequestRun {
  private readonly resolved = new Map<number, ServerObject>();

  constructor(
    private readonly host: Host,
    private readonly refs: References,
    private readonly request: RichApiRequest,
  ) {}

  all(): Promise<RichApiResponse> {
    const results: RichApiResponse["Results"] = [];
    const actions = this.request.Actions;
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      try {
        const value = this.action(action);
        results.push(value === undefined ? { ActionId: action.Id } : { ActionId: action.Id, Value: value });
      } catch (e) {
        // The rest of the batch is dropped; what ran before stays applied (no rollback in Excel).
        return Promise.resolve({ Results: results, Error: toRichApiError(e, action, i) });
      }
    }
    return Promise.resolve({ Results: results });
  }

  private action(action: RichApiAction): unknown {
    if (action.ActionType === ActionType.Trace) return undefined;
    const target = this.path(action.ObjectPathId);
    const type = target.type.name;
    switch (action.ActionType) {
      case ActionType.Instantiate:
        return located(type, () => (live(target) === null ? null : { ...identity(target, this.host), ...this.refs.of(target) }));
      case ActionType.Query:
        return located(`${type}.load`, () => this.query(target, action));
      case ActionType.Method: {
        const args = this.args(action.ArgumentInfo);
        // The client keeps objects it tracks across requests with these (Excel.run tracks ranges).
        if (action.Name === "_KeepReference") return void this.refs.keep(target);
        if (action.Name === "_RemoveReference") return void this.refs.release(String(args[0]));
        if (action.Name === "_ValidateArraySize") return located(`${type}.${action.Name}`, () => validateArraySize(target, args));
        const name = camel(action.Name);
        const out = located(`${type}.${name}`, () => this.invoke(target, name, args));
        return out instanceof ServerObject ? undefined : out;
      }
      case ActionType.SetProperty:
        return located(`${type}.${camel(action.Name)}`, () =>
          this.setProperty(target, camel(action.Name), this.args(action.ArgumentInfo)[0]),
        );
      default:
        throw notImplemented(`action type ${action.ActionType}`);
    }
  }

  /** A method that acts (counted; injected failures may hit it); skipped on a null object. */
  private invoke(target: ServerObject, name: string, args: unknown[]): unknown {
    const def = target.type.methods?.[name];
    if (!def) throw notImplemented(`${target.type.name}.${name}`);
    checkApi(this.host, apiOf(def, args), `${target.type.name}.${name}`);
    this.host.engine.checkFailure({ kind: "method", object: target.type.name, member: name, args });
    const e = live(target);
    return e === null ? undefined : def.run(e, args, this.host);
  }

  private setProperty(target: ServerObject, name: string, value: unknown): undefined {
    const def = target.type.props?.[name];
    if (!def?.set) throw notImplemented(`${target.type.name}.${name} (set)`);
    checkApi(this.host, def.setApi ?? def.api, `${target.type.name}.${name}`);
    this.host.engine.checkFailure({ kind: "set", object: target.type.name, member: name, args: [value] });
    const e = live(target);
    if (e !== null) def.set(e, value, this.host);
    return undefined;
  }

  private query(target: ServerObject, action: RichApiAction): unknown {
    const info = action.QueryInfo ?? {};
    const option: LoadOption | undefined =
      info.Select === undefined && info.Expand === undefined
        ? undefined
        : { ...(info.Select ? { select: info.Select } : {}), ...(info.Expand ? { expand: info.Expand } : {}) };
    checkApi(this.host, target.type.loadApi, `${target.type.name}.load`);
    this.host.engine.checkFailure({ kind: "load", object: target.type.name, member: "load", args: [option ?? "all"] });
    const value = serialize(target, option, this.host);
    return value === null ? null : { ...(value as object), ...this.refs.of(target) };
  }

  private args(info: RichApiArguments | undefined): unknown[] {
    const args = info?.Arguments ?? [];
    const refs = info?.ReferencedObjectPathIds ?? [];
    return args.map((a, i) => (refs[i] ? this.path(refs[i]!) : a));
  }

  /** Resolves an object path to a server object; the entity behind it is found now, in action order. */
  private path(id: number): ServerObject {
    const known = this.resolved.get(id);
    if (known) return known;
    const p = this.request.ObjectPaths[String(id)];
    if (!p) throw excelError("InvalidArgument", `The request names object path ${id} but does not send it.`);
    const parent = p.ParentObjectPathId !== undefined ? this.path(p.ParentObjectPathId) : undefined;
    let out: ServerObject;
    switch (p.ObjectPathType) {
      case PathType.GlobalObject:
        out = obj(WORKBOOK, this.host.wb);
        break;
      case PathType.ReferenceId:
        out = this.refs.get(p.Name);
        break;
      case PathType.NullObject:
        out = new ServerObject(NULL_TYPE, null);
        break;
      case PathType.Property:
        out = located(`${parent?.type.name}.${camel(p.Name)}`, () => this.navigate(parent!, camel(p.Name)));
        break;
      case PathType.Method:
      case PathType.Indexer: {
        const name = p.ObjectPathType === PathType.Indexer ? "getItem" : camel(p.Name);
        out = located(`${parent?.type.name}.${name}`, () => this.call(parent!, name, this.args(p.ArgumentInfo)));
        break;
      }
      default:
        throw notImplemented(`object path type ${p.ObjectPathType}`);
    }
    this.resolved.set(id, out);
    return out;
  }

  private navigate(parent: ServerObject, name: string): ServerObject {
    const nav = parent.type.navs?.[name];
    if (!nav && parent.entity !== null) throw notImplemented(`${parent.type.name}.${name}`);
    const e = live(parent);
    return e === null || !nav ? new ServerObject(NULL_TYPE, null) : nav(e, this.host);
  }

  /** An object-returning method: a getter (`getRange`, `getItem`) or an acting one (`add`, `insert`). */
  private call(parent: ServerObject, name: string, args: unknown[]): ServerObject {
    const getter = parent.type.getters?.[name];
    if (!getter && !parent.type.methods?.[name] && parent.entity === null) return new ServerObject(NULL_TYPE, null);
    if (!getter) {
      const out = this.invoke(parent, name, args);
      if (out instanceof ServerObject) return out;
      if (parent.entity === null) return new ServerObject(NULL_TYPE, null);
      throw notImplemented(`${parent.type.name}.${name}`);
    }
    checkApi(this.host, apiOf(getter, args), `${parent.type.name}.${name}`);
    const e = live(parent);
    if (e === null) return new ServerObject(NULL_TYPE, null);
    const out = getter.run(e, args, this.host);
    if (!(out instanceof ServerObject)) throw notImplemented(`${parent.type.name}.${name}`);
    return out;
  }
}

function apiOf(def: MethodDef<unknown>, args: unknown[]): string | undefined {
  return typeof def.api === "function" ? def.api(args) : def.api;
}

/** The client's check before a chunked write: the values must be the range's size. */
function validateArraySize(target: ServerObject, [rows, columns]: unknown[]): undefined {
  const ref = live(target) as { rect: { rows: number; cols: number } } | null;
  if (ref && (ref.rect.rows !== rows || ref.rect.cols !== columns)) {
    throw excelError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
    );
  }
  return undefined;
}

function notImplemented(what: string): FakeExcelError {
  return excelError("InvalidArgument", `The fake Excel does not model ${what}.`);
}

/** Excel's HTTP status per error code, as the RichApi answers carry it. */
function httpStatus(code: string): number {
  if (code === "ItemNotFound") return 404;
  if (code === "AccessDenied") return 403;
  if (code === "GeneralException") return 500;
  if (code === "ItemAlreadyExists" || code === "InsertDeleteConflict") return 409;
  return 400;
}

function toRichApiError(e: unknown, action: RichApiAction, index: number): RichApiError {
  const err = e instanceof FakeExcelError ? e : excelError("GeneralException", e instanceof Error ? e.message : String(e));
  return {
    Code: err.code,
    Message: err.message,
    Location: err.debugInfo.errorLocation ?? action.Name,
    ActionIndex: index,
    HttpStatusCode: httpStatus(err.code),
  };
}
