// Typing into the preview's grid, as a user types into Excel: click a cell (or move with the arrow
// keys once the grid has focus) to select it; type, or press Enter or F2, to edit; Enter or Tab
// stores what was typed and moves on, Escape drops it. The text goes to the fake as Range.values
// gets it (state.setValues): "=…" is kept as a formula and shown as its text (the fake never
// evaluates one, and neither does the add-in), numeric text becomes a number, other text stays
// text, and a protected sheet refuses the change with Excel's own error.

export interface GridEditor {
  /** Wires a freshly drawn grid; `sheet` is the sheet it shows. */
  attach(table: HTMLTableElement, sheet: string): void;
}

export interface GridEditOptions {
  /** Stores the text in the cell (row and column from 0); throws Excel's error when refused. */
  commit(sheet: string, row: number, col: number, text: string): void;
  /** Shows a short message about the grid (e.g. a refused edit). */
  say(text: string): void;
  /** Called after a stored edit: the page redraws. */
  changed(): void;
}

type Pos = { row: number; col: number };

// eslint-disable-next-line max-lines-per-function -- one closure: the selection, the editor and their keys
export function gridEditor(options: GridEditOptions): GridEditor {
  let table: HTMLTableElement | null = null;
  let sheet = "";
  // Kept per sheet across redraws, so the selection survives an operation that redraws the grid.
  const selected = new Map<string, Pos>();

  const cellAt = (p: Pos): HTMLTableCellElement | null =>
    (table?.tBodies[0]?.rows[p.row]?.cells[p.col + 1] as HTMLTableCellElement | undefined) ?? null;
  const size = (): Pos => ({ row: table?.tBodies[0]?.rows.length ?? 0, col: (table?.tBodies[0]?.rows[0]?.cells.length ?? 1) - 1 });

  /** Scrolls the grid's own box (never the page) so the cell is not under the sticky headers. */
  function reveal(td: HTMLElement): void {
    const box = table?.closest<HTMLElement>(".wb-grid");
    if (!box) return;
    const c = td.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const head = 24;
    const rowNumbers = 40;
    if (c.bottom > b.bottom) box.scrollTop += c.bottom - b.bottom;
    else if (c.top < b.top + head) box.scrollTop -= b.top + head - c.top;
    if (c.right > b.right) box.scrollLeft += c.right - b.right;
    else if (c.left < b.left + rowNumbers) box.scrollLeft -= b.left + rowNumbers - c.left;
  }

  function select(p: Pos, scroll = true): void {
    const max = size();
    const next = { row: Math.max(0, Math.min(max.row - 1, p.row)), col: Math.max(0, Math.min(max.col - 1, p.col)) };
    const old = table?.querySelector("td.selected");
    old?.classList.remove("selected");
    old?.removeAttribute("aria-selected");
    const td = cellAt(next);
    if (!td || !table) return;
    selected.set(sheet, next);
    td.classList.add("selected");
    td.setAttribute("aria-selected", "true");
    table.setAttribute("aria-activedescendant", td.id);
    if (scroll) reveal(td);
  }

  function edit(start: string | null): void {
    const p = selected.get(sheet);
    const td = p && cellAt(p);
    if (!p || !td || !table) return;
    const grid = table;
    const input = document.createElement("input");
    input.className = "cell-input";
    input.setAttribute("aria-label", `Celle ${td.dataset.address ?? ""}`);
    // F2 and Enter edit what is there (a formula as its formula); typing replaces it, as in Excel.
    input.value = start ?? td.dataset.formula ?? td.textContent ?? "";
    td.classList.add("editing");
    td.appendChild(input);
    input.focus();
    let done = false;
    const finish = (store: boolean, move: Pos | null) => {
      if (done) return;
      done = true;
      input.remove();
      td.classList.remove("editing");
      grid.focus();
      if (!store) return;
      try {
        options.commit(sheet, p.row, p.col, input.value);
      } catch (error) {
        options.say(`Excel godtok ikke verdien: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (move) selected.set(sheet, { row: p.row + move.row, col: p.col + move.col });
      options.changed();
    };
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") finish(true, { row: 1, col: 0 });
      else if (e.key === "Tab") {
        e.preventDefault();
        finish(true, { row: 0, col: e.shiftKey ? -1 : 1 });
      } else if (e.key === "Escape") finish(false, null);
    });
    input.addEventListener("blur", () => finish(true, null));
  }

  const MOVES: Record<string, Pos> = {
    ArrowUp: { row: -1, col: 0 },
    ArrowDown: { row: 1, col: 0 },
    ArrowLeft: { row: 0, col: -1 },
    ArrowRight: { row: 0, col: 1 },
  };

  function onKey(e: KeyboardEvent): void {
    const p = selected.get(sheet)!;
    const move = MOVES[e.key];
    if (move) {
      e.preventDefault();
      select({ row: p.row + move.row, col: p.col + move.col });
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      edit(null);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      try {
        options.commit(sheet, p.row, p.col, "");
        options.changed();
      } catch (error) {
        options.say(`Excel godtok ikke endringen: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // A printable key starts editing with that character, replacing the cell's content.
      e.preventDefault();
      edit(e.key);
    }
  }

  return {
    attach(t, name) {
      table = t;
      sheet = name;
      t.tabIndex = 0;
      t.setAttribute("role", "grid");
      t.addEventListener("keydown", onKey);
      t.addEventListener("click", (e) => {
        const td = (e.target as Element).closest("td");
        if (!td || !t.contains(td) || td.classList.contains("editing")) return;
        const row = (td.parentElement as HTMLTableRowElement).sectionRowIndex;
        select({ row, col: td.cellIndex - 1 });
      });
      t.addEventListener("dblclick", (e) => {
        if ((e.target as Element).closest("td")) edit(null);
      });
      // A1 is the active cell of a sheet the user has not clicked in yet, as in Excel.
      select(selected.get(name) ?? { row: 0, col: 0 }, false);
    },
  };
}
