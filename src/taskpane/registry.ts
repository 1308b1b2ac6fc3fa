// The pane's views, in tab order. A new view (e.g. "Prikkekontroll") is a module exporting a
// PaneView, listed here; the shell shows tabs as soon as there is more than one.

import { chartsView } from "./charts-view.js";
import { disclosureView } from "./disclosure-view.js";
import { tablesView } from "./tables-view.js";
import type { PaneView } from "./views.js";

export const PANE_VIEWS: readonly PaneView[] = [tablesView, disclosureView, chartsView];
