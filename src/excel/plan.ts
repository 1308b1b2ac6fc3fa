// Decides, from one read of the workbook, what each operation does: which sheets are the add-in's
// (by their index entry, never by name), which to create and under what free name, which to
// rewrite in place, which to leave alone (protected). Pure, so every rule is testable in Node.

import { PIVOT_TABLE, type SheetSpec, type TargetKey } from "./content.js";
import {
  NAME_COMMENT_PREFIX,
  decodeRecord,
  freeIdentifier,
  freeSheetName,
  indexName,
  nameFragment,
  parseSheetReference,
  type OwnershipRecord,
  type Rect,
} from "./ownership.js";
import type { Capabilities, Message } from "./types.js";

/** What the first round trip reads: collections only, so it is valid in any workbook. */
export interface WorkbookSnapshot {
  /** `visible` is false for hidden and very hidden sheets (absent: visible). */
  sheets: { name: string; protected: boolean; visible?: boolean }[];
  names: { name: string; formula: string; comment: string }[];
  tables: string[];
  /** Null where PivotTables are not supported (ExcelApi 1.8). */
  pivots: string[] | null;
}

export type Mode = "upsert" | "refresh";

export interface NamePlan {
  name: string;
  exists: boolean;
  rect: Rect;
  comment: string;
}

export interface TablePlan {
  name: string;
  exists: boolean;
  /** The existing table has the new table's size, so it is rewritten without resizing. */
  sameShape: boolean;
  /**
   * The user inserted or deleted cells inside the block since it was written, so the existing
   * table may have moved within it: it is deleted and made again (same name) instead of kept.
   */
  rebuild: boolean;
  /** Workbook names per hovedgruppe pointing at the table's rows. */
  names: NamePlan[];
}

export interface PivotPlan {
  name: string;
  exists: boolean;
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

export function planTargets(snapshot: WorkbookSnapshot, specs: SheetSpec[], mode: Mode, caps: Capabilities): Plan {
  const messages: Message[] = [];
  const sheetNames = snapshot.sheets.map((s) => s.name);
  const takenSheets = [...sheetNames];
  // Excel tables and workbook names share one namespace: a table cannot be named like a defined
  // name, nor a name like a table (ItemAlreadyExists), so each free name avoids both.
  const takenTables = [...snapshot.tables, ...snapshot.names.map((n) => n.name)];
  const takenPivots = [...(snapshot.pivots ?? [])];
  const takenNames = [...snapshot.names.map((n) => n.name), ...snapshot.tables];
  const nameByUpper = new Map(snapshot.names.map((n) => [upper(n.name), n]));
  const sheetByUpper = new Map(snapshot.sheets.map((s) => [upper(s.name), s]));
  const owned = ownedKeys(snapshot, specs);
  const targets: TargetPlan[] = [];
  const byKey = new Map<TargetKey, TargetPlan>();

  for (const spec of specs) {
    if (mode === "refresh" && !owned.has(spec.key)) continue;
    if (spec.pivot && !caps.pivotTables) {
      messages.push({
        level: "warning",
        text:
          "Pivottabellen ble ikke laget: denne Excel-versjonen lar ikke tillegg lage pivottabeller (krever ExcelApi 1.8). " +
          "Tabellen NavTiltak på arket «Pivotdata tiltak» kan brukes med Sett inn > Pivottabell.",
      });
      continue;
    }

    const index = nameByUpper.get(upper(indexName(spec.key)));
    const ref = index ? parseSheetReference(index.formula) : null;
    const existing = ref ? sheetByUpper.get(upper(ref.sheet)) : undefined;
    const rect = specRect(spec, existing && ref ? ref.rect : undefined);
    let plan: TargetPlan;

    if (existing && ref) {
      const record = decodeRecord(index!.comment, spec.key);
      if (existing.protected) {
        plan = { spec, action: "skip", status: "skipped", sheetName: existing.name, rect, indexExists: true, visible: existing.visible !== false };
        messages.push({
          level: "warning",
          text: `Arket «${existing.name}» er beskyttet og ble ikke endret. Opphev arkbeskyttelsen (Se gjennom > Opphev beskyttelse) og prøv igjen.`,
        });
      } else {
        plan = {
          spec,
          action: "rewrite",
          status: "updated",
          sheetName: existing.name,
          rect,
          oldRect: ref.rect,
          record,
          indexExists: true,
          visible: existing.visible !== false,
        };
      }
    } else {
      const sheetName = freeSheetName(spec.defaultName, takenSheets);
      takenSheets.push(sheetName);
      plan = { spec, action: "create", status: index ? "recreated" : "created", sheetName, rect, indexExists: !!index, visible: true };
      if (sheetName !== spec.defaultName) {
        messages.push({
          level: "info",
          text: `Du har allerede et ark som heter «${spec.defaultName}». Det er ditt og ble ikke rørt; tabellen ble satt inn som «${sheetName}».`,
        });
      }
      if (index) messages.push({ level: "info", text: `Arket «${spec.defaultName}» var slettet og er laget på nytt som «${sheetName}».` });
    }

    if (spec.table && plan.action !== "skip") {
      const t = spec.table;
      const recorded = plan.record?.table;
      const keep = recorded !== undefined && snapshot.tables.some((n) => upper(n) === upper(recorded)) && plan.action === "rewrite";
      const name = keep ? recorded! : freeIdentifier(t.name, takenTables);
      if (!keep) {
        takenTables.push(name);
        takenNames.push(name);
      }
      const old = plan.oldRect;
      const sameShape = keep && !!old && old.rows === plan.rect.rows && old.cols === plan.rect.cols;
      const size = plan.record?.size;
      const rebuild = keep && !!old && !!size && (old.rows !== size[0] || old.cols !== size[1]);
      const names: NamePlan[] = [];
      for (const span of t.spans) {
        if (span.count === 0) continue;
        const wanted = `${t.namePrefix}${nameFragment(span.short)}`;
        const found = nameByUpper.get(upper(wanted));
        const ours = found !== undefined && found.comment.startsWith(NAME_COMMENT_PREFIX);
        const nm = ours ? found!.name : freeIdentifier(wanted, takenNames, "_");
        if (!ours) {
          takenNames.push(nm);
          takenTables.push(nm);
        }
        names.push({
          name: nm,
          exists: ours,
          rect: { row: plan.rect.row + t.headerRow + 1 + span.first, col: plan.rect.col, rows: span.count, cols: t.columns.length },
          comment: `${NAME_COMMENT_PREFIX} ${span.name}, rader i tabellen ${name} (${t.description}).`,
        });
        if (!ours && nm !== wanted) {
          messages.push({
            level: "info",
            text: `Navnet ${wanted} finnes allerede i arbeidsboken og er ditt; NAV tiltak brukte ${nm} i stedet.`,
          });
        }
      }
      plan.table = { name, exists: keep, sameShape, rebuild, names };
    }

    targets.push(plan);
    byKey.set(spec.key, plan);
  }

  // PivotTables: after their source, which must be in this operation or already in the workbook.
  for (const plan of targets) {
    const p = plan.spec.pivot;
    if (!p || plan.action === "skip") continue;
    const source = byKey.get(p.source);
    if (!source || source.action === "skip" || !source.table) {
      messages.push({
        level: "warning",
        text: `Pivottabellen ble ikke ${plan.action === "rewrite" ? "oppdatert" : "laget"} fordi tabellen den bygger på, ikke kunne skrives.`,
      });
      plan.action = "skip";
      plan.status = "skipped";
      continue;
    }
    const recorded = plan.record?.pivot;
    const exists =
      plan.action === "rewrite" && recorded !== undefined && (snapshot.pivots ?? []).some((n) => upper(n) === upper(recorded));
    const name = exists ? recorded! : freeIdentifier(p.name, takenPivots);
    if (!exists) takenPivots.push(name);
    plan.pivot = { name, exists, source };
  }

  // The PivotTable sheet goes last: its source table must exist before it in the same batch.
  targets.sort((a, b) => Number(a.spec.key === PIVOT_TABLE) - Number(b.spec.key === PIVOT_TABLE));
  return { targets, messages };
}
