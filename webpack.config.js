// @ts-check
// Webpack build for the NAV tiltak Excel add-in.
//
//   npm run build        production build into dist/ (minified)
//   npm run build:dev    development build into dist/
//   npm run dev-server   webpack-dev-server on https://localhost:3000 (used by npm start)
//
// Entries: taskpane (task pane UI), functions (Excel custom functions; functions.json is generated
// from its JSDoc) and preview (a development page that runs the task pane without Office).
// Shared runtime: taskpane.html loads both the taskpane and the functions bundles, and the manifest
// points the Runtime, the custom functions Page and the FunctionFile at taskpane.html.
//
// Options (webpack --env name=value):
//   outputPath=<dir>   build somewhere other than dist/ (the tests build into a temp dir)
//   publicUrl=<url>    rewrite https://localhost:3000/ in the copied manifest.xml, for deployment
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import CopyWebpackPlugin from "copy-webpack-plugin";
import CustomFunctionsMetadataPlugin from "custom-functions-metadata-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";

const root = path.dirname(fileURLToPath(import.meta.url));

/** Where manifest.xml says the add-in is served from during development. */
export const DEV_URL = "https://localhost:3000/";
export const DEV_PORT = 3000;

/** The add-in version, from manifest.xml (what Office shows), for =NAV.VERSJON(). */
function manifestVersion() {
  const xml = readFileSync(path.join(root, "manifest.xml"), "utf8");
  const match = /<Version>\s*([^<\s]+)\s*<\/Version>/.exec(xml);
  if (!match?.[1]) throw new Error("manifest.xml har ikke noe <Version>-element.");
  return match[1];
}

/**
 * Regenerates src/generated/dataset.json (parsed and audited from src/data/publications) before
 * every build, so the bundle never carries a stale or unaudited dataset. The generator is
 * TypeScript; tsx runs it in this process.
 */
async function generateDataset() {
  const { tsImport } = await import("tsx/esm/api");
  const generator = await tsImport("./src/build/generate-dataset.ts", import.meta.url);
  generator.generateDataset();
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
  const outputPath = typeof env.outputPath === "string" ? path.resolve(env.outputPath) : path.join(root, "dist");
  const publicUrl = typeof env.publicUrl === "string" ? env.publicUrl.replace(/\/?$/, "/") : null;
  const functionsFile = path.join(root, "src/functions/functions.ts");

  /** @type {import("copy-webpack-plugin").Pattern[]} */
  const copyPatterns = [
    publicUrl
      ? {
          from: "manifest.xml",
          to: "manifest.xml",
          transform: (/** @type {Buffer} */ content) => content.toString().replaceAll(DEV_URL, publicUrl),
        }
      : { from: "manifest.xml", to: "manifest.xml" },
    { from: "assets/*.png", to: "assets/[name][ext]" },
  ];

  await generateDataset();
  const https = env.WEBPACK_SERVE ? await devServerHttps() : null;

  return {
    mode,
    context: root,
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      functions: "./src/functions/functions.ts",
      preview: "./src/preview/preview.ts",
    },
    output: {
      path: outputPath,
      filename: "[name].js",
      // Lazy chunks get a content hash: entry scripts are cache-busted by a query in the HTML,
      // chunks are not, and an old cached chunk must never meet a new taskpane.js.
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
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: functionsFile, output: "functions.json" }),
      new webpack.DefinePlugin({ __NAV_TILTAK_VERSION__: JSON.stringify(manifestVersion()) }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page runs the task pane and registers the custom functions.
        chunks: ["taskpane", "functions"],
        chunksSortMode: "manual",
        hash: true,
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
        hash: true,
      }),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
    ],
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
