// Fault-sweep scenarios over NAV's time-series sheets (see fault-sweep.ts): an insert of a year's
// series sheets, and «Oppdater» of a workbook holding the add-in's tables, pivot data and series
// sheets with the user's edits on a series sheet as well as on three others.
// One year of the TILT fixtures (2026, three months), two of its tables, keeps each point's run short;
// charts with series are left to excel-fault-sweep-charts.test.ts (the sweep replays everything per point).

import { importPublications } from "../../src/core/dataset.js";
import type { Dataset } from "../../src/core/types.js";
import { readSources } from "../../src/data/load.js";
import type { ExcelHost } from "../../src/excel/operation-types.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { fixtureSet } from "../fixtures/tilt/generate.js";
import { EDITS, insertedWithEdits, userWorkbook, type Scenario, type Typed } from "./fault-sweep.js";
import { tiltFolder } from "./tilt.js";

/** The edits before the refresh: the usual three and a figure on a series sheet. */
export const SERIES_EDITS: Typed[] = [...EDITS, { sheet: "TILT130 2026", address: "D7", formula: 424242 }];

/**
 * Two of the nine tables (TILT100 and the TILT130 the edit is on): every kind of series sheet and
 * the cross-table audit, at a fraction of the points; each point replays the whole operation.
 */
const SWEPT_CODES = [100, 130];

export async function seriesDataset(): Promise<Dataset> {
  const { dir } = await tiltFolder(
    fixtureSet().filter((s) => s.year === 2026 && SWEPT_CODES.includes(s.code)),
    false,
  );
  return importPublications(readSources(dir)).dataset;
}

export async function seriesScenarios(): Promise<Scenario[]> {
  const ds = await seriesDataset();
  const again = (host: ExcelHost) => refresh(host, { dataset: ds });
  const everything = await insertedWithEdits(ds, ["all", "series"], SERIES_EDITS);
  return [
    { name: "insert series", fake: userWorkbook(), typed: [], op: (h) => insert(h, { dataset: ds, sheets: "series" }), follow: again },
    { name: "refresh with series after edits", fake: everything, typed: SERIES_EDITS, op: again, follow: again },
  ];
}
