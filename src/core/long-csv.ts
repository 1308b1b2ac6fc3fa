/**
 * Raw counts in the long CSV form, one tiltak and hovedgruppe a line, as Norwegian Excel writes it
 * (UTF-8, «;» between fields):
 *
 *   Periode;Hovedgruppe;Tiltaksgruppe;Tiltak;Antall;AntallIFjor
 *   2016-11;Arbeidssøkere på tiltak;Avklaring;Arbeidsrettet rehabilitering;55;60
 *
 * The publication's figures follow from it: a tiltaksgruppe's and the overall count are sums of the
 * tiltak, «I alt» is the sum over hovedgrupper, and a change is this year's sum minus last year's
 * (percent as the publication rounds it). Names are matched to the publication's catalogue (the
 * bundled dataset), so the result lays out exactly like a published month. Only counts are read:
 * protection (core/protect) decides what is shown.
 */

import { percentChange } from "./percent.js";
import { PublicationError, type Finding } from "./findings.js";
import { normalizeName, periodLabel } from "./text.js";
import { ALL, type Dataset, type Figures, type PeriodData } from "./types.js";

export const LONG_CSV_HEADER = ["Periode", "Hovedgruppe", "Tiltaksgruppe", "Tiltak", "Antall", "AntallIFjor"] as const;

/** Does the text look like the long CSV (its header line)? */
export function isLongCsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return normalizeName(first.replace(/\s*;\s*/g, ";")) === normalizeName(LONG_CSV_HEADER.join(";"));
}

const COUNT = /^\d{1,9}$/;

/** The dataset of the CSV's one period, with the catalogue's names, order and notes. */
export function datasetFromLongCsv(text: string, catalogue: Dataset, file = "rådata.csv"): Dataset {
  const findings: Finding[] = [];
  const fail = (line: number, code: Finding["code"], message: string): void => {
    findings.push({ severity: "error", code, line, file, message });
  };
  const hgBy = new Map(
    catalogue.hovedgrupper.flatMap((h) => [
      [normalizeName(h.name), h.id],
      [normalizeName(h.short), h.id],
    ]),
  );
  const groupBy = new Map(catalogue.tiltaksgrupper.map((g) => [normalizeName(g.name), g.id]));
  const tiltakBy = new Map(catalogue.tiltak.map((t) => [`${t.group}|${normalizeName(t.name)}`, t]));
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!isLongCsv(text)) {
    fail(1, "bad-header", `første linje må være «${LONG_CSV_HEADER.join(";")}».`);
    throw new PublicationError(findings);
  }
  let period: string | undefined;
  // tiltak id → hovedgruppe id → [antall, last year]
  const cells = new Map<string, Map<string, [number, number]>>();
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === "") return;
    const f = raw.split(";").map((s) => s.trim());
    if (f.length !== LONG_CSV_HEADER.length)
      return fail(line, "structure", `linjen har ${f.length} felt, ventet ${LONG_CSV_HEADER.length} skilt med «;».`);
    const [per, hgName, groupName, tiltakName, antall, ifjor] = f as [string, string, string, string, string, string];
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(per)) return fail(line, "bad-period", `«${per}» er ikke en periode på formen ÅÅÅÅ-MM.`);
    if (period !== undefined && per !== period) return fail(line, "bad-period", `filen kan bare ha én periode (${period}), fant ${per}.`);
    period = per;
    const hg = hgBy.get(normalizeName(hgName));
    if (!hg) return fail(line, "unknown-hovedgruppe", `ukjent hovedgruppe «${hgName}».`);
    const group = groupBy.get(normalizeName(groupName));
    if (!group) return fail(line, "unknown-group", `ukjent tiltaksgruppe «${groupName}».`);
    const tiltak = tiltakBy.get(`${group}|${normalizeName(tiltakName)}`);
    if (!tiltak) return fail(line, "unknown-group", `ukjent tiltak «${tiltakName}» i tiltaksgruppen «${groupName}».`);
    if (!COUNT.test(antall)) return fail(line, "bad-number", `Antall «${antall}» er ikke et helt tall (0 eller mer).`);
    if (!COUNT.test(ifjor)) return fail(line, "bad-number", `AntallIFjor «${ifjor}» er ikke et helt tall (0 eller mer).`);
    const row = cells.get(tiltak.id) ?? new Map<string, [number, number]>();
    if (row.has(hg)) return fail(line, "duplicate-row", `«${tiltakName}» / «${hgName}» står også på en tidligere linje.`);
    row.set(hg, [Number(antall), Number(ifjor)]);
    cells.set(tiltak.id, row);
  });
  if (!period && findings.length === 0) fail(lines.length, "empty-file", "filen har ingen tall under overskriftslinjen.");
  if (findings.length > 0) throw new PublicationError(findings);
  return { ...catalogue, periods: [periodFrom(period!, cells, catalogue)] };
}

/** Sums the tiltak into the publication's figures (a change only where last year's count is known). */
function periodFrom(period: string, cells: Map<string, Map<string, [number, number]>>, catalogue: Dataset): PeriodData {
  const hgs = catalogue.hovedgrupper.map((h) => h.id);
  const keys = [ALL, ...hgs];
  const at = (tiltak: string, k: string): [number, number] => {
    const row = cells.get(tiltak);
    if (!row) return [0, 0];
    if (k !== ALL) return row.get(k) ?? [0, 0];
    return hgs.reduce<[number, number]>((s, h) => [s[0] + (row.get(h)?.[0] ?? 0), s[1] + (row.get(h)?.[1] ?? 0)], [0, 0]);
  };
  const figures = ([antall, lastYear]: [number, number]): Figures => {
    const endring = antall - lastYear;
    return { antall: antall === 0 ? null : antall, endring, prosent: percentChange(antall, endring) };
  };
  const sum = (ids: string[], k: string): [number, number] =>
    ids.map((t) => at(t, k)).reduce<[number, number]>((s, v) => [s[0] + v[0], s[1] + v[1]], [0, 0]);
  const present = catalogue.tiltak.filter((t) => cells.has(t.id));
  const groups = catalogue.tiltaksgrupper.filter((g) => present.some((t) => t.group === g.id));
  return {
    period,
    label: periodLabel(period),
    total: Object.fromEntries(
      keys.map((k) => [
        k,
        figures(
          sum(
            present.map((t) => t.id),
            k,
          ),
        ),
      ]),
    ),
    groups: Object.fromEntries(
      groups.map((g) => [
        g.id,
        Object.fromEntries(
          keys.map((k) => [
            k,
            figures(
              sum(
                present.filter((t) => t.group === g.id).map((t) => t.id),
                k,
              ),
            ),
          ]),
        ),
      ]),
    ),
    tiltak: Object.fromEntries(present.map((t) => [t.id, Object.fromEntries(keys.map((k) => [k, at(t.id, k)[0] || null]))])),
  };
}
