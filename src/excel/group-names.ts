// The workbook names per hovedgruppe (NAV_Arbeidssokere …) over a long table.
//
// Why formulas on the table's structured references and not fixed cell ranges: the pane invites
// the analyst to sort and filter the long table, and a fixed range then points at other groups'
// rows. A name such as
//   =FILTER(NavTiltak,NavTiltak[Hovedgruppe]="Arbeidssøkere på tiltak")
// gives exactly that hovedgruppe's rows whatever order the table is in, grows and shrinks with
// the table, and Excel rewrites the table name inside it when the user renames the table
// ("Using structured references with Excel tables", support.microsoft.com: renaming a table or
// column changes it in all structured references in the workbook). One Excel table per
// hovedgruppe was the alternative; it would split the PivotTable's single source and give the
// user three tables to keep in step, for the same result.
// The price: FILTER is a dynamic-array function (Excel for Microsoft 365 / Excel 2021 and later,
// Excel on the web); in older Excel the names give #NAME?. They are no longer ranges, so they do
// not appear in the Name Box's Go To list; =NAV_Arbeidssokere spills the rows, and
// =SUM(INDEX(NAV_Arbeidssokere;0;5)) sums the group's Antall.

/** A structured reference's column specifier: ', [, ], # are escaped with a leading ' (Excel's rule). */
function columnSpecifier(column: string): string {
  return `[${column.replace(/['[\]#]/g, (c) => `'${c}`)}]`;
}

/** A text constant in a formula: double quotes doubled. */
function textConstant(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The formula of the name for one hovedgruppe: the rows of `table` whose `column` holds `value`.
 * Written in the API's invariant (en-US) formula language: comma separators, English names.
 */
export function groupNameFormula(table: string, column: string, value: string): string {
  return `=FILTER(${table},${table}${columnSpecifier(column)}=${textConstant(value)})`;
}
