// @ts-check
// Where Microsoft's Excel client library comes from and where development builds put it, in one
// place for the Node loader, the webpack config (plain JavaScript) and the browser loader.
// preview.html names LIBRARY_BUILD_PATH in its <script> tag.

/** The flavour Excel on the web loads, unminified, as package @microsoft/office-js ships it. */
export const LIBRARY_FILE = "excel-web-16.00.debug.js";

/** The file in the package, for require.resolve. */
export const LIBRARY_PACKAGE_FILE = `@microsoft/office-js/dist/${LIBRARY_FILE}`;

/** Its copy in development builds: a development file (src/build/hosting.mjs), never in the package. */
export const LIBRARY_BUILD_PATH = `preview-office-js/${LIBRARY_FILE}`;
