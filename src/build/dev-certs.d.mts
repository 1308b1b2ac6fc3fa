// Types for dev-certs.mjs (plain JavaScript so `npm start` runs on Node alone), for the tests.
export interface HttpsOptions {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}
export type CertificateCheck = { options: HttpsOptions; validTo: Date } | { problem: string };
export const DEV_CERT_DIR: string;
export function checkDevCertificate(dir?: string, now?: Date): CertificateCheck;
export function reusableDevCertificate(dir?: string): { options: HttpsOptions; trusted: boolean; reused: true } | null;
