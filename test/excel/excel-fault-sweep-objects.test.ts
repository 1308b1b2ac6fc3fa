// Fault sweep over «Oppdater» after the user's edits, where the user has also renamed the long
// table (the names per hovedgruppe follow it) and unfrozen a sheet's panes (the refresh freezes
// them again): every queued Excel call fails once, in turn, as in excel-fault-sweep-refresh.test.ts.

import { refreshSweepSuite } from "../helpers/refresh-sweep.js";

refreshSweepSuite(
  "refresh after edits, a renamed table and unfrozen panes",
  "a failure at every queued call of a refresh after the user's edits, a renamed table and unfrozen panes",
);
