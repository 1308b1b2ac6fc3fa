// Office.ForceRefreshCustomFunctionsCache (src/functions/cache-refresh.ts): on for one load when the
// document last ran another add-in version, off again on the next, never on every load.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  FORCE_REFRESH_SETTING,
  VERSION_SETTING,
  refreshFunctionsCacheOnNewVersion,
  type DocumentSettings,
} from "../../src/functions/cache-refresh.js";

/** Office.Settings as documented: get/set in memory, saveAsync persists (counted here). */
function settings(
  initial: Record<string, unknown> = {},
): DocumentSettings & { saved: Record<string, unknown>[]; values: Record<string, unknown> } {
  const values: Record<string, unknown> = { ...initial };
  const saved: Record<string, unknown>[] = [];
  return {
    values,
    saved,
    get: (name) => (name in values ? values[name] : null),
    set: (name, value) => void (values[name] = value),
    saveAsync: (cb) => {
      saved.push({ ...values });
      cb?.({ status: "succeeded" });
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("refreshFunctionsCacheOnNewVersion", () => {
  it("a new document or a new version: refresh on, version recorded, saved", () => {
    const s = settings();
    expect(refreshFunctionsCacheOnNewVersion(s, "1.2.0.0")).toBe("on");
    expect(s.saved).toEqual([{ [FORCE_REFRESH_SETTING]: true, [VERSION_SETTING]: "1.2.0.0" }]);
    const old = settings({ [VERSION_SETTING]: "1.1.0.0", [FORCE_REFRESH_SETTING]: false });
    expect(refreshFunctionsCacheOnNewVersion(old, "1.2.0.0")).toBe("on");
    expect(old.values[FORCE_REFRESH_SETTING]).toBe(true);
  });

  it("the next load of the same version turns it off; later loads change nothing and save nothing", () => {
    const s = settings();
    refreshFunctionsCacheOnNewVersion(s, "1.2.0.0");
    expect(refreshFunctionsCacheOnNewVersion(s, "1.2.0.0")).toBe("off");
    expect(s.values[FORCE_REFRESH_SETTING]).toBe(false);
    expect(refreshFunctionsCacheOnNewVersion(s, "1.2.0.0")).toBe("unchanged");
    expect(s.saved).toHaveLength(2);
  });

  it("never throws: no settings, or settings that fail", () => {
    expect(refreshFunctionsCacheOnNewVersion(undefined, "1")).toBe("unchanged");
    const broken: DocumentSettings = {
      get: () => {
        throw new Error("not available");
      },
      set: () => undefined,
      saveAsync: () => undefined,
    };
    expect(refreshFunctionsCacheOnNewVersion(broken, "1")).toBe("unchanged");
  });
});

describe("the functions module in the shared runtime", () => {
  it("switches the refresh on from Office.onReady", async () => {
    const s = settings();
    let ready: (() => void) | undefined;
    vi.stubGlobal("Office", { onReady: (cb: () => void) => ((ready = cb), Promise.resolve()), context: { document: { settings: s } } });
    vi.resetModules();
    await import("../../src/functions/custom-functions.js");
    expect(ready).toBeTypeOf("function");
    expect(s.saved).toHaveLength(0); // not before Office is ready
    ready!();
    expect(s.values[FORCE_REFRESH_SETTING]).toBe(true);
    expect(s.values[VERSION_SETTING]).toBe("utvikling");
  });
});
