// The § 2-6 note NAV prints under «Om tabellene». Every sheet carries it (DESIGN.md): a reader of
// one sheet must learn what «*» means. A file without it still imports, with a warning, and the
// sheets get this standard wording, exactly as NAV publishes it.

import type { Finding } from "./findings.js";

export const STATISTICS_NOTE: readonly string[] = [
  "I henhold til Statistikklovens § 2-6 har NAV valgt å erstatte verdier i celler hvor tallene er mindre enn 4 med spesialtegn «*».",
  "Dette for å sikre at verdiene ikke kan føres tilbake til identifiserbare enkeltpersoner.",
];

const NOTE_MARK = "§ 2-6";

/** The note's paragraphs as the file words them (the § 2-6 sentence and the one after), or the standard ones. */
export function statisticsNote(notes: readonly string[]): string[] {
  const i = notes.findIndex((n) => n.includes(NOTE_MARK));
  return i < 0 ? [...STATISTICS_NOTE] : notes.slice(i, i + 2);
}

export function hasStatisticsNote(notes: readonly string[]): boolean {
  return notes.some((n) => n.includes(NOTE_MARK));
}

/**
 * A file's notes with the § 2-6 note: as published, or with the standard wording added and a
 * warning on the «Om tabellene» heading (line 1 when the file has no notes page).
 */
export function completeNotes(notes: readonly string[], notesLine: number | undefined): { notes: string[]; finding?: Finding } {
  if (hasStatisticsNote(notes)) return { notes: [...notes] };
  const standard = `Arkene får NAVs standardmerknad: «${STATISTICS_NOTE[0]}»`;
  return {
    notes: [...notes, ...STATISTICS_NOTE],
    finding: {
      severity: "warning",
      code: "missing-note",
      line: notesLine ?? 1,
      message:
        notesLine === undefined
          ? `Filen mangler delen «Om tabellene». ${standard}`
          : `«Om tabellene» mangler merknaden om § 2-6. ${standard}`,
    },
  };
}
