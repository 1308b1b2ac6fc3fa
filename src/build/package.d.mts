// Types for package.mjs (a plain Node script: `npm run package` runs it without a build step).
export class PackageError extends Error {
  constructor(message: string, exitCode: 1 | 2);
  readonly exitCode: 1 | 2;
}
export function hostingFiles(dist: string): string[];
export function createPackage(options: { dist: string; out?: string; requirePublicUrl?: boolean }): {
  file: string;
  files: string[];
  version: string;
};
