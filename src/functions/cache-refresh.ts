// Office caches a custom functions add-in's functions.json (its function list, parameters and help)
// for up to 24 hours, so a new NAV.* function or a changed description would reach users a day
// late. In a shared runtime the document setting `Office.ForceRefreshCustomFunctionsCache` = true
// makes Office load the metadata again (learn.microsoft.com, "Troubleshoot custom functions",
// section "Clear the custom functions cache"). Microsoft warns that refreshing on every load costs
// performance, so the switch is turned on only when the document last ran another add-in version,
// and off again on the next load, after the refresh it asked for has happened.

/** The document setting Office reads (documented name). */
export const FORCE_REFRESH_SETTING = "Office.ForceRefreshCustomFunctionsCache";
/** The add-in version that last ran in this document (our own setting). */
export const VERSION_SETTING = "NavTiltak.Funksjonsversjon";

/** The part of Office.Settings used here (Office.context.document.settings, Common API). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: unknown) => void): void;
}

/**
 * Turns the cache refresh on when `version` is new to the document, off once it has served.
 * Returns what it did. Never throws: a read-only document or a host without settings simply keeps
 * the normal cache.
 */
export function refreshFunctionsCacheOnNewVersion(settings: DocumentSettings | undefined, version: string): "on" | "off" | "unchanged" {
  if (!settings) return "unchanged";
  try {
    let outcome: "on" | "off" | "unchanged" = "unchanged";
    if (settings.get(VERSION_SETTING) !== version) {
      settings.set(FORCE_REFRESH_SETTING, true);
      settings.set(VERSION_SETTING, version);
      outcome = "on";
    } else if (settings.get(FORCE_REFRESH_SETTING) === true) {
      settings.set(FORCE_REFRESH_SETTING, false);
      outcome = "off";
    }
    // Settings only persist in the document through saveAsync; a failure leaves the cache as it was.
    if (outcome !== "unchanged") settings.saveAsync(() => undefined);
    return outcome;
  } catch {
    return "unchanged";
  }
}
