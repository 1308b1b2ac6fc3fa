/**
 * The Office.js proxy model: proxies queue operations on a request context,
 * sync() runs the queue in order against the workbook state, and loaded values
 * only become readable after a successful sync.
 */

import { type ErrorCode, FakeExcelError, excelError, propertyNotLoaded } from "./errors";
import type { WorkbookState } from "./state";

/** What a counted operation looks like to failure injection and tests. */
export interface OperationInfo {
  kind: "set" | "method" | "load";
  /** Office.js type name, e.g. "Range" or "Worksheet". */
  object: string;
  /** Property or method name, e.g. "values" or "add". */
  member: string;
  args: readonly unknown[];
}

export interface FailureSpec {
  /** Fail the Nth counted operation executed after this spec was installed (1-based). */
  nth?: number;
  /** Fail the first executed operation for which this returns true. */
  when?: (op: OperationInfo) => boolean;
  code?: ErrorCode;
  message?: string;
  /** Keep failing on every match instead of only the first. */
  persistent?: boolean;
}

export interface FakeStats {
  /** Calls to ctx.sync(), plus Excel.run's implicit final sync when work was pending. */
  syncs: number;
  /** Counted operations queued: property sets, method calls and load() calls. */
  queuedCalls: number;
  /** How many of the queued calls were load() calls. */
  loads: number;
  /** Batches started with run(). */
  runs: number;
  reset(): void;
}

interface ActiveFailure {
  spec: FailureSpec;
  seen: number;
}

function parseVersion(v: string): [number, number] {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) throw new Error(`Not a requirement-set version: '${v}'`);
  return [Number(m[1]), Number(m[2] ?? 0)];
}

export function versionAtLeast(have: string, need: string): boolean {
  const [a, b] = parseVersion(have);
  const [c, d] = parseVersion(need);
  return a > c || (a === c && b >= d);
}

/** Shared by every request context of one fake: the document, counters and injected failures. */
export class Engine {
  readonly stats: FakeStats;
  private failures: ActiveFailure[] = [];

  constructor(
    readonly state: WorkbookState,
    readonly apiVersion: string,
    readonly extraSets: Readonly<Record<string, string>>,
  ) {
    const stats: FakeStats = {
      syncs: 0,
      queuedCalls: 0,
      loads: 0,
      runs: 0,
      reset() {
        stats.syncs = 0;
        stats.queuedCalls = 0;
        stats.loads = 0;
        stats.runs = 0;
      },
    };
    this.stats = stats;
  }

  /** Office.context.requirements.isSetSupported. */
  isSetSupported(name: string, version?: string | number): boolean {
    const have =
      name.toLowerCase() === "excelapi"
        ? this.apiVersion
        : Object.entries(this.extraSets).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (have === undefined) return false;
    return version === undefined || versionAtLeast(have, String(version));
  }

  supportsExcelApi(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  addFailure(spec: FailureSpec): void {
    this.failures.push({ spec, seen: 0 });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** Throws the injected error if an installed failure matches this operation. */
  checkFailure(info: OperationInfo): void {
    for (const f of this.failures) {
      f.seen++;
      const hit = (f.spec.nth !== undefined && f.seen === f.spec.nth) || (f.spec.when !== undefined && f.spec.when(info));
      if (!hit) continue;
      if (!f.spec.persistent) this.failures = this.failures.filter((x) => x !== f);
      throw excelError(f.spec.code ?? "GeneralException", f.spec.message ?? `Injected failure at ${info.object}.${info.member}.`);
    }
  }
}

export interface QueuedOp {
  /** Counted ops are the caller's own calls; uncounted ones resolve proxies. */
  counted: boolean;
  info?: OperationInfo;
  label: string;
  /** Minimum ExcelApi version; older hosts fail with ApiNotFound. */
  api?: string;
  run(commit: (fn: () => void) => void): void;
}

/** The part of a request context that proxies need: the queue and the engine. */
export class ContextCore {
  private queue: QueuedOp[] = [];
  private closed = false;
  private traces: string[] = [];
  /** Office.js keeps proxies valid across syncs only when tracked; here every proxy stays valid. */
  readonly trackedObjects = { add(_obj: unknown): void {}, remove(_obj: unknown): void {} };

  /**
   * @internal False for the context behind the RichApi simulator: there the client's requests are
   * what `stats` counts, not the server-side steps that carry them out.
   */
  _counts = true;

  constructor(readonly _engine: Engine) {}

  /** @internal */
  _enqueue(op: QueuedOp): void {
    if (this.closed) {
      throw excelError("InvalidRequestContext", "This request context's batch has finished; start a new run().");
    }
    if (op.counted && this._counts) {
      this._engine.stats.queuedCalls++;
      if (op.info?.kind === "load") this._engine.stats.loads++;
    }
    this.queue.push(op);
  }

  /** @internal True if the caller queued anything that Excel.run would still send. */
  _hasPendingWork(): boolean {
    return this.queue.some((op) => op.counted);
  }

  /** @internal Drops what is queued and not yet run (the rest of a failed request). */
  _discard(): void {
    this.queue = [];
  }

  /** @internal */
  _close(): void {
    this.closed = true;
    this.queue = [];
  }

  get _state(): WorkbookState {
    return this._engine.state;
  }

  trace(message: string): void {
    this._enqueue({ counted: false, label: "trace", run: () => this.traces.push(message) });
  }

  /**
   * Runs the queued operations in order. When one fails, those before it stay
   * applied, it and the rest of the batch are dropped, and the promise rejects.
   */
  sync(): Promise<void> {
    if (this._counts) this._engine.stats.syncs++;
    if (this.closed) {
      return Promise.reject(excelError("InvalidRequestContext", "sync() was called after the batch finished."));
    }
    const ops = this.queue;
    this.queue = [];
    this.traces = [];
    const commits: (() => void)[] = [];
    const commit = (fn: () => void) => commits.push(fn);
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      try {
        if (op.api && !this._engine.supportsExcelApi(op.api)) {
          throw excelError("ApiNotFound", `${op.label} needs ExcelApi ${op.api}; this host supports ExcelApi ${this._engine.apiVersion}.`);
        }
        if (op.counted && op.info) this._engine.checkFailure(op.info);
        op.run(commit);
      } catch (e) {
        return Promise.reject(this.describeFailure(e, ops, i));
      }
    }
    for (const fn of commits) fn();
    return Promise.resolve();
  }

  private describeFailure(e: unknown, ops: QueuedOp[], index: number): FakeExcelError {
    const op = ops[index]!;
    let err: FakeExcelError;
    if (e instanceof FakeExcelError) {
      err = e;
    } else {
      // A bug in the fake or the caller's callback: surface it as Excel would, keeping the cause.
      err = excelError("GeneralException", e instanceof Error ? e.message : String(e));
      err.innerError = e instanceof Error ? e : null;
    }
    const labels = ops.filter((o) => o.counted).map((o) => o.label);
    const pos = ops.slice(0, index).filter((o) => o.counted).length;
    err.debugInfo.errorLocation ??= op.label;
    err.debugInfo.statement = op.label;
    err.debugInfo.surroundingStatements = labels.slice(Math.max(0, pos - 2), pos + 3);
    err.traceMessages.push(...this.traces);
    return err;
  }

  /** Legacy form: ctx.load(obj, "a,b"). */
  load<T extends { load(option?: LoadOption): T }>(obj: T, option?: LoadOption): T {
    return obj.load(option);
  }
}

export type LoadOption =
  string | string[] | { select?: string | string[]; expand?: string | string[]; $all?: boolean; [key: string]: unknown };

export interface PropSpec<E> {
  get(entity: E, state: WorkbookState): unknown;
  /** Minimum ExcelApi version to read it. */
  api?: string;
}

export type PropTable<E> = Record<string, PropSpec<E>>;

export interface ParsedLoad {
  all: boolean;
  own: string[];
  nav: Map<string, LoadOption | undefined>;
}

function splitNames(v: string | string[]): string[] {
  const parts = Array.isArray(v) ? v.flatMap((x) => x.split(",")) : v.split(",");
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Parses the minimal load() forms: "a,b", ["a"], {select, expand} and {a: true, nav: {...}}. */
export function parseLoad(option: LoadOption | undefined, navNames: readonly string[], stripItems: boolean): ParsedLoad {
  const out: ParsedLoad = { all: false, own: [], nav: new Map() };
  const addName = (raw: string) => {
    const name = stripItems && raw.startsWith("items/") ? raw.slice("items/".length) : raw;
    const slash = name.indexOf("/");
    if (slash >= 0) {
      const head = name.slice(0, slash);
      const rest = name.slice(slash + 1);
      const prev = out.nav.get(head);
      out.nav.set(head, prev === undefined ? rest : `${String(prev)},${rest}`);
    } else if (navNames.includes(name)) {
      out.nav.set(name, out.nav.get(name));
    } else {
      out.own.push(name);
    }
  };
  if (option === undefined || option === null) {
    out.all = true;
  } else if (typeof option === "string" || Array.isArray(option)) {
    const names = splitNames(option);
    if (names.length === 0) out.all = true;
    names.forEach(addName);
  } else {
    if (option.$all) out.all = true;
    if (option.select !== undefined) splitNames(option.select).forEach(addName);
    if (option.expand !== undefined) splitNames(option.expand).forEach((n) => out.nav.set(n, out.nav.get(n)));
    for (const [k, v] of Object.entries(option)) {
      if (k === "select" || k === "expand" || k.startsWith("$")) continue;
      if (v === true) addName(k);
      else if (v && typeof v === "object") out.nav.set(k, v as LoadOption);
    }
    if (out.own.length === 0 && out.nav.size === 0 && option.select === undefined) out.all = true;
  }
  return out;
}

type Binder<E> = () => E | null;

/**
 * Base of every proxy. `E` is the state entity it stands for; a proxy resolves
 * its entity lazily at sync (once), and a null entity makes it a null object
 * on which sets and methods do nothing.
 */
export abstract class ClientObject<E> {
  readonly context: ContextCore;
  /** @internal */
  _binding: { entity: E | null } | undefined;
  private readonly _binder: Binder<E>;
  /** @internal */
  _isNull: boolean | undefined;
  /** @internal Loaded (or locally assigned) scalar values. */
  readonly _values = new Map<string, unknown>();

  /**
   * @param eager Resolve at the next sync even if nothing else uses the proxy,
   *   so getItem fails and getItemOrNullObject learns isNullObject there;
   *   `via` names the call in error reports and `api` gates it on an ExcelApi version.
   */
  constructor(context: ContextCore, binder: Binder<E>, eager: false | { api?: string; via: string } = false) {
    this.context = context;
    this._binder = binder;
    if (eager) {
      context._enqueue({
        counted: false,
        label: eager.via,
        ...(eager.api ? { api: eager.api } : {}),
        run: () => {
          this._resolve();
        },
      });
    }
  }

  /** Office.js type name. */
  abstract get _typeName(): string;

  /** Loadable scalar properties. */
  protected abstract _props(): PropTable<E>;

  /** @internal Navigation properties that load() paths may walk through. */
  _navs(): Record<string, () => ClientObject<unknown>> {
    return {};
  }

  /** Whether a bound entity still exists (deleted sheets, tables...). */
  protected _alive(_entity: E): boolean {
    return true;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", this._typeName);
    return this._isNull;
  }

  /** @internal Resolves the entity during sync; throws Office.js errors. */
  _resolve(): E | null {
    if (!this._binding) {
      this._binding = { entity: this._binder() };
      this._isNull = this._binding.entity === null;
    }
    const e = this._binding.entity;
    if (e !== null && !this._alive(e)) {
      throw excelError("ItemNotFound", `The ${this._typeName} this object refers to no longer exists.`);
    }
    return e;
  }

  /** @internal Resolves to a non-null entity or throws (for navigation from getItem results). */
  _require(): E {
    const e = this._resolve();
    if (e === null) throw excelError("ItemNotFound", `The ${this._typeName} does not exist.`);
    return e;
  }

  /** @internal Binds a proxy returned by an add() to the entity just created. */
  _bindTo(entity: E): void {
    this._binding = { entity };
    this._isNull = false;
  }

  protected get _wb(): WorkbookState {
    return this.context._state;
  }

  protected _get<T>(name: string): T {
    if (this._values.has(name)) return this._values.get(name) as T;
    // Office.js hands back undefined for properties of a null object instead of throwing.
    if (this._isNull === true) return undefined as T;
    throw propertyNotLoaded(name, this._typeName);
  }

  /** Queues a property set; the assigned value is readable locally right away, as in Office.js. */
  protected _set(name: string, value: unknown, apply: (e: E, wb: WorkbookState) => void, api?: string): void {
    this._values.set(name, value);
    this._op("set", name, [value], apply, api);
  }

  /** Queues a counted operation that runs against the resolved entity (skipped on null objects). */
  protected _op(
    kind: "set" | "method",
    member: string,
    args: readonly unknown[],
    apply: (e: E, wb: WorkbookState) => void,
    api?: string,
  ): void {
    const label = `${this._typeName}.${member}`;
    this.context._enqueue({
      counted: true,
      info: { kind, object: this._typeName, member, args },
      label,
      ...(api ? { api } : {}),
      run: () => {
        const e = this._resolve();
        if (e !== null) apply(e, this._wb);
      },
    });
  }

  /** Queues a method whose result is a ClientResult filled in at sync. */
  protected _result<T>(member: string, args: readonly unknown[], compute: (e: E, wb: WorkbookState) => T, api?: string): ClientResult<T> {
    const result = new ClientResult<T>();
    this.context._enqueue({
      counted: true,
      info: { kind: "method", object: this._typeName, member, args },
      label: `${this._typeName}.${member}`,
      ...(api ? { api } : {}),
      run: (commit) => {
        const e = this._resolve();
        const v = e === null ? undefined : compute(e, this._wb);
        commit(() => result._fill(v as T));
      },
    });
    return result;
  }

  /** @internal Reads the named scalars from the entity (at sync); checks api sets and names. */
  _snapshot(entity: E, names: readonly string[] | "all"): [string, unknown][] {
    const table = this._props();
    const list =
      names === "all"
        ? Object.keys(table).filter((n) => {
            const api = table[n]!.api;
            return !api || this.context._engine.supportsExcelApi(api);
          })
        : names;
    return list.map((name) => {
      const spec = table[name];
      if (!spec) {
        throw excelError("InvalidArgument", `'${name}' is not a loadable property of ${this._typeName}.`);
      }
      if (spec.api && !this.context._engine.supportsExcelApi(spec.api)) {
        throw excelError("ApiNotFound", `${this._typeName}.${name} needs ExcelApi ${spec.api}.`);
      }
      return [name, spec.get(entity, this._wb)];
    });
  }

  /** ExcelApi version needed for a load to run at all (collections of newer objects). */
  protected _loadApi(): string | undefined {
    return undefined;
  }

  /** Queues loading the given properties (paths like "format/font/bold" too); read them after the next sync. */
  load(option?: LoadOption): this {
    const parsed = parseLoad(option, Object.keys(this._navs()), this._stripsItems());
    const api = this._loadApi();
    this.context._enqueue({
      counted: true,
      info: { kind: "load", object: this._typeName, member: "load", args: [option ?? "all"] },
      label: `${this._typeName}.load`,
      ...(api ? { api } : {}),
      run: (commit) => commit(this._loadNow(parsed)),
    });
    return this;
  }

  /** @internal Whether load paths start with "items/" (collections). */
  _stripsItems(): boolean {
    return false;
  }

  /**
   * @internal Resolves and snapshots at sync; returns what to apply once the
   * whole batch has succeeded, so a failed sync leaves loaded values unchanged.
   */
  _loadNow(parsed: ParsedLoad): () => void {
    const e = this._resolve();
    if (e === null) {
      return () => {
        this._isNull = true;
      };
    }
    const navs = this._navs();
    const own = parsed.own.filter((n) => !navs[n]);
    const nav = new Map(parsed.nav);
    for (const n of parsed.own) if (navs[n] && !nav.has(n)) nav.set(n, undefined);
    const commits: (() => void)[] = [];
    for (const [name, rest] of nav) {
      const make = navs[name];
      if (!make) throw excelError("InvalidArgument", `'${name}' is not a navigation property of ${this._typeName}.`);
      const child = make();
      commits.push(child._loadNow(parseLoad(rest, Object.keys(child._navs()), child._stripsItems())));
    }
    if (parsed.all || own.length > 0) {
      const values = this._snapshot(e, parsed.all ? "all" : own);
      commits.push(() => {
        for (const [k, v] of values) this._values.set(k, v);
      });
    }
    return () => {
      this._isNull = false;
      for (const c of commits) c();
    };
  }

  /**
   * Sets several properties at once, walking into navigation properties for
   * nested objects (range.set({ format: { font: { bold: true } } })).
   */
  set(properties: Record<string, unknown>): void {
    const navs = this._navs();
    for (const [key, value] of Object.entries(properties)) {
      const nav = navs[key];
      if (nav && value !== null && typeof value === "object" && !Array.isArray(value)) {
        nav().set(value as Record<string, unknown>);
        continue;
      }
      const desc = findSetter(this, key);
      if (!desc) throw excelError("InvalidArgument", `${this._typeName}.${key} cannot be set.`);
      desc.call(this, value);
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._values);
  }
}

function findSetter(obj: object, key: string): ((v: unknown) => void) | undefined {
  let proto: object | null = Object.getPrototypeOf(obj);
  while (proto) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (d) return d.set;
    proto = Object.getPrototypeOf(proto);
  }
  return undefined;
}

/** Base for collections: `items` become readable after load() and sync. */
export abstract class ClientCollection<E, Item, P extends ClientObject<Item>> extends ClientObject<E> {
  private _items: P[] | undefined;

  /** Item entities in collection order (at sync). */
  protected abstract _list(entity: E, wb: WorkbookState): Item[];
  /** A proxy for an item that is already known to exist. */
  protected abstract _wrap(item: Item): P;

  protected _props(): PropTable<E> {
    return {};
  }

  get items(): P[] {
    if (this._items === undefined) {
      if (this._isNull === true) return [];
      throw propertyNotLoaded("items", this._typeName);
    }
    return this._items;
  }

  override _stripsItems(): boolean {
    return true;
  }

  /** Loads the listed properties (and navigation paths) on every item. */
  override _loadNow(parsed: ParsedLoad): () => void {
    const e = this._resolve();
    if (e === null) {
      return () => {
        this._isNull = true;
      };
    }
    const rows = this._list(e, this._wb).map((item) => {
      const proxy = this._wrap(item);
      proxy._bindTo(item);
      return { proxy, commit: proxy._loadNow(parsed) };
    });
    return () => {
      this._isNull = false;
      this._items = rows.map(({ proxy, commit }) => {
        commit();
        return proxy;
      });
    };
  }

  override toJSON(): Record<string, unknown> {
    return { items: (this._items ?? []).map((i) => i.toJSON()) };
  }
}

export class ClientResult<T> {
  private _has = false;
  private _v: T | undefined;

  get value(): T {
    // Microsoft's client says ValueNotLoaded here, not PropertyNotLoaded (ClientResult.value).
    if (!this._has) {
      throw excelError(
        "ValueNotLoaded",
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
        "clientResult.value",
      );
    }
    return this._v as T;
  }

  /** @internal */
  _fill(v: T): void {
    this._v = v;
    this._has = true;
  }
}
