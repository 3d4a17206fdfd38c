/**
 * Reads an uploaded XLSX off the caller's event loop (issue 15: a 0.5 MB zip bomb held the web app
 * for minutes). The parse runs in a worker thread with a heap limit; it is stopped at the time limit
 * of @supervise/core's UPLOAD_LIMITS, and every refusal comes back as an `UploadRefusedError` whose
 * message, in both languages, tells the user what is wrong with the file.
 */
import { Worker } from 'node:worker_threads';
import { UPLOAD_LIMITS, uploadRefusal, type CellTable, type UploadLimits, type UploadRefusal } from '@supervise/core';
import { UploadRefusedError } from './zip-directory.js';

/**
 * The worker's script, always the compiled one: from `dist/import/xlsx-read.js` and from
 * `src/import/xlsx-read.ts` (the tests) this URL names the same `dist/import/xlsx-read.worker.js`
 * (a package's tests run after its build).
 */
const WORKER_URL = new URL('../../dist/import/xlsx-read.worker.js', import.meta.url);

/** Heap of the parsing thread: a real 100,000-row export needs about 600 MB. */
const WORKER_HEAP_MB = 1536;

type Reply = { ok: true; table: CellTable } | { ok: false; refusal: UploadRefusal } | { ok: false; error: string };

export async function readXlsxOffThread(bytes: Uint8Array, limits: UploadLimits = UPLOAD_LIMITS): Promise<CellTable> {
  if (bytes.length > limits.maxBytes) throw new UploadRefusedError(uploadRefusal('too_large', '', limits));
  const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  try {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new UploadRefusedError(uploadRefusal('too_slow', '', limits))), limits.maxParseMs);
      worker.once('message', (m: Reply) => {
        clearTimeout(timer);
        resolve(m);
      });
      worker.once('error', (e: Error & { code?: string }) => {
        clearTimeout(timer);
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new UploadRefusedError(uploadRefusal('zip_inflated_too_large', 'memory', limits))
            : e,
        );
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the XLSX reader stopped (exit ${code})`));
      });
      // A copy: the caller keeps its bytes (they are stored with the batch).
      const copy = new Uint8Array(bytes);
      worker.postMessage({ bytes: copy, limits }, [copy.buffer]);
    });
    if (reply.ok) return reply.table;
    if ('refusal' in reply) throw new UploadRefusedError(reply.refusal);
    throw new Error(reply.error);
  } finally {
    await worker.terminate();
  }
}
