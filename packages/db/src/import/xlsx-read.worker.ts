/**
 * The worker thread that reads an uploaded XLSX (issue 15): the parse runs here, with a heap limit
 * and a deadline set by `readXlsxOffThread`, so a hostile file costs this thread, never the event
 * loop that answers requests.
 */
import { parentPort } from 'node:worker_threads';
import type { UploadLimits } from '@supervise/core';
import { xlsxSheetTable } from './xlsx-sheet.js';
import { UploadRefusedError } from './zip-directory.js';

parentPort?.once('message', (msg: { bytes: Uint8Array; limits: UploadLimits }) => {
  xlsxSheetTable(msg.bytes, msg.limits).then(
    (table) => parentPort!.postMessage({ ok: true, table }),
    (e: unknown) =>
      parentPort!.postMessage(
        e instanceof UploadRefusedError
          ? { ok: false, refusal: e.refusal }
          : { ok: false, error: e instanceof Error ? e.message : String(e) },
      ),
  );
});
