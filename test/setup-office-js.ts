// Vitest setup (per test file): every fake Excel a test makes answers Microsoft's own Excel client
// library, the only client the fake serves.
import { setDefaultClient } from "@nav-tiltak/excel-simulator";
import { officeJsClient } from "./helpers/office-js.js";

setDefaultClient(officeJsClient());
