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

// The worker: imports the keys module, warms the hashing up on a few made-up targets (so its compiled
// code is ready when the first chunk comes, issue 14), then answers each chunk with its keys, transferred.
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.keysModule).then(({ inspectorTicketKeysFor }) => {
  const keysOf = inspectorTicketKeysFor(workerData.seedString, workerData.candidateIds);
  keysOf(Array.from({ length: 64 }, (_, i) => 'warm-up-' + i));
  parentPort.on('message', ({ chunk, targets }) => {
    const keys = keysOf(targets);
    parentPort.postMessage({ chunk, keys }, [keys.buffer]);
  });
});
`;

/**
 * Worker threads computing one draw's keys for `candidateIds`, started before its targets are known
 * (`startKeyThreads`: they load and warm up while the caller reads the draw and draws its targets), then
 * given the targets a chunk at a time (`blocks`). `close` ends them; so does the end of `blocks`.
 */
export class KeyThreads {
  readonly candidateIds: readonly string[];
  private readonly workers: Worker[] = [];
  private readonly exited: Promise<void>[] = [];
  private readonly outstanding: number[] = [];
  private readonly done = new Map<number, Float64Array>();
  private failure: Error | null = null;
  private closing = false;
  private wake: (() => void) | null = null;
  /** Set by `blocks`: sends what the threads may take now. */
  private send: () => void = () => {};

  constructor(seedString: string, candidateIds: readonly string[], threads: number, keysModule = coreKeysModule()) {
    this.candidateIds = [...candidateIds];
    const workerData = { keysModule, seedString, candidateIds: this.candidateIds };
    for (let w = 0; w < threads; w++) {
      const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData });
      running++;
      this.workers.push(worker);
      this.outstanding.push(0);
      worker.on('message', (m: { chunk: number; keys: Float64Array }) => {
        this.outstanding[w]!--;
        this.done.set(m.chunk, m.keys);
        this.send();
        this.notify();
      });
      worker.on('error', (e) => this.fail(e));
      this.exited.push(
        new Promise((resolve) =>
          worker.on('exit', (code) => {
            running--;
            if (!this.closing)
              this.fail(new Error(`a ticket key thread exited (code ${code}) before the draw's keys were computed`));
            resolve();
          }),
        ),
      );
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.notify();
  }

  /** The keys of `selected` in blocks of `chunkTargets` targets, in order; the threads end with it. */
  async *blocks(
    selected: readonly string[],
    chunkTargets = KEY_CHUNK_TARGETS,
  ): AsyncGenerator<CandidateKeyBlock, void, undefined> {
    const chunks = Math.ceil(selected.length / chunkTargets);
    const threads = this.workers.length;
    // Chunks sent and not yet yielded stay below a bound; each goes to the thread with the least to do.
    let sent = 0;
    let yielded = 0;
    this.send = () => {
      while (!this.closing && sent < chunks && sent - yielded < threads * CHUNKS_AHEAD_PER_THREAD) {
        let w = 0;
        for (let v = 1; v < threads; v++) if (this.outstanding[v]! < this.outstanding[w]!) w = v;
        if (this.outstanding[w]! >= CHUNKS_AHEAD_PER_THREAD) return;
        this.outstanding[w]!++;
        this.workers[w]!.postMessage({ chunk: sent, targets: selected.slice(sent * chunkTargets, (sent + 1) * chunkTargets) });
        sent++;
      }
    };
    try {
      for (let chunk = 0; chunk < chunks; chunk++) {
        this.send();
        let keys: Float64Array | undefined;
        while (!this.failure && !(keys = this.done.get(chunk))) await new Promise<void>((resolve) => (this.wake = resolve));
        if (this.failure) throw this.failure;
        this.done.delete(chunk);
        yielded++;
        this.send();
        yield {
          first: chunk * chunkTargets,
          targets: Math.min(chunkTargets, selected.length - chunk * chunkTargets),
          keys: keys!,
        };
      }
    } finally {
      await this.close();
    }
  }

  /** Ends the threads (idempotent). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    await Promise.all(this.exited);
  }
}

/**
 * Threads for a draw of `targets` targets whose candidates are `candidateIds`, started now, or
 * undefined when the draw is too small for threads to pay (`KEY_THREADS_MIN_KEYS`) or the machine has
 * one core.
 */
export function startKeyThreads(
  seedString: string,
  candidateIds: readonly string[],
  targets: number,
  options: CandidateKeyBlockOptions = {},
): KeyThreads | undefined {
  const chunks = Math.ceil(targets / Math.max(1, options.chunkTargets ?? KEY_CHUNK_TARGETS));
  const threads = Math.min(options.threads ?? availableParallelism(), chunks);
  if (threads < 2 || targets * candidateIds.length < (options.minKeys ?? KEY_THREADS_MIN_KEYS)) return undefined;
  return new KeyThreads(seedString, candidateIds, threads, options.keysModule);
}

/**
 * The keys of `selected`'s inspector tickets for `candidateIds` (the assigner's, in its order), in
 * blocks in target order that together cover every target once. With enough work, computed by worker
 * threads (`started` ones if given for the same candidates, else started now), a bounded number of
 * chunks ahead of the caller; the threads end when the blocks do, when the caller stops early (`break`,
 * or a throw in its loop) and on error. A thread's error rejects the iteration (the caller's transaction
 * then rolls back). Without threads the blocks come without keys.
 */
export async function* candidateKeyBlocks(
  seedString: string,
  selected: readonly string[],
  candidateIds: readonly string[],
  options: CandidateKeyBlockOptions & { started?: KeyThreads } = {},
): AsyncGenerator<CandidateKeyBlock, void, undefined> {
  const chunkTargets = Math.max(1, options.chunkTargets ?? KEY_CHUNK_TARGETS);
  const sameCandidates = (t: KeyThreads) =>
    t.candidateIds.length === candidateIds.length && t.candidateIds.every((id, i) => id === candidateIds[i]);
  let threads = options.started;
  if (threads && !sameCandidates(threads)) {
    await threads.close();
    threads = undefined;
  }
  threads ??= startKeyThreads(seedString, candidateIds, selected.length, options);
  if (!threads) {
    const chunks = Math.ceil(selected.length / chunkTargets);
    for (let chunk = 0; chunk < chunks; chunk++)
      yield {
        first: chunk * chunkTargets,
        targets: Math.min(chunkTargets, selected.length - chunk * chunkTargets),
        keys: undefined,
      };
    return;
  }
  yield* threads.blocks(selected, chunkTargets);
}
