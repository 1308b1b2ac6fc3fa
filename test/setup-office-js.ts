// Vitest setup (per test file): every fake Excel a test makes answers Microsoft's own Excel client
// library unless the test asks for the fake's own proxies with `client: null`.
import { setDefaultClient } from "../src/fake-excel/index.js";
import { officeJsClient } from "./helpers/office-js.js";

setDefaultClient(officeJsClient());
