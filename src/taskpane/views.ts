// The pane is a list of views, each in its own module. Today there is one ("Tabeller"); a later
// view (e.g. "Prikkekontroll") registers itself the same way and the shell shows tabs for them.

import type { Dataset } from "../core/types.js";
import type { ExcelHost, WriteReport } from "../excel/types.js";

export interface PaneServices {
  host: ExcelHost;
  dataset: Dataset;
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
