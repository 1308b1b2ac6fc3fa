// NAV-shaped time-series sheets (core/series-layout.ts: months as columns, «Gjennomsnitt hittil i
// år») as the writer's sheet specs, one per TILT table and year, each an add-in sheet recognised by
// its key (never by its name), like every other.
//
// Their own SheetChoice ("series"), not part of "all": "all" is one period's published tables and
// the pivot data, and a year of NAV's series is nine more sheets (TILT100–TILT180); a user asking
// for one month's tables should not get them, nor should every refresh of a text publication. An
// insert writes the year of the period chosen (the pane's); a refresh rewrites every series sheet
// the add-in made, whatever its year, since each is recognised by its key and the others are
// skipped by the plan.

import { periodData } from "../core/layout.js";
import { seriesLayouts, type SeriesLayout } from "../core/series-layout.js";
import type { Dataset } from "../core/types.js";
import { seriesKey } from "./series-key.js";
import { layoutSheet, type SheetSpec } from "./sheet-specs.js";

const sheetOf = (l: SeriesLayout): SheetSpec => layoutSheet({ ...l, key: seriesKey(l.code, l.year) });

/** The series sheets of the year of `period` (the default period when none is named; an unknown one is refused). */
export function seriesSheets(ds: Dataset, period?: string): SheetSpec[] {
  const year = Number(periodData(ds, period).period.slice(0, 4));
  return seriesLayouts(ds, year).map(sheetOf);
}

/** Every series sheet the dataset can give, for a refresh (only those the add-in made are rewritten). */
export function allSeriesSheets(ds: Dataset): SheetSpec[] {
  return seriesLayouts(ds).map(sheetOf);
}
