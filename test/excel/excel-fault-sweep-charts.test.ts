// Fault sweep over «Oppdater» with the chart sheets in the workbook as well as the user's edits on
// three sheets: every queued Excel call fails once, in turn, as in excel-fault-sweep-refresh.test.ts.

import { refreshSweepSuite } from "../helpers/refresh-sweep.js";

refreshSweepSuite("refresh after edits, with charts", "a failure at every queued call of a refresh with charts after the user's edits");
