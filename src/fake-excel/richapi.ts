/**
 * A RichApi endpoint over the fake workbook: it answers the requests that Microsoft's own Excel
 * client library (package @microsoft/office-js) sends from `context.sync()`, so tests can run the
 * add-in's Office.js code through the real client instead of our reading of it.
 *
 * A request body is `{ Actions, ObjectPaths }`. Object paths are resolved to the fake's server-side
 * objects; actions run in order; the first failing action stops the request and the answer carries
 * the results so far plus the error, because Excel does not roll a batch back (docs: "Error handling
 * with the application-specific JavaScript APIs", learn.microsoft.com/office/dev/add-ins/testing/
 * application-specific-api-error-handling). Browser-safe: no Node APIs.
 */

import { ClientCollection, ClientObject, ClientResult, type Engine, type LoadOption, parseLoad } from "./context";
import { FakeExcelError, excelError } from "./errors";
import { FakeRequestContext } from "./proxies";
import type { RangeRef } from "./state";

/** RichApi action types (the client library's `ActionType` values). */
export const enum ActionType {
  Instantiate = 1,
  Query = 2,
  Method = 3,
  SetProperty = 4,
  Trace = 5,
}

/** RichApi object path types (the client library's `ObjectPathType` values). */
export const enum PathType {
  GlobalObject = 1,
  NewObject = 2,
  Method = 3,
  Property = 4,
  Indexer = 5,
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

type Proxy = ClientObject<unknown>;

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Which query field carries an object's identity, so the client can rewrite the object's path to
 * `collection.getItem(id)` and not repeat the `add()` that made it in the next request (the client
 * library's ObjectPath.updateUsingObjectData reads "Id", "id" or "_Id").
 */
const IDENTITY: Record<string, { field: string; prop: string }> = {
  Worksheet: { field: "Id", prop: "id" },
  Table: { field: "Id", prop: "id" },
  PivotTable: { field: "Id", prop: "id" },
  Chart: { field: "Id", prop: "id" },
  NamedItem: { field: "_Id", prop: "name" },
  WorksheetCustomProperty: { field: "_Id", prop: "key" },
};

/** One RichApi request at a time against one fake workbook. */
export class RichApiServer {
  /**
   * One server-side context for the fake's lifetime, so objects the client keeps by reference
   * (`_KeepReference`, then paths of type ReferenceId) stay bound to what they were across requests.
   */
  private readonly ctx: FakeRequestContext;
  private readonly refs = new References();

  constructor(private readonly engine: Engine) {
    this.ctx = new FakeRequestContext(engine);
    this.ctx._counts = false;
  }

  /** Runs one request; counts it as one sync and its non-instantiate actions as queued calls. */
  async execute(request: RichApiRequest): Promise<RichApiResponse> {
    const stats = this.engine.stats;
    const counted = callersActions(request);
    // A request of bookkeeping alone (Excel.run releasing its references) is no sync of the caller's.
    if (counted.length > 0) stats.syncs++;
    stats.queuedCalls += counted.length;
    stats.loads += counted.filter((a) => a.ActionType === ActionType.Query).length;
    return new RequestRun(this.ctx, this.refs, request).all();
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
  private readonly byId = new Map<string, Proxy>();
  private readonly ids = new WeakMap<Proxy, string>();

  keep(target: Proxy): void {
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

  get(id: string): Proxy {
    const target = this.byId.get(id);
    if (!target) throw excelError("InvalidArgument", `The object reference '${id}' is no longer kept.`);
    return target;
  }

  /** `{ _ReferenceId }` for a kept object: the client rewrites its path to that id. */
  of(target: Proxy): Record<string, unknown> {
    const id = this.ids.get(target);
    return id === undefined ? {} : { _ReferenceId: id };
  }
}

/** The server side of one request: resolved paths are cached for the request's lifetime. */
class RequestRun {
  private readonly resolved = new Map<number, Proxy>();

  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly refs: References,
    private readonly request: RichApiRequest,
  ) {}

  async all(): Promise<RichApiResponse> {
    const results: RichApiResponse["Results"] = [];
    const actions = this.request.Actions;
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      try {
        const value = await this.action(action);
        results.push(value === undefined ? { ActionId: action.Id } : { ActionId: action.Id, Value: value });
      } catch (e) {
        // The rest of the batch is dropped: nothing queued for it may run with the next request.
        this.ctx._discard();
        return { Results: results, Error: toRichApiError(e, action, i) };
      }
    }
    return { Results: results };
  }

  private async action(action: RichApiAction): Promise<unknown> {
    if (action.ActionType === ActionType.Trace) return undefined;
    const target = this.path(action.ObjectPathId);
    switch (action.ActionType) {
      case ActionType.Instantiate: {
        this.ctx._enqueue({ counted: false, label: `${target._typeName}`, run: () => void target._resolve() });
        await this.ctx.sync();
        return target._isNull === true ? null : { ...identity(target), ...this.refs.of(target) };
      }
      case ActionType.Query:
        return this.query(target, action);
      case ActionType.Method: {
        // The client keeps objects it tracks across requests with these (Excel.run tracks ranges).
        if (action.Name === "_KeepReference") return void this.refs.keep(target);
        if (action.Name === "_RemoveReference") return void this.refs.release(String(this.args(action.ArgumentInfo)[0]));
        if (action.Name === "_ValidateArraySize") return this.validateArraySize(target, this.args(action.ArgumentInfo));
        const fn = (target as unknown as Record<string, unknown>)[camel(action.Name)];
        if (typeof fn !== "function") throw notImplemented(`${target._typeName}.${action.Name}`);
        const out: unknown = fn.apply(target, this.args(action.ArgumentInfo));
        await this.ctx.sync();
        return out instanceof ClientResult ? (out.value as unknown) : undefined;
      }
      case ActionType.SetProperty: {
        const name = camel(action.Name);
        if (!hasSetter(target, name)) throw notImplemented(`${target._typeName}.${action.Name} (set)`);
        (target as unknown as Record<string, unknown>)[name] = this.args(action.ArgumentInfo)[0];
        await this.ctx.sync();
        return undefined;
      }
      default:
        throw notImplemented(`action type ${action.ActionType}`);
    }
  }

  /** The client's check before a chunked write: the values must be the range's size. */
  private async validateArraySize(target: Proxy, [rows, columns]: unknown[]): Promise<undefined> {
    this.ctx._enqueue({
      counted: false,
      label: "Range._ValidateArraySize",
      run: () => {
        const ref = target._resolve() as RangeRef | null;
        if (ref && (ref.rect.rows !== rows || ref.rect.cols !== columns)) {
          throw excelError(
            "InvalidArgument",
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
          );
        }
      },
    });
    await this.ctx.sync();
    return undefined;
  }

  private async query(target: Proxy, action: RichApiAction): Promise<unknown> {
    const info = action.QueryInfo ?? {};
    const option: LoadOption | undefined =
      info.Select === undefined && info.Expand === undefined
        ? undefined
        : { ...(info.Select ? { select: info.Select } : {}), ...(info.Expand ? { expand: info.Expand } : {}) };
    target.load(option);
    await this.ctx.sync();
    const value = serialize(target, option);
    return value === null ? null : { ...(value as object), ...this.refs.of(target) };
  }

  private args(info: RichApiArguments | undefined): unknown[] {
    const args = info?.Arguments ?? [];
    const refs = info?.ReferencedObjectPathIds ?? [];
    return args.map((a, i) => (refs[i] ? this.path(refs[i]!) : a));
  }

  /** Resolves an object path to a server-side object (proxies of this request's context). */
  private path(id: number): Proxy {
    const known = this.resolved.get(id);
    if (known) return known;
    const p = this.request.ObjectPaths[String(id)];
    if (!p) throw excelError("InvalidArgument", `The request names object path ${id} but does not send it.`);
    const parent = p.ParentObjectPathId !== undefined ? this.path(p.ParentObjectPathId) : undefined;
    const member = (name: string): unknown => (parent as unknown as Record<string, unknown>)[name];
    let out: unknown;
    switch (p.ObjectPathType) {
      case PathType.GlobalObject:
        out = this.ctx.workbook;
        break;
      case PathType.ReferenceId:
        out = this.refs.get(p.Name);
        break;
      case PathType.Property:
        out = member(camel(p.Name));
        break;
      case PathType.Method:
      case PathType.Indexer: {
        const fn = member(p.ObjectPathType === PathType.Indexer ? "getItem" : camel(p.Name));
        if (typeof fn !== "function") throw notImplemented(`${parent?._typeName}.${p.Name || "getItem"}`);
        out = fn.apply(parent, this.args(p.ArgumentInfo));
        break;
      }
      default:
        throw notImplemented(`object path type ${p.ObjectPathType}`);
    }
    if (!(out instanceof ClientObject)) throw notImplemented(`${parent?._typeName ?? "Workbook"}.${p.Name}`);
    this.resolved.set(id, out as Proxy);
    return out as Proxy;
  }
}

function hasSetter(obj: object, key: string): boolean {
  for (let proto = Object.getPrototypeOf(obj); proto; proto = Object.getPrototypeOf(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (d) return d.set !== undefined;
  }
  return false;
}

function identity(target: Proxy): Record<string, unknown> {
  const id = IDENTITY[target._typeName];
  const entity = target._binding?.entity;
  if (!id || entity === null || entity === undefined) return {};
  const [[, value]] = target._snapshot(entity, [id.prop]) as [[string, unknown]];
  return { [id.field]: value };
}

/** The loaded values of a proxy as the client expects them: PascalCase names, `_Items` for collections. */
function serialize(target: Proxy, option: LoadOption | undefined): unknown {
  if (target._isNull === true) return null;
  if (target instanceof ClientCollection) {
    const items = (target as ClientCollection<unknown, unknown, Proxy>).items;
    const itemOption = withoutItemsPrefix(option);
    return { _Items: items.map((item) => serialize(item, itemOption)) };
  }
  const out: Record<string, unknown> = { ...identity(target) };
  const navs = target._navs();
  const parsed = parseLoad(option, Object.keys(navs), false);
  for (const [k, v] of target._values) if (parsed.all || parsed.own.includes(k)) out[pascal(k)] = v;
  for (const n of parsed.own) if (navs[n] && !parsed.nav.has(n)) parsed.nav.set(n, undefined);
  for (const [name, rest] of parsed.nav) {
    const make = navs[name];
    if (make) out[pascal(name)] = serialize(make() as Proxy, rest);
  }
  return out;
}

/** A collection's load option as its items take it ("items/name" → "name"). */
function withoutItemsPrefix(option: LoadOption | undefined): LoadOption | undefined {
  const strip = (v: string | string[]): string[] => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim().replace(/^items\//, ""));
  if (option === undefined || typeof option === "string" || Array.isArray(option)) {
    return option === undefined ? undefined : strip(option);
  }
  return {
    ...(option.select !== undefined ? { select: strip(option.select) } : {}),
    ...(option.expand !== undefined ? { expand: strip(option.expand) } : {}),
  };
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
