// Types for hosting.mjs (plain JavaScript so that webpack.config.js can import it directly).
export const DEV_URL: string;
export function isDevelopmentFile(file: string): boolean;
export function normalizePublicUrl(raw: string): string;
export function deployManifest(xml: string, publicUrl: string): string;
export function manifestVersion(xml: string): string | null;
export function pointsAtLocalhost(xml: string): boolean;
export function readme(build: { version: string; publicUrl: string | null; files: string[] }): string;
