/**
 * How the fake workbook keys its data: names compare without regard to case (as Excel compares
 * sheet, table and item names), and a cell is stored under one number made of its row and column.
 */

import { MAX_COLUMNS } from "@nav-tiltak/a1";

export function upper(s: string): string {
  return s.toLocaleUpperCase("en-US");
}

export function cellKey(row: number, col: number): number {
  return row * MAX_COLUMNS + col;
}

/** The row and column a cell key stands for. */
export function cellAt(key: number): { row: number; col: number } {
  return { row: Math.floor(key / MAX_COLUMNS), col: key % MAX_COLUMNS };
}
