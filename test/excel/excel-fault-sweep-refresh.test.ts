// Fault sweep over «Oppdater» after the user edited the add-in's cells on three sheets (a number,
// a formula, a text): every queued Excel call fails once, in turn. The edits must stay somewhere
// in the workbook at every point (Office.js keeps the calls before a failing one), the user's own
// sheet must not change, the message must be true, and the next «Oppdater» must converge.

import { refreshSweepSuite } from "../helpers/refresh-sweep.js";

refreshSweepSuite("refresh after edits", "a failure at every queued call of a refresh after the user's edits");
