// @ts-check
// Webpack build for the NAV tiltak Excel add-in.
//
//   npm run build        production build into dist/ (minified): only the files to host
//   npm run build:dev    development build into dist/ (with the preview page)
//   npm run dev-server   webpack-dev-server on https://localhost:3000 (used by npm start)
//
// Entries: taskpane (task pane UI), functions (Excel custom functions; functions.json is generated
// from its JSDoc) and, in development only, preview (a page that runs the task pane without Office)
// and office-stub (the preview's stand-in for Office.js, also used by the hosting test).
// Shared runtime: taskpane.html loads both the taskpane and the functions bundles, and the manifest
// points the Runtime, the custom functions Page and the FunctionFile at taskpane.html.
//
// Updates: in production, scripts and styles carry a content hash in their names, so a new build
// never meets an old cached file; the files the manifest names (taskpane.html, functions.json,
// functions.js, the icons) keep stable names.
//
// Options (webpack --env name=value):
//   outputPath=<dir>   build somewhere other than dist/ (the tests build into a temp dir)
//   publicUrl=<url>    the https address the files are hosted under; rewrites the manifest's URLs
//   preview            include the preview page in a production build (the tests use it)
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import CopyWebpackPlugin from "copy-webpack-plugin";
import CustomFunctionsMetadataPlugin from "custom-functions-metadata-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";
import MiniCssExtractPlugin from "mini-css-extract-plugin";
import webpack from "webpack";
import { DEV_URL, deployManifest, manifestVersion, normalizePublicUrl, readme } from "./src/build/hosting.mjs";
import { LIBRARY_BUILD_PATH, LIBRARY_PACKAGE_FILE } from "@nav-tiltak/excel-simulator/library-file";

const root = path.dirname(fileURLToPath(import.meta.url));

export { DEV_URL };
export const DEV_PORT = 3000;

/** The add-in version, from manifest.xml (what Office shows), for =NAV.VERSJON(). */
function addinVersion() {
  const version = manifestVersion(readFileSync(path.join(root, "manifest.xml"), "utf8"));
  if (!version) throw new Error("manifest.xml har ikke noe <Version>-element.");
  return version;
}

/**
 * Regenerates src/generated/dataset.json (parsed and audited from src/data/publications) before
 * the first compilation, so the bundle never carries a stale or unaudited dataset. The generator
 * is TypeScript; tsx runs it in this process. A plugin rather than a step in config(), so that
 * reading the configuration (as the tests do) changes nothing.
 */
class GenerateDatasetPlugin {
  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    let done = false;
    const generate = async () => {
      if (done) return;
      done = true;
      const { tsImport } = await import("tsx/esm/api");
      const generator = await tsImport("./src/build/generate-dataset.ts", import.meta.url);
      await generator.generateBuildData();
    };
    compiler.hooks.beforeRun.tapPromise("GenerateDatasetPlugin", generate);
    compiler.hooks.watchRun.tapPromise("GenerateDatasetPlugin", generate);
  }
}

/**
 * Production only. The manifest names functions.js (custom functions Script), so that URL must
 * stay stable, while taskpane.html loads the content-hashed functions bundle. Emits functions.js as
 * a copy of it; and dist/LESMEG.txt, which lists every emitted file for the hosting team.
 */
class HostingFilesPlugin {
  /** @param {{ version: string, publicUrl: string | null }} options */
  constructor(options) {
    this.options = options;
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HostingFilesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        // After CopyWebpackPlugin and the HTML pages (ADDITIONAL/OPTIMIZE_INLINE), so the list is complete.
        { name: "HostingFilesPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const hashed = [...(compilation.entrypoints.get("functions")?.getFiles() ?? [])].find((f) => f.endsWith(".js"));
          if (!hashed) throw new Error("Fant ikke functions-bunten i byggingen.");
          const source = compilation.getAsset(hashed)?.source;
          if (!source) throw new Error(`Fant ikke ${hashed} i byggingen.`);
          // Already minimized: without the flag, Terser (which also handles assets added in later
          // stages) would minify the copy again and it would no longer be the same file.
          compilation.emitAsset("functions.js", source, { minimized: true });
          const files = compilation.getAssets().map((a) => a.name);
          const text = readme({ ...this.options, files: [...files, "LESMEG.txt"] });
          compilation.emitAsset("LESMEG.txt", new webpack.sources.RawSource(text));
        },
      );
    });
  }
}

/**
 * HTTPS options for the dev server. Office only loads add-ins over https, so prefer the
 * office-addin-dev-certs certificates (a localhost certificate signed by a CA it installs as
 * trusted). Installing the CA fails where that is impossible (CI, Linux without sudo); the
 * certificate files may still have been generated, and are used untrusted. Without any, null:
 * the server falls back to plain http.
 */
async function devServerHttps() {
  // A still-valid certificate is reused as it is (src/build/dev-certs.mjs says why).
  const { reusableDevCertificate } = await import("./src/build/dev-certs.mjs");
  const reused = reusableDevCertificate();
  if (reused) return reused;
  try {
    const { default: devCerts } = await import("office-addin-dev-certs");
    const options = await devCerts.getHttpsServerOptions();
    return { options: { ca: options.ca, key: options.key, cert: options.cert }, trusted: true };
  } catch (error) {
    const dir = path.join(homedir(), ".office-addin-dev-certs");
    const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
    if (Object.values(files).every((f) => existsSync(path.join(dir, f)))) {
      const read = (/** @type {string} */ f) => readFileSync(path.join(dir, f));
      console.warn(
        "\n⚠ Utviklersertifikatet er laget, men sertifikatutstederen (CA) kunne ikke installeres som klarert:\n" +
          `  ${error instanceof Error ? error.message : String(error)}\n` +
          "  Serveren bruker https med et sertifikat nettleseren ikke stoler på. Åpne https://localhost:3000/ og\n" +
          "  godta sertifikatet, eller installer CA-en selv: npx office-addin-dev-certs install\n",
      );
      return { options: { ca: read(files.ca), cert: read(files.cert), key: read(files.key) }, trusted: false };
    }
    console.warn(
      "\n⚠ Fikk ikke tak i utviklersertifikater for https (office-addin-dev-certs):\n" +
        `  ${error instanceof Error ? error.message : String(error)}\n` +
        "  Serveren starter med vanlig http på http://localhost:3000/. Forhåndsvisningen virker, men Excel laster\n" +
        "  bare tillegg over https: kjør «npx office-addin-dev-certs install» og start på nytt for å bruke Excel.\n",
    );
    return null;
  }
}

/**
 * @param {Record<string, string | boolean | undefined>} env webpack --env values
 * @param {{ mode?: "production" | "development" | "none" }} argv webpack CLI arguments
 * @returns {Promise<import("webpack").Configuration & { devServer?: Record<string, unknown> }>}
 */
export default async function config(env = {}, argv = {}) {
  const mode = argv.mode ?? (env.WEBPACK_SERVE ? "development" : "production");
  const dev = mode === "development";
  // The preview page is a development tool: npm start and build:dev have it, npm run build does not.
  const withPreview = dev || env.preview === true || env.preview === "true";
  const outputPath = typeof env.outputPath === "string" ? path.resolve(env.outputPath) : path.join(root, "dist");
  const publicUrl = typeof env.publicUrl === "string" ? normalizePublicUrl(env.publicUrl) : null;
  const functionsFile = path.join(root, "src/functions/custom-functions.ts");
  const version = addinVersion();
  // Content hashes in production; development keeps plain names (the pages add a query hash instead).
  const hashed = dev ? "[name]" : "[name].[contenthash:8]";

  /** @type {import("copy-webpack-plugin").Pattern[]} */
  const copyPatterns = [
    publicUrl
      ? {
          from: "manifest.xml",
          to: "manifest.xml",
          transform: (/** @type {Buffer} */ content) => deployManifest(content.toString(), publicUrl),
        }
      : { from: "manifest.xml", to: "manifest.xml" },
    { from: "assets/*.png", to: "assets/[name][ext]" },
    // The preview page and the Office.js stand-in load Microsoft's Excel client library, the same
    // file the tests load in Node; a development file (hosting.mjs), never in the package. Marked
    // minimized so that Terser leaves Microsoft's file as it is.
    ...(withPreview
      ? [{ from: createRequire(import.meta.url).resolve(LIBRARY_PACKAGE_FILE), to: LIBRARY_BUILD_PATH, info: { minimized: true } }]
      : []),
  ];

  const https = env.WEBPACK_SERVE ? await devServerHttps() : null;

  return {
    mode,
    context: root,
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      // The page loads both bundles (shared runtime); functions.js takes the core modules the pane
      // already has (dataset, layouts) from taskpane.js instead of carrying a second copy.
      functions: { import: "./src/functions/custom-functions.ts", dependOn: "taskpane" },
      ...(withPreview ? { preview: "./src/preview/preview.ts", "office-stub": "./src/preview/office-stub.ts" } : {}),
    },
    output: {
      path: outputPath,
      filename: `${hashed}.js`,
      // Lazy chunks always get a content hash: an old cached chunk must never meet a new taskpane.js.
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
      // TypeScript sources import each other as "./x.js" (moduleResolution Bundler/NodeNext style).
      extensionAlias: { ".js": [".ts", ".js"] },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`; the build only transpiles.
            options: { transpileOnly: true, onlyCompileBundledFiles: true },
          },
        },
        // Styles go to their own (hashed) file: the pane's Content-Security-Policy has no inline style.
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
      ],
    },
    plugins: [
      new GenerateDatasetPlugin(),
      new CustomFunctionsMetadataPlugin({ input: functionsFile, output: "functions.json" }),
      new webpack.DefinePlugin({ __NAV_TILTAK_VERSION__: JSON.stringify(version) }),
      new MiniCssExtractPlugin({ filename: `${hashed}.css` }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page runs the task pane and registers the custom functions.
        chunks: ["taskpane", "functions"],
        chunksSortMode: "manual",
        // Development file names carry no hash; a query keeps the browser from mixing builds.
        hash: dev,
      }),
      ...(withPreview
        ? [
            new HtmlWebpackPlugin({
              filename: "preview.html",
              template: "./src/preview/preview.html",
              chunks: ["preview"],
              hash: dev,
            }),
          ]
        : []),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
      ...(dev ? [] : [new HostingFilesPlugin({ version, publicUrl })]),
    ],
    optimization: {
      // A module two lazy chunks share goes to a chunk of its own instead of into both: with
      // webpack's default (20 KB) the writer's chunk and «Diagrammer»'s each carried
      // excel/content.ts and core/pivot.ts, some 2 KB gzip of the pane's JavaScript budget
      // (test/taskpane-disclosure.test.ts). Startup chunks are not split (async only, the default).
      splitChunks: { minSize: 1000 },
    },
    performance: {
      // The budget that matters (taskpane.js ≤ 60 KB gzip) is checked by test/build.test.ts.
      hints: false,
    },
    devServer: {
      host: "localhost",
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https.options } : { type: "http" },
      // Everything served (bundles, manifest.xml, assets/) comes from the compilation.
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
}
