// ESLint flat config: the JavaScript and TypeScript recommendations plus Microsoft's Office
// add-in rules (eslint-plugin-office-addins).
//
// The plugin's own `recommended` config is not used: it brings React, Prettier-as-a-lint-rule
// and its own copy of the TypeScript parser. Only its rules are taken here, with the severities
// its recommended config gives them, and they run on typescript-eslint's parser like every other
// rule. test/build/lint.test.ts proves they really run, on a file with deliberate violations.
import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The office-addins rules and levels from the plugin's recommended config. */
const officeAddinsRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  {
    // test/lint-fixtures holds deliberate violations; test/build/lint.test.ts lints it on its own.
    ignores: ["node_modules/", "dist/", "lib/", "src/generated/", "test-artifacts/", "coverage/", "test/lint-fixtures/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: {
      // `_name` marks a parameter a callback signature forces on us.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Code that runs in Excel's browser runtime or the preview page.
    files: ["src/taskpane/**", "src/functions/**", "src/preview/**", "src/excel/**", "packages/excel-simulator/src/**"],
    languageOptions: { globals: { ...globals.browser, Office: "readonly", Excel: "readonly", CustomFunctions: "readonly" } },
  },
  {
    // The custom functions runtime is a global declared in a .d.ts script, not a module to import.
    files: ["src/functions/custom-functions.ts"],
    rules: { "@typescript-eslint/triple-slash-reference": ["error", { path: "always" }] },
  },
  {
    files: ["src/**/*.ts", "packages/*/src/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinsRules,
  },
  {
    // The Excel simulator is used through its package entry only (packages/excel-simulator/src/index.ts);
    // its modules may move. Its `exports` already refuse deep package paths; this refuses relative ones.
    files: ["src/**", "test/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/packages/**"], message: "Import @nav-tiltak/excel-simulator (its entry point) instead." }] },
      ],
    },
  },
  {
    // Files and functions a newcomer can read: a function over 80 lines says why in an
    // eslint-disable comment.
    files: ["src/**/*.{ts,mjs}", "packages/*/src/**/*.{ts,mjs}"],
    rules: {
      "max-lines": ["error", { max: 600, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
);
