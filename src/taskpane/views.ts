// The pane is a list of views, each in its own module, listed in registry.ts («Tabeller»,
// «Diagrammer», «Prikkekontroll»); the shell (app.ts) shows a tab for each.

import type { Dataset } from "../core/types.js";
import type { ExcelHost, WriteReport } from "../excel/operation-types.js";

export interface PaneServices {
  host: ExcelHost;
  dataset: Dataset;
  /**
   * The period the pane shows (`ÅÅÅÅ-MM`; "" for a dataset without periods): every operation writes
   * that period's sheets (core/default-period.ts picks it).
   */
  period: string;
  /**
   * Runs one workbook operation: disables the pane's buttons, shows progress, then the result.
   * The callback gets a progress reporter to pass on to the writer.
   */
  runOperation(
    label: string,
    op: (onProgress: (fraction: number, text: string) => void) => Promise<WriteReport>,
  ): Promise<WriteReport | null>;
}

export interface PaneView {
  id: string;
  /** Tab title (Norwegian). */
  title: string;
  render(services: PaneServices): HTMLElement;
}
