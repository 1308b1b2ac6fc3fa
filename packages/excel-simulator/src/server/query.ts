/**
 * Query actions: the loaded values of a server object as the client library expects them
 * (PascalCase names, `_Items` for collections, navigation properties nested), for the select and
 * expand lists of the client's QueryInfo.
 */

import { excelError } from "../excel-errors";
import { type Host, ServerObject, checkApi, live } from "./object-model";

export type LoadOption = string | string[] | { select?: string | string[]; expand?: string | string[] };

interface ParsedLoad {
  all: boolean;
  own: string[];
  nav: Map<string, LoadOption | undefined>;
}

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function splitNames(v: string | string[]): string[] {
  const parts = Array.isArray(v) ? v.flatMap((x) => x.split(",")) : v.split(",");
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Splits "a, b/c" into own scalars and navigation paths with what to load below them. */
function parseLoad(option: LoadOption | undefined, navNames: readonly string[]): ParsedLoad {
  const out: ParsedLoad = { all: false, own: [], nav: new Map() };
  const addName = (name: string) => {
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
  if (option === undefined) {
    out.all = true;
  } else if (typeof option === "string" || Array.isArray(option)) {
    const names = splitNames(option);
    if (names.length === 0) out.all = true;
    names.forEach(addName);
  } else {
    if (option.select !== undefined) splitNames(option.select).forEach(addName);
    if (option.expand !== undefined) splitNames(option.expand).forEach((n) => out.nav.set(n, out.nav.get(n)));
    if (out.own.length === 0 && out.nav.size === 0 && option.select === undefined) out.all = true;
  }
  return out;
}

/** A collection's load option as its items take it ("items/name" → "name"). */
function withoutItemsPrefix(option: LoadOption | undefined): LoadOption | undefined {
  const strip = (v: string | string[]): string[] => splitNames(v).map((s) => s.replace(/^items\//, ""));
  if (option === undefined || typeof option === "string" || Array.isArray(option)) {
    return option === undefined ? undefined : strip(option);
  }
  return {
    ...(option.select !== undefined ? { select: strip(option.select) } : {}),
    ...(option.expand !== undefined ? { expand: strip(option.expand) } : {}),
  };
}

/** `{ Id: … }` (or `_Id`) for objects whose path the client may rewrite to getItem(id). */
export function identity(o: ServerObject, host: Host): Record<string, unknown> {
  const id = o.type.identity;
  const prop = id ? o.type.props?.[id.prop] : undefined;
  if (!id || !prop?.get || o.entity === null) return {};
  if (prop.api && !host.engine.supportsExcelApi(prop.api)) return {};
  return { [id.field]: prop.get(o.entity, host) };
}

/** Reads the named scalars (or all readable ones this host has) from the entity now. */
function scalars(o: ServerObject, e: unknown, names: readonly string[] | "all", host: Host): Record<string, unknown> {
  const props = o.type.props ?? {};
  const list =
    names === "all"
      ? Object.keys(props).filter((n) => props[n]!.get && (!props[n]!.api || host.engine.supportsExcelApi(props[n]!.api!)))
      : names;
  const out: Record<string, unknown> = {};
  for (const name of list) {
    const spec = props[name];
    if (!spec?.get) throw excelError("InvalidArgument", `'${name}' is not a loadable property of ${o.type.name}.`);
    checkApi(host, spec.api, `${o.type.name}.${name}`);
    out[pascal(name)] = spec.get(e, host);
  }
  return out;
}

/** The answer to a Query on `o`: null for a null object. */
export function serialize(o: ServerObject, option: LoadOption | undefined, host: Host): unknown {
  const e = live(o);
  if (e === null) return null;
  if (o.type.items) {
    const itemOption = withoutItemsPrefix(option);
    return { _Items: o.type.items(e, host).map((item) => serialize(item, itemOption, host)) };
  }
  const navs = o.type.navs ?? {};
  const parsed = parseLoad(option, Object.keys(navs));
  for (const n of parsed.own) if (navs[n] && !parsed.nav.has(n)) parsed.nav.set(n, undefined);
  const own = parsed.own.filter((n) => !navs[n]);
  const out: Record<string, unknown> = { ...identity(o, host) };
  if (parsed.all || own.length > 0) Object.assign(out, scalars(o, e, parsed.all ? "all" : own, host));
  for (const [name, rest] of parsed.nav) {
    const make = navs[name];
    if (!make) throw excelError("InvalidArgument", `'${name}' is not a navigation property of ${o.type.name}.`);
    out[pascal(name)] = serialize(make(e, host), rest, host);
  }
  return out;
}
