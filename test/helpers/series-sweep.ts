// Fault-sweep scenarios over NAV's time-series sheets (see fault-sweep.ts): an insert of a year's
// series sheets, and «Oppdater» of a workbook holding every kind of the add-in's sheets (tables,
// pivot data, charts, series) with the user's edits on a series sheet as well as on three others.
// One year of the TILT fixtures (2026, three months) keeps each point's run short.

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

export async function seriesDataset(): Promise<Dataset> {
  const { dir } = await tiltFolder(
    fixtureSet().filter((s) => s.year === 2026),
    false,
  );
  return importPublications(readSources(dir)).dataset;
}

export async function seriesScenarios(): Promise<Scenario[]> {
  const ds = await seriesDataset();
  const again = (host: ExcelHost) => refresh(host, { dataset: ds });
  const everything = await insertedWithEdits(ds, ["all", "charts", "series"], SERIES_EDITS);
  return [
    { name: "insert series", fake: userWorkbook(), typed: [], op: (h) => insert(h, { dataset: ds, sheets: "series" }), follow: again },
    { name: "refresh with series after edits", fake: everything, typed: SERIES_EDITS, op: again, follow: again },
  ];
}
