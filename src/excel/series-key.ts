// The key of a NAV-shaped time-series sheet (one per TILT table and year): built and read here
// only, by the writer's sheet specs, the default sheet names and the request record's short form.

/** A NAV-shaped time-series sheet (core/series-layout.ts): one per TILT table and year. */
export type SeriesKey = `tidsserie-tilt${number}-${number}`;

const SERIES_KEY = /^tidsserie-tilt(\d+)-(\d+)$/;

export function seriesKey(code: number, year: number): SeriesKey {
  return `tidsserie-tilt${code}-${year}`;
}

/** The TILT code and year of a series key; null for any other key. */
export function parseSeriesKey(key: string): { code: number; year: number } | null {
  const m = SERIES_KEY.exec(key);
  return m ? { code: Number(m[1]), year: Number(m[2]) } : null;
}
