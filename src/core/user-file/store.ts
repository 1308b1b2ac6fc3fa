// How the user's own files are kept in the workbook: one custom XML part in the add-in's own
// namespace, holding each accepted file as it was picked (name, time, bytes in base64).
//
// Why the source files and not the dataset made from them: a workbook outlives the add-in version
// that wrote it. Kept as the files NAV published, a newer add-in reads and audits them again with its
// own (better) decoding and rules on every open, and never trusts a figure an older version derived;
// the Dataset shape is internal and may change between versions; nothing in the workbook is a figure
// NAV did not publish; and a part edited outside Excel (it is plain XML in the .xlsx) is just another
// untrusted file, audited like one. Base64 keeps any bytes (an .xlsx too) intact in XML.
//
// Parsed with a strict reader of this one shape (no XML library in the pane's bundle): anything else
// in the part is reported as damaged, never guessed at.

/** The part's namespace: the add-in finds its part by it (getByNamespace), and only its part. */
export const USER_FILE_NAMESPACE = "urn:nav-tiltak:egne-filer";

/** The layout of the part written here; a higher one was written by a newer add-in. */
export const STORE_VERSION = 1;

export interface StoredFile {
  name: string;
  bytes: Uint8Array;
  /** When it was picked (ISO 8601). */
  added: string;
}

export type StoreReadResult = { files: StoredFile[] } | { problem: string };

const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const ENTITIES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
const escapeAttr = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const unescapeAttr = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]!);

/** The part's XML for these files. */
export function encodeStore(files: readonly StoredFile[]): string {
  const items = files.map(
    (f) => `<fil navn="${escapeAttr(f.name)}" lagt-til="${escapeAttr(f.added)}" byte="${f.bytes.length}">${toBase64(f.bytes)}</fil>`,
  );
  return `<egne-filer xmlns="${USER_FILE_NAMESPACE}" versjon="${STORE_VERSION}">${items.join("")}</egne-filer>`;
}

const ATTRS = String.raw`((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*`;

function attributes(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) map.set(m[1]!, unescapeAttr(m[2] ?? m[3] ?? ""));
  return map;
}

const DAMAGED = "Den lagrede egne filen i arbeidsboken er skadet";

/** The files in a part's XML, or why it cannot be read (damaged, or written by a newer add-in). */
export function decodeStore(xml: string): StoreReadResult {
  const body = xml.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>)?\s*/, "");
  const root = new RegExp(`^<egne-filer${ATTRS}(?:/>|>([\\s\\S]*)</egne-filer>)\\s*$`).exec(body);
  if (!root) return { problem: `${DAMAGED} (ukjent innhold).` };
  const version = Number(attributes(root[1] ?? "").get("versjon"));
  if (version > STORE_VERSION)
    return { problem: "Den egne filen i arbeidsboken er lagret av en nyere utgave av NAV tiltak. Oppdater tillegget." };
  const files: StoredFile[] = [];
  const rest = (root[2] ?? "").replace(new RegExp(`<fil${ATTRS}>([A-Za-z0-9+/=\\s]*)</fil>`, "g"), (_m, attrs: string, data: string) => {
    const a = attributes(attrs);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(data);
    } catch {
      return "\u0000";
    }
    const size = a.get("byte");
    if (!a.get("navn") || (size !== undefined && Number(size) !== bytes.length)) return "\u0000";
    files.push({ name: a.get("navn")!, added: a.get("lagt-til") ?? "", bytes });
    return "";
  });
  if (rest.trim() !== "") return { problem: `${DAMAGED} (en fil i den er ufullstendig).` };
  return { files };
}
