/**
 * A draw's inspector ticket keys computed on all cores (issue 14: a province's R09 draw is 30,000
 * targets × ~160 candidates = 5 million SHA-256 compressions, 2.75 s on one core). The keys do not
 * depend on the loads, only the choice among them does: worker threads compute them a chunk of targets
 * at a time (`inspectorTicketKeys` of @supervise/core) and the caller's assigner takes them in order:
 *
 *   for await (const block of candidateKeyBlocks(seedString, selected, assigner.candidateIds))
 *     assigner.step(block.targets, block.keys);
 *
 * A small draw (below `KEY_THREADS_MIN_KEYS` keys) starts no thread: its blocks come without keys and
 * the assigner computes them as before. Node-only (node:worker_threads); core, which the web bundles, is not.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Below this many keys (targets × candidates) threads cost more than they save: a district's draw stays
 * on one thread. Each thread costs about 0.35 s of CPU before its keys come at full speed (start, import,
 * the compression's JIT warm-up), while a server's main thread is warm (0.65 µs a key): measured, the
 * threads break even near 1,000,000 keys on two cores.
 */
export const KEY_THREADS_MIN_KEYS = 1_000_000;
/** Targets per chunk a thread computes (1,000 × 160 keys = 1.3 MB, transferred, not copied). */
export const KEY_CHUNK_TARGETS = 1_000;
/**
 * Chunks a thread is given ahead (and at most this many per thread computed and not yet taken): the
 * threads go on while the caller writes a part of the draw (4 × 1.3 MB per thread at a province's size).
 */
const CHUNKS_AHEAD_PER_THREAD = 4;

/** The keys of the targets `selected[first .. first + targets)`, row-major (`InspectorAssigner.step`'s `keys`). */
export interface CandidateKeyBlock {
  first: number;
  targets: number;
  /** Absent for a draw too small for threads: the assigner computes the keys itself. */
  keys: Float64Array | undefined;
}

export interface CandidateKeyBlockOptions {
  /** Default `os.availableParallelism()`; fewer than two computes on the caller's thread. */
  threads?: number;
  chunkTargets?: number;
  minKeys?: number;
  /** The module the threads import `inspectorTicketKeysFor` from; default core's (a test names a failing one). */
  keysModule?: string;
}

/** Threads started by `candidateKeyBlocks` that have not yet exited (a test checks none is left). */
let running = 0;
export function keyThreadsRunning(): number {
  return running;
}

const requireHere = createRequire(import.meta.url);

/** Core's module of the keys, as a file URL a worker can import (vitest runs db's sources, core from its dist). */
function coreKeysModule(): string {
  return pathToFileURL(requireHere.resolve('@supervise/core/inspector-ticket-keys')).href;
}

// The worker: imports the keys module, then answers each chunk of targets with its keys, transferred.
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.keysModule).then(({ inspectorTicketKeysFor }) => {
  const keysOf = inspectorTicketKeysFor(workerData.seedString, workerData.candidateIds);
  parentPort.on('message', ({ chunk, targets }) => {
    const keys = keysOf(targets);
    parentPort.postMessage({ chunk, keys }, [keys.buffer]);
  });
});
`;

/**
 * The keys of `selected`'s inspector tickets for `candidateIds` (the assigner's, in its order), in
 * blocks in target order that together cover every target once. With enough work, computed by worker
 * threads, a bounded number of chunks ahead of the caller; the threads end when the blocks do, when the
 * caller stops early (`break`, or a throw in its loop) and on error. A thread's error rejects the
 * iteration (the caller's transaction then rolls back).
 */
export async function* candidateKeyBlocks(
  seedString: string,
  selected: readonly string[],
  candidateIds: readonly string[],
  options: CandidateKeyBlockOptions = {},
): AsyncGenerator<CandidateKeyBlock, void, undefined> {
  const chunkTargets = Math.max(1, options.chunkTargets ?? KEY_CHUNK_TARGETS);
  const chunks = Math.ceil(selected.length / chunkTargets);
  const threads = Math.min(options.threads ?? availableParallelism(), chunks);
  const targetsOf = (chunk: number) => selected.slice(chunk * chunkTargets, (chunk + 1) * chunkTargets);
  const countOf = (chunk: number) => Math.min(chunkTargets, selected.length - chunk * chunkTargets);
  if (threads < 2 || selected.length * candidateIds.length < (options.minKeys ?? KEY_THREADS_MIN_KEYS)) {
    for (let chunk = 0; chunk < chunks; chunk++) yield { first: chunk * chunkTargets, targets: countOf(chunk), keys: undefined };
    return;
  }

  const done = new Map<number, Float64Array>();
  let failure: Error | null = null;
  let closing = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const workerData = { keysModule: options.keysModule ?? coreKeysModule(), seedString, candidateIds: [...candidateIds] };
  const workers: Worker[] = [];
  const exited: Promise<void>[] = [];
  const outstanding: number[] = [];
  const fail = (e: Error) => {
    failure ??= e;
    notify();
  };
  // Chunks sent and not yet yielded stay below a bound; each goes to the thread with the least to do.
  let sent = 0;
  let yielded = 0;
  const send = () => {
    while (!closing && sent < chunks && sent - yielded < threads * CHUNKS_AHEAD_PER_THREAD) {
      let w = 0;
      for (let v = 1; v < threads; v++) if (outstanding[v]! < outstanding[w]!) w = v;
      if (outstanding[w]! >= CHUNKS_AHEAD_PER_THREAD) return;
      outstanding[w]!++;
      workers[w]!.postMessage({ chunk: sent, targets: targetsOf(sent) });
      sent++;
    }
  };
  try {
    for (let w = 0; w < threads; w++) {
      const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData });
      running++;
      workers.push(worker);
      outstanding.push(0);
      worker.on('message', (m: { chunk: number; keys: Float64Array }) => {
        outstanding[w]!--;
        done.set(m.chunk, m.keys);
        send();
        notify();
      });
      worker.on('error', fail);
      exited.push(
        new Promise((resolve) =>
          worker.on('exit', (code) => {
            running--;
            if (!closing) fail(new Error(`a ticket key thread exited (code ${code}) before the draw's keys were computed`));
            resolve();
          }),
        ),
      );
    }
    for (let chunk = 0; chunk < chunks; chunk++) {
      send();
      let keys: Float64Array | undefined;
      while (!failure && !(keys = done.get(chunk))) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      done.delete(chunk);
      yielded++;
      send();
      yield { first: chunk * chunkTargets, targets: countOf(chunk), keys: keys! };
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
    await Promise.all(exited);
  }
}
