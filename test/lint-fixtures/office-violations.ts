// Deliberate lint violations: test/build/lint.test.ts lints this file as if it were add-in code and
// expects each rule below to report it. `npm run lint` ignores this folder.

export async function sheetNames(context: Excel.RequestContext): Promise<string[]> {
  const names: string[] = [];
  for (const name of ["Hovedgrupper", "Tiltaksgrupper"]) {
    const sheet = context.workbook.worksheets.getItem(name);
    sheet.load("name");
    // office-addins/no-context-sync-in-loop: one round trip per sheet.
    await context.sync();
    names.push(sheet.name);
  }
  return names;
}

export async function firstValue(context: Excel.RequestContext): Promise<unknown> {
  const range = context.workbook.worksheets.getItem("Hovedgrupper").getRange("A1");
  // office-addins/load-object-before-read: values were never loaded.
  return range.values;
}

export async function hasSheet(context: Excel.RequestContext): Promise<boolean> {
  const sheet = context.workbook.worksheets.getItemOrNullObject("Hovedgrupper");
  await context.sync();
  // office-addins/test-for-null-using-isNullObject: a null object is never null.
  return sheet !== null;
}

export function unused(): void {
  // @typescript-eslint/no-unused-vars
  const notRead = 1;
}
