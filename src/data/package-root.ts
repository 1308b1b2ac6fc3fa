// Node-only: where the installed project is. Source files (run by the tests and the build) and the
// compiled CLI (lib/, one bundle whose chunks sit at another depth) both find the data folder through
// the package's own package.json, never through a path relative to the file that asks.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "../core/errors.js";

const PACKAGE_NAME = "nav-tiltak";

/** The nearest folder above `from` whose package.json is this project's. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // A broken package.json further down is not ours; keep looking.
      }
    }
    if (dirname(dir) === dir)
      throw new InternalError(
        "broken-installation",
        "Finner ikke installasjonen av nav-tiltak (package.json mangler). Installer programmet på nytt.",
      );
  }
}
