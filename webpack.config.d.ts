// Types for webpack.config.js, which the tests load to check what each mode builds.
import type { Configuration } from "webpack";
export const DEV_URL: string;
export const DEV_PORT: number;
export default function config(
  env?: Record<string, string | boolean | undefined>,
  argv?: { mode?: "production" | "development" | "none" },
): Promise<Configuration & { devServer?: Record<string, unknown> }>;
