// @ts-check
// The dev server's https certificate, reused while it is still good.
//
// office-addin-dev-certs treats a certificate whose CA is not installed as trusted as invalid and
// makes a new one on every start (after trying `sudo` to remove and install CAs). Where the CA
// cannot be installed (Linux without sudo, containers) that means a new certificate each time, so
// the browser has to accept it again. A certificate that is still valid for localhost, matches its
// key and was issued by the CA beside it is used as it is, with no call to the library.
import { X509Certificate, createPrivateKey } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

/** Where office-addin-dev-certs keeps its files (its defaults.certificateDirectory). */
export const DEV_CERT_DIR = path.join(homedir(), ".office-addin-dev-certs");
const FILES = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
/** A certificate expiring sooner than this is replaced now rather than in the middle of a session. */
const MIN_REMAINING_MS = 24 * 60 * 60 * 1000;

/**
 * @typedef {{ ca: Buffer, cert: Buffer, key: Buffer }} HttpsOptions
 * @typedef {{ options: HttpsOptions, validTo: Date } | { problem: string }} CertificateCheck
 */

/**
 * Checks the certificate files in `dir` without changing anything.
 * @param {string} [dir]
 * @param {Date} [now]
 * @returns {CertificateCheck}
 */
export function checkDevCertificate(dir = DEV_CERT_DIR, now = new Date()) {
  const missing = Object.values(FILES).filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length > 0) return { problem: `mangler ${missing.join(", ")}` };
  const read = (/** @type {string} */ f) => readFileSync(path.join(dir, f));
  const options = { ca: read(FILES.ca), cert: read(FILES.cert), key: read(FILES.key) };
  try {
    const ca = new X509Certificate(options.ca);
    const cert = new X509Certificate(options.cert);
    const validTo = new Date(cert.validTo);
    if (new Date(cert.validFrom) > now) return { problem: "sertifikatet er ikke gyldig ennå" };
    if (validTo.getTime() - now.getTime() < MIN_REMAINING_MS) return { problem: "sertifikatet er utløpt eller utløper snart" };
    if (new Date(ca.validTo) <= now) return { problem: "sertifikatutstederen (CA) er utløpt" };
    if (!cert.checkHost("localhost")) return { problem: "sertifikatet gjelder ikke localhost" };
    if (!cert.checkPrivateKey(createPrivateKey(options.key))) return { problem: "nøkkelen hører ikke til sertifikatet" };
    if (!cert.verify(ca.publicKey)) return { problem: "sertifikatet er ikke utstedt av CA-en i samme mappe" };
    return { options, validTo };
  } catch (error) {
    return { problem: `kunne ikke lese sertifikatet: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The existing certificate for the dev server, or null when a new one must be made.
 * @param {string} [dir]
 * @returns {{ options: HttpsOptions, trusted: boolean, reused: true } | null}
 */
export function reusableDevCertificate(dir = DEV_CERT_DIR) {
  const check = checkDevCertificate(dir);
  if ("problem" in check) return null;
  // Whether the system trusts the CA is not known here; the browser may already have accepted it.
  return { options: check.options, trusted: true, reused: true };
}
