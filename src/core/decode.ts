// Turns the bytes of a publication file into text. NAV publishes UTF-8, but Excel and Notepad on
// Norwegian Windows often save «ANSI» (Windows-1252) and call UTF-16 «Unicode». Reading those as
// UTF-8 turns «Arbeidssøkere» into «Arbeidss�kere» (and lookups by the right name then fail), or a
// UTF-16 file into hundreds of identical findings. So: decode each of them correctly and say which
// encoding was read; stop at once, with one message, on a file that is not text at all.
// Pure (TextDecoder is in every browser and in Node), so the pane could use it too.

import type { Finding } from "./findings.js";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** How each encoding is named to users (Notepad's and Excel's own names in parentheses). */
export const ENCODING_NAMES: Readonly<Record<Encoding, string>> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 («Unicode»)",
  "utf-16be": "UTF-16 big-endian («Unicode big endian»)",
  "windows-1252": "Windows-1252 («ANSI»)",
};

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** A warning when the file was not UTF-8; an error when it is not text (then `text` is empty). */
  findings: Finding[];
}

/** Share of C0 control bytes (other than tab, line feed, form feed, carriage return) that marks a binary file. */
const BINARY_CONTROL_SHARE = 0.01;
/** Only the start of the file is sniffed: a publication is about 12 kB. */
const SNIFF_BYTES = 64 * 1024;

/** UTF-16 without a byte order mark: nearly every other byte is 0 (the text is mostly ASCII). */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) evenZero++;
    if (bytes[i + 1] === 0 && bytes[i] !== 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6) return "utf-16le";
  if (evenZero > pairs * 0.6) return "utf-16be";
  return undefined;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f) controls++;
  }
  return controls > n * BINARY_CONTROL_SHARE;
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", skipBom: boolean): string {
  const body = bytes.subarray(skipBom ? 2 : 0);
  // The decoder itself drops a BOM; decoding big-endian by hand avoids relying on full ICU.
  if (encoding === "utf-16le") return new TextDecoder("utf-16le").decode(body);
  const swapped = new Uint8Array(body.length & ~1);
  for (let i = 0; i + 1 < body.length; i += 2) {
    swapped[i] = body[i + 1]!;
    swapped[i + 1] = body[i]!;
  }
  return new TextDecoder("utf-16le").decode(swapped);
}

/** UTF-8 read once as Windows-1252 and saved again: «ø» has become «Ã¸». */
const DOUBLE_ENCODED = /Ã[¦¸¥†˜…]/;

/** The 1-based line holding the first byte sequence that is not UTF-8. */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const strict = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      strict.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return 1;
}

/** The 1-based line of the first match of `re` in `text`. */
function lineOf(text: string, re: RegExp): number {
  const i = text.search(re);
  return i < 0 ? 1 : text.slice(0, i).split(/\r\n?|\n/).length;
}

export function decodePublication(bytes: Uint8Array): Decoded {
  const findings: Finding[] = [];
  const read = (text: string, encoding: Encoding): Decoded => {
    if (encoding !== "utf-8") {
      findings.push({
        severity: "warning",
        code: "encoding",
        line: 1,
        message: `Filen er ikke UTF-8; den er lest som ${ENCODING_NAMES[encoding]}. Lagre den som UTF-8 for å være sikker på at æ, ø og å blir riktige.`,
      });
    }
    return { text, encoding, findings };
  };

  if (bytes[0] === 0xff && bytes[1] === 0xfe) return read(decodeUtf16(bytes, "utf-16le", true), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return read(decodeUtf16(bytes, "utf-16be", true), "utf-16be");
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return read(decodeUtf16(bytes, utf16, false), utf16);

  if (looksBinary(bytes)) {
    findings.push({
      severity: "error",
      code: "not-text",
      line: 1,
      message:
        "Filen er ikke en tekstfil (den inneholder binære data). Velg publikasjonen som tekstfil (.txt), ikke f.eks. et regneark, en PDF eller en zip-fil.",
    });
    return { text: "", encoding: "utf-8", findings };
  }

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: on Norwegian Windows that is almost always Windows-1252 (ISO-8859-1 is a subset of it).
    const ansi = new TextDecoder("windows-1252").decode(bytes);
    // Unless most of it is UTF-8 and a few bytes are not (text pasted in from elsewhere): reading
    // all of it as Windows-1252 would turn every «ø» into «Ã¸», so point at the bad line instead.
    if (DOUBLE_ENCODED.test(ansi)) {
      findings.push({
        severity: "error",
        code: "encoding",
        line: firstInvalidUtf8Line(bytes),
        message:
          "Filen er UTF-8, men denne linjen har tegn som ikke er UTF-8 (limt inn fra et annet program?). Skriv dem inn på nytt, eller lagre filen som UTF-8.",
      });
      return { text: "", encoding: "utf-8", findings };
    }
    return read(ansi, "windows-1252");
  }
  if (DOUBLE_ENCODED.test(text)) {
    findings.push({
      severity: "error",
      code: "encoding",
      line: lineOf(text, DOUBLE_ENCODED),
      message:
        "Æ, ø og å er blitt til «Ã¦», «Ã¸» og «Ã¥»: filen er lest med feil tegnsett og lagret på nytt. Hent publikasjonen på nytt fra NAV, eller lagre den som UTF-8.",
    });
  }
  if (text.includes("\uFFFD")) {
    findings.push({
      severity: "error",
      code: "encoding",
      line: lineOf(text, /\uFFFD/),
      message:
        "Filen inneholder «\uFFFD», et tegn som gikk tapt da filen ble lagret med feil tegnsett. Hent publikasjonen på nytt fra NAV, eller lagre den som UTF-8.",
    });
  }
  return { text, encoding: "utf-8", findings };
}
