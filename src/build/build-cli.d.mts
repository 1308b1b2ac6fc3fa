// Types for build-cli.mjs (plain JavaScript so that `npm install` can run it before anything is compiled).
import type { Metafile } from "esbuild";
export const CLI_OUT_DIR: string;
export function buildCli(): Promise<Metafile>;
