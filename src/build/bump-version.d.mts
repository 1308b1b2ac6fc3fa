// Types for bump-version.mjs (a plain Node script: `npm run versjon` runs it without a build step).
export function parseVersion(text: string): number[] | null;
export function nextVersion(current: string, how: string): string;
export function withVersion(xml: string, version: string): string;
/** Runs the command with its arguments on a manifest file; returns the exit status. */
export function run(args: string[], file?: string): 0 | 1 | 2;
