// Microsoft's Excel client library for tests: the loader lives in src (the bench and
// `nav-tiltak xlsx` use it too).
export { officeJs, officeJsClient } from "@nav-tiltak/excel-simulator";

/** The error a batch fails with (Microsoft's OfficeExtension.Error); fails the test if it does not fail. */
export async function caught(p: Promise<unknown>): Promise<OfficeExtension.Error> {
  try {
    await p;
  } catch (e) {
    return e as OfficeExtension.Error;
  }
  throw new Error("expected the batch to fail");
}
