// Microsoft's Excel client library for tests: the loader lives in src (the bench and
// `nav-tiltak xlsx` use it too).
export { officeJs, officeJsClient } from "../../src/office-client/node.js";
