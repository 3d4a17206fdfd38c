import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the worker's heap grow past what survived its last full collection before it
 * collects again, in percent. Issue 14 §2 (the worker's peak memory, goal < 300 MB): through the year's
 * reconcile on the bench's province the live heap stays at 42–61 MiB after each full collection, but
 * V8's own heuristics let the old generation grow to about four times that first, so the process
 * peaked at 297–333 MiB resident, mostly garbage. Twice the live heap (100 %) held it at 190–198 MiB,
 * for three times as many full collections (75 instead of 25 in the run), which V8 marks concurrently.
 */
export const HEAP_GROWING_PERCENT = 100;

/** Bounds the heap's growth as above; called first by every worker process (main.ts, the bench's). */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
