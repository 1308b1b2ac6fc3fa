// What to tell the user when Excel stops a write batch. Office.js does not roll back: the calls
// before the failing one stay applied. The error names the failing call but not how far the batch
// came, so a separate read afterwards looks at the marks the batch leaves in order on the request
// record (started, edits copied, sheets finished, done) and the message says exactly what was
// written, where the user's edits are, and what to do. Nothing is promised that
// Excel may not do: no undo advice (NamedItem.comment, set in every batch, is not undo-supported
// in Excel on the web and clears the undo stack).

import type { KeptCopy } from "./edits.js";
import { errorText } from "./capabilities.js";
import { REQUEST_NAME, decodeRequest, requestDone } from "./ownership.js";
import type { Plan } from "./plan.js";
import type { WorkbookRead } from "./read-workbook.js";
import type { ExcelRunner, Message } from "./operation-types.js";
import type { BatchInput, Written } from "./write-batch.js";

/** What the write batch was asked to do, kept for the explanation. */
export interface Batch {
  read: WorkbookRead;
  plan: Plan;
  copies: KeptCopy[];
  request: BatchInput["request"];
  written: Written;
}

export interface FailureOutcome {
  /** True when, despite the error, everything was written (the error came at the very end). */
  ok: boolean;
  messages: Message[];
  /** Round trips used by the look afterwards. */
  syncs: number;
}

function protectionHint(e: unknown, read: WorkbookRead | undefined): string {
  const location = (e as { debugInfo?: { errorLocation?: string } })?.debugInfo?.errorLocation ?? "";
  return read?.snapshot.workbookProtected && /WorksheetCollection\.add/i.test(location)
    ? " Arbeidsbokens struktur er beskyttet, så det kan ikke legges til ark (Se gjennom > Beskytt arbeidsbok)."
    : "";
}

const quoted = (names: string[]) => names.map((n) => `«${n}»`).join(", ");

/** Builds the report after a failed write batch; reads the workbook once more when it can. */
export async function explainFailure(run: ExcelRunner, e: unknown, batch: Batch | null): Promise<FailureOutcome> {
  const head = `Excel stoppet operasjonen: ${errorText(e)}.${protectionHint(e, batch?.read)}`;
  if (!batch) {
    // Round trip 1 only reads: nothing was changed.
    return { ok: false, syncs: 0, messages: [{ level: "error", text: `${head} Ingenting i arbeidsboken ble endret.` }] };
  }
  let look: { request: string | undefined; sheets: Set<string> };
  let syncs = 0;
  try {
    look = await run(async (context) => {
      const request = context.workbook.names.getItemOrNullObject(REQUEST_NAME).load("comment");
      const s = context.workbook.worksheets.load("items/name");
      syncs++;
      await context.sync();
      return {
        request: request.isNullObject ? undefined : (request.comment ?? ""),
        sheets: new Set(s.items.map((x) => x.name.toUpperCase())),
      };
    });
  } catch {
    // Even without a look: the batch's order keeps every value of the user's somewhere.
    return {
      ok: false,
      syncs,
      messages: [
        {
          level: "error",
          text:
            `${head} Ark du har laget selv, er ikke endret. Endringer du hadde gjort i cellene fra NAV tiltak står enten ` +
            "urørt eller på et eget ark «… (endret)». Trykk «Oppdater» for å gjøre ferdig.",
        },
      ],
    };
  }

  if (look.request === batch.read.snapshot.requestComment) {
    // The batch stopped at or before its first change, the request record: nothing else ran. Checked
    // first: the record a finished operation leaves ("") may be the one this batch read, and its
    // own final mark is its last call, so a batch that wrote it did not fail at a call.
    return { ok: false, syncs, messages: [{ level: "error", text: `${head} Ingenting i arbeidsboken ble endret; prøv igjen.` }] };
  }
  const state = decodeRequest(look.request);
  const active = batch.plan.targets.filter((t) => t.action !== "skip");
  if (look.request === requestDone(batch.request.remaining) || (state.finished === active.length && state.copiesDone)) {
    return {
      ok: true,
      syncs,
      messages: [{ level: "warning", text: `Excel meldte en feil helt til slutt (${errorText(e)}), men alt ble skrevet.` }],
    };
  }

  const parts: string[] = [head];
  for (const c of batch.copies) {
    if (state.copiesDone) {
      parts.push(`Endringene dine på «${c.sheet}» er tatt vare på i arket «${c.copyName}».`);
    } else {
      // The copies come before any rewrite: without the mark, no sheet of the add-in was touched.
      const partial = look.sheets.has(c.copyName.toUpperCase());
      parts.push(`Endringene dine på «${c.sheet}» står urørt der` + (partial ? `; arket «${c.copyName}» ble bare delvis laget.` : "."));
    }
  }
  const done = active.slice(0, state.finished).map((t) => t.sheetName);
  const rest = active.slice(state.finished).map((t) => t.sheetName);
  if (done.length > 0) parts.push(`Ferdig skrevet: ${quoted(done)}.`);
  if (rest.length > 0) parts.push(`Ikke fullført: ${quoted(rest)}.`);
  parts.push("Ark du har laget selv, er ikke endret. Trykk «Oppdater» for å gjøre ferdig.");
  return { ok: false, syncs, messages: [{ level: "error", text: parts.join(" ") }] };
}
