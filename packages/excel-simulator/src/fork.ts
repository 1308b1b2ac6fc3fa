/**
 * A deep copy of a fake workbook's state, for tests that start many runs from the same workbook
 * (a fault sweep sets a workbook up once and tries a failure at every call from a copy of it).
 * The state is plain data in classes, Maps, Sets and arrays that refer to each other (a table to
 * its sheet); the copy keeps those references inside the copy and the classes' prototypes.
 * Functions and the locale (shared, never changed) are kept as they are.
 */
export function deepCopy<T>(value: T, shared: ReadonlySet<unknown> = new Set()): T {
  const seen = new Map<unknown, unknown>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== "object" || shared.has(v)) return v;
    const known = seen.get(v);
    if (known !== undefined) return known;
    if (v instanceof Map) {
      const m = new Map();
      seen.set(v, m);
      for (const [k, x] of v) m.set(copy(k), copy(x));
      return m;
    }
    if (v instanceof Set) {
      const s = new Set();
      seen.set(v, s);
      for (const x of v) s.add(copy(x));
      return s;
    }
    if (Array.isArray(v)) {
      const a: unknown[] = [];
      seen.set(v, a);
      for (const x of v) a.push(copy(x));
      return a;
    }
    const o = Object.create(Object.getPrototypeOf(v)) as Record<string, unknown>;
    seen.set(v, o);
    for (const k of Object.keys(v)) o[k] = copy((v as Record<string, unknown>)[k]);
    return o;
  };
  return copy(value) as T;
}
