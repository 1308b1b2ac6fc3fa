// Decides, from one read of the workbook, what each operation does: which sheets are the add-in's
// (by their index entry, never by name), which to create and under what free name, which to
// rewrite in place, which to leave alone (protected). Pure, so every rule is testable in Node.

import { PIVOT_TABLE, type SheetSpec, type TargetKey } from "./sheet-specs.js";
import {
  INDEX_PREFIX,
  NAME_COMMENT_PREFIX,
  decodeRecord,
  freeIdentifier,
  freeSheetName,
  indexName,
  nameFragment,
  type OwnershipRecord,
} from "./ownership.js";
import { parseSheetReference, type Rect } from "@nav-tiltak/a1";
import type { Capabilities, Message } from "./operation-types.js";

/** What the first round trip reads: collections only, so it is valid in any workbook. */
export interface WorkbookSnapshot {
  /** `visible` is false for hidden and very hidden sheets (absent: visible). */
  sheets: { name: string; protected: boolean; visible?: boolean }[];
  names: { name: string; formula: string; comment: string }[];
  tables: string[];
  /** Null where PivotTables are not supported (ExcelApi 1.8). */
  pivots: string[] | null;
  /** Tables with their ids and sheets, so a renamed table is still known (absent: by name only). */
  tableInfo?: ObjectInfo[];
  /** PivotTables with their ids and sheets (absent: by name only). */
  pivotInfo?: ObjectInfo[];
  /** Keys an earlier operation was asked to write and may not have finished (see REQUEST_NAME). */
  requested?: string[];
  /** The request record's comment as read (undefined: there is none). */
  requestComment?: string;
  /** Workbook.protection.protected: the structure is protected (no sheets can be added). */
  workbookProtected?: boolean;
  /** Sheets with an add-in default name and nothing in them (see `adopt`). */
  blankSheets?: string[];
}

export interface ObjectInfo {
  name: string;
  id: string;
  sheet: string;
}

export type Mode = "upsert" | "refresh";

export interface NamePlan {
  name: string;
  exists: boolean;
  /** The table column and value that pick the name's rows (see group-names.ts). */
  column: string;
  value: string;
  comment: string;
}

export interface TablePlan {
  /** The table's name as read: the user's, when they renamed it (see `finish` for the name it gets). */
  name: string;
  exists: boolean;
  /** Table.id of the existing table, when the read saw it. */
  id?: string;
  /** The existing table has the new table's size, so it is rewritten without resizing. */
  sameShape: boolean;
  /**
   * The user inserted or deleted cells inside the block since it was written, so the existing
   * table may have moved within it: it is deleted and made again (same name) instead of kept.
   */
  rebuild: boolean;
  /** Workbook names per hovedgruppe pointing at the table's rows. */
  names: NamePlan[];
  /**
   * The previous write was cut short (its record is pending), so the table may lack the name and
   * style it was to get: they are set again. Never for a finished write (a renamed table is the user's).
   */
  finish?: { name: string; style: string };
}

export interface PivotPlan {
  /** The PivotTable's name now: the user's, when they renamed it. */
  name: string;
  exists: boolean;
  /** PivotTable.id of the existing PivotTable, when the read saw it. */
  id?: string;
  /** The sheet the existing PivotTable is on now (the user may have moved it). */
  sheet?: string;
  /** The previous write was cut short, so the PivotTable may lack fields: it is made again. */
  rebuild?: boolean;
  /** The plan of the sheet whose table feeds it. */
  source: TargetPlan;
}

export interface TargetPlan {
  spec: SheetSpec;
  action: "create" | "rewrite" | "skip";
  /** created: new; recreated: its sheet had been deleted; updated: rewritten in place. */
  status: "created" | "recreated" | "updated" | "skipped";
  sheetName: string;
  /**
   * The block of cells this write covers. A new sheet's block starts at A1; a rewritten one starts
   * where the index entry's reference is now, since Excel moves the reference with the cells when
   * the user inserts or deletes rows above the block or columns left of it.
   */
  rect: Rect;
  /** Where the index entry says the previous write was (rewrite only). */
  oldRect?: Rect;
  /** The previous write's record; null when the index entry's comment is unreadable. */
  record?: OwnershipRecord | null;
  indexExists: boolean;
  /** False for an existing sheet the user has hidden: Excel cannot activate it. */
  visible: boolean;
  /**
   * Create into an existing blank sheet instead of adding one: an operation cut short between
   * adding a sheet and claiming it left it, and the request record says this sheet was asked for.
   */
  adopt?: boolean;
  table?: TablePlan;
  pivot?: PivotPlan;
}

export interface Plan {
  targets: TargetPlan[];
  messages: Message[];
}

function specRect(spec: SheetSpec, origin: { row: number; col: number } = { row: 0, col: 0 }): Rect {
  return { row: origin.row, col: origin.col, rows: spec.values.length, cols: Math.max(1, ...spec.values.map((r) => r.length)) };
}

function upper(s: string): string {
  return s.toLocaleUpperCase("nb-NO");
}

/** The keys the workbook has index entries for (the add-in's objects, deleted ones included). */
export function ownedKeys(snapshot: WorkbookSnapshot, specs: SheetSpec[]): Set<TargetKey> {
  const names = new Set(snapshot.names.map((n) => upper(n.name)));
  return new Set(specs.filter((s) => names.has(upper(indexName(s.key)))).map((s) => s.key));
}

/** What planning one operation knows and has taken so far: the snapshot's lookups and the names in use. */
interface Planning {
  snapshot: WorkbookSnapshot;
  messages: Message[];
  takenSheets: string[];
  takenTables: string[];
  takenPivots: string[];
  takenNames: string[];
  nameByUpper: Map<string, WorkbookSnapshot["names"][number]>;
  sheetByUpper: Map<string, WorkbookSnapshot["sheets"][number]>;
  requested: Set<string>;
  blank: Set<string>;
  /** Sheets some index entry refers to are the add-in's already, never adopted for another key. */
  referenced: Set<string>;
}

function planning(snapshot: WorkbookSnapshot): Planning {
  return {
    snapshot,
    messages: [],
    takenSheets: snapshot.sheets.map((s) => s.name),
    // Excel tables and workbook names share one namespace: a table cannot be named like a defined
    // name, nor a name like a table (ItemAlreadyExists), so each free name avoids both.
    takenTables: [...snapshot.tables, ...snapshot.names.map((n) => n.name)],
    takenPivots: [...(snapshot.pivots ?? [])],
    takenNames: [...snapshot.names.map((n) => n.name), ...snapshot.tables],
    nameByUpper: new Map(snapshot.names.map((n) => [upper(n.name), n])),
    sheetByUpper: new Map(snapshot.sheets.map((s) => [upper(s.name), s])),
    requested: new Set(snapshot.requested ?? []),
    blank: new Set((snapshot.blankSheets ?? []).map(upper)),
    referenced: new Set(
      snapshot.names.flatMap((n) => {
        const ref = n.name.toUpperCase().startsWith(INDEX_PREFIX.toUpperCase()) ? parseSheetReference(n.formula) : null;
        return ref ? [upper(ref.sheet)] : [];
      }),
    ),
  };
}

/** The sheet of one target: its own sheet rewritten (or skipped when protected), a blank sheet adopted, or a new one. */
function planSheet(ctx: Planning, spec: SheetSpec): TargetPlan {
  const { messages } = ctx;
  const index = ctx.nameByUpper.get(upper(indexName(spec.key)));
  const ref = index ? parseSheetReference(index.formula) : null;
  const existing = ref ? ctx.sheetByUpper.get(upper(ref.sheet)) : undefined;
  const rect = specRect(spec, existing && ref ? ref.rect : undefined);
  if (existing && ref) {
    const record = decodeRecord(index!.comment, spec.key);
    const visible = existing.visible !== false;
    if (!existing.protected) {
      return {
        spec,
        action: "rewrite",
        status: "updated",
        sheetName: existing.name,
        rect,
        oldRect: ref.rect,
        record,
        indexExists: true,
        visible,
      };
    }
    messages.push({
      level: "warning",
      text: `Arket «${existing.name}» er beskyttet og ble ikke endret. Opphev arkbeskyttelsen (Se gjennom > Opphev beskyttelse) og prøv igjen.`,
    });
    return { spec, action: "skip", status: "skipped", sheetName: existing.name, rect, indexExists: true, visible };
  }
  const defaultUpper = upper(spec.defaultName);
  if (!index && ctx.requested.has(spec.key) && ctx.blank.has(defaultUpper) && !ctx.referenced.has(defaultUpper)) {
    ctx.blank.delete(defaultUpper);
    const sheetName = ctx.sheetByUpper.get(defaultUpper)!.name;
    return { spec, action: "create", status: "created", sheetName, rect, indexExists: false, visible: true, adopt: true };
  }
  const sheetName = freeSheetName(spec.defaultName, ctx.takenSheets);
  ctx.takenSheets.push(sheetName);
  if (sheetName !== spec.defaultName) {
    messages.push({
      level: "info",
      text: `Du har allerede et ark som heter «${spec.defaultName}». Det er ditt og ble ikke rørt; tabellen ble satt inn som «${sheetName}».`,
    });
  }
  if (index) messages.push({ level: "info", text: `Arket «${spec.defaultName}» var slettet og er laget på nytt som «${sheetName}».` });
  return { spec, action: "create", status: index ? "recreated" : "created", sheetName, rect, indexExists: !!index, visible: true };
}

/** The workbook names over a table's row spans: the add-in's own kept, a user's name avoided. */
function planSpanNames(ctx: Planning, t: NonNullable<SheetSpec["table"]>, tableName: string): NamePlan[] {
  const names: NamePlan[] = [];
  for (const span of t.spans) {
    if (span.count === 0) continue;
    const wanted = `${t.namePrefix}${nameFragment(span.short)}`;
    const found = ctx.nameByUpper.get(upper(wanted));
    const ours = found !== undefined && found.comment.startsWith(NAME_COMMENT_PREFIX);
    const nm = ours ? found!.name : freeIdentifier(wanted, ctx.takenNames, "_");
    if (!ours) {
      ctx.takenNames.push(nm);
      ctx.takenTables.push(nm);
    }
    names.push({
      name: nm,
      exists: ours,
      column: t.groupColumn,
      value: span.name,
      comment: `${NAME_COMMENT_PREFIX} ${span.name}, rader i tabellen ${tableName} (${t.description}).`,
    });
    if (!ours && nm !== wanted) {
      ctx.messages.push({
        level: "info",
        text: `Navnet ${wanted} finnes allerede i arbeidsboken og er ditt; NAV tiltak brukte ${nm} i stedet.`,
      });
    }
  }
  return names;
}

/** The Excel table of a target: its own kept (by identity) or a free name, and its names. */
function planTable(ctx: Planning, plan: TargetPlan, t: NonNullable<SheetSpec["table"]>): void {
  const found = plan.action === "rewrite" ? findOwnTable(ctx.snapshot, plan) : null;
  const keep = found !== null;
  const name = found ? found.name : freeIdentifier(t.name, ctx.takenTables);
  if (!keep) {
    ctx.takenTables.push(name);
    ctx.takenNames.push(name);
  }
  const old = plan.oldRect;
  const sameShape = keep && !!old && old.rows === plan.rect.rows && old.cols === plan.rect.cols;
  const size = plan.record?.size;
  const rebuild = keep && !!old && !!size && (old.rows !== size[0] || old.cols !== size[1]);
  const names = planSpanNames(ctx, t, name);
  const cutShort = plan.record?.hash === "";
  const wanted = plan.record?.table ?? t.name;
  const nameFree = !ctx.takenTables.some((n) => upper(n) === upper(wanted)) || upper(wanted) === upper(name);
  const finish = keep && cutShort ? { name: nameFree ? wanted : name, style: t.style } : undefined;
  plan.table = {
    name,
    exists: keep,
    sameShape,
    rebuild,
    names,
    ...(found?.id ? { id: found.id } : {}),
    ...(finish ? { finish } : {}),
  };
  if (finish && upper(finish.name) !== upper(name)) for (const n of plan.table.names) n.comment = n.comment.replace(name, finish.name);
}

/** PivotTables: after their source, which must be in this operation or already in the workbook. */
function planPivots(ctx: Planning, targets: TargetPlan[], byKey: Map<TargetKey, TargetPlan>): void {
  for (const plan of targets) {
    const p = plan.spec.pivot;
    if (!p || plan.action === "skip") continue;
    const source = byKey.get(p.source);
    if (!source || source.action === "skip" || !source.table) {
      ctx.messages.push({
        level: "warning",
        text: `Pivottabellen ble ikke ${plan.action === "rewrite" ? "oppdatert" : "laget"} fordi tabellen den bygger på, ikke kunne skrives.`,
      });
      plan.action = "skip";
      plan.status = "skipped";
      continue;
    }
    const found = plan.action === "rewrite" ? findOwnPivot(ctx.snapshot, plan) : null;
    const name = found ? found.name : freeIdentifier(p.name, ctx.takenPivots);
    if (!found) ctx.takenPivots.push(name);
    plan.pivot = {
      name,
      exists: found !== null,
      source,
      ...(found ? { id: found.id, sheet: found.sheet } : {}),
      ...(found && plan.record?.hash === "" ? { rebuild: true } : {}),
    };
  }
}

export function planTargets(snapshot: WorkbookSnapshot, specs: SheetSpec[], mode: Mode, caps: Capabilities): Plan {
  const ctx = planning(snapshot);
  const { messages } = ctx;
  const owned = ownedKeys(snapshot, specs);
  const targets: TargetPlan[] = [];
  const byKey = new Map<TargetKey, TargetPlan>();

  for (const spec of specs) {
    // An operation cut short is completed by the next refresh: what it was asked for counts as ours.
    if (mode === "refresh" && !owned.has(spec.key) && !ctx.requested.has(spec.key)) continue;
    if (spec.pivot && !caps.pivotTables) {
      messages.push({
        level: "warning",
        text:
          "Pivottabellen ble ikke laget: denne Excel-versjonen lar ikke tillegg lage pivottabeller (krever ExcelApi 1.8). " +
          "Tabellen NavTiltak på arket «Pivotdata tiltak» kan brukes med Sett inn > Pivottabell.",
      });
      continue;
    }
    const plan = planSheet(ctx, spec);
    if (spec.table && plan.action !== "skip") planTable(ctx, plan, spec.table);
    targets.push(plan);
    byKey.set(spec.key, plan);
  }
  planPivots(ctx, targets, byKey);

  // The PivotTable sheet goes last: its source table must exist before it in the same batch.
  targets.sort((a, b) => Number(a.spec.key === PIVOT_TABLE) - Number(b.spec.key === PIVOT_TABLE));
  return { targets, messages };
}

/**
 * The add-in's table on a rewritten sheet, found by identity: the Table.id its record keeps, else
 * the name it was given, else the one table on the add-in's own sheet. A table the user renamed
 * keeps the user's name. Only a table on the add-in's sheet counts: the block is written there.
 */
function findOwnTable(snapshot: WorkbookSnapshot, plan: TargetPlan): ObjectInfo | null {
  const info = snapshot.tableInfo ?? snapshot.tables.map((name) => ({ name, id: "", sheet: plan.sheetName }));
  const onSheet = info.filter((t) => upper(t.sheet) === upper(plan.sheetName));
  const rec = plan.record;
  const byId = rec?.tableId ? onSheet.find((t) => t.id === rec.tableId) : undefined;
  const byName = rec?.table ? onSheet.find((t) => upper(t.name) === upper(rec.table!)) : undefined;
  return byId ?? byName ?? (onSheet.length === 1 ? onSheet[0]! : null);
}

/**
 * The add-in's PivotTable, found by its id, else its name, else as the one PivotTable on the
 * add-in's own sheet. It may be on another sheet when the user moved it: then it is refreshed there.
 */
function findOwnPivot(snapshot: WorkbookSnapshot, plan: TargetPlan): ObjectInfo | null {
  const info = snapshot.pivotInfo ?? (snapshot.pivots ?? []).map((name) => ({ name, id: "", sheet: plan.sheetName }));
  const rec = plan.record;
  const byId = rec?.pivotId ? info.find((p) => p.id === rec.pivotId) : undefined;
  const byName = rec?.pivot ? info.find((p) => upper(p.name) === upper(rec.pivot!)) : undefined;
  const onSheet = info.filter((p) => upper(p.sheet) === upper(plan.sheetName));
  return byId ?? byName ?? (onSheet.length === 1 ? onSheet[0]! : null);
}

/** The table's name once written: the one it has, unless a write cut short is being finished. */
export function tableName(t: TablePlan): string {
  return t.finish?.name ?? t.name;
}
