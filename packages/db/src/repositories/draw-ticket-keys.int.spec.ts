import { createHash } from 'node:crypto';
import {
  assignInspectors,
  candidateInspectors,
  inspectorAssigner,
  inspectorTicketKeys,
  samplerSeedString,
  type Assignment,
  type ExcludedPairs,
} from '@supervise/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KEY_THREADS_MIN_KEYS,
  candidateKeyBlocks,
  keyThreadsRunning,
  startKeyThreads,
  type CandidateKeyBlock,
  type CandidateKeyBlockOptions,
} from './draw-ticket-keys.js';

/** Deterministic test data: hex bytes from a label, never Math.random. */
const hexOf = (label: string): string => createHash('sha256').update(label).digest('hex');
const seedString = (n: number): string => samplerSeedString(hexOf(`seed ${n}`), '');
const targets = (n: number) => Array.from({ length: n }, (_, i) => `R09-HOTEL-${String(i).padStart(6, '0')}`);
const officers = (n: number) => Array.from({ length: n }, (_, i) => `P${String(i).padStart(4, '0')}`);
/** Threads on a small draw: the threshold off, small chunks, more threads than cores. */
const threaded: CandidateKeyBlockOptions = { threads: 3, chunkTargets: 97, minKeys: 0 };

async function collect(blocks: AsyncIterable<CandidateKeyBlock>): Promise<CandidateKeyBlock[]> {
  const all: CandidateKeyBlock[] = [];
  for await (const b of blocks) all.push(b);
  return all;
}

afterEach(() => expect(keyThreadsRunning()).toBe(0));

describe('candidateKeyBlocks (issue 14: ticket keys on all cores)', () => {
  it("gives core's single-thread keys, in target order, in blocks that cover every target once", async () => {
    const s = seedString(1);
    const selected = targets(1000);
    const ids = [...officers(30), '旅-警官'];
    const blocks = await collect(candidateKeyBlocks(s, selected, ids, threaded));
    expect(blocks.length).toBe(Math.ceil(1000 / 97));
    let first = 0;
    for (const b of blocks) {
      expect(b.first).toBe(first);
      expect(b.keys).toBeInstanceOf(Float64Array);
      expect(b.keys!.length).toBe(b.targets * ids.length);
      expect(b.keys).toEqual(inspectorTicketKeys(s, selected.slice(b.first, b.first + b.targets), ids));
      first += b.targets;
    }
    expect(first).toBe(selected.length);
  });

  it('fed to the assigner, give the draw the assigner computes alone (exclusions, load cap, unstaffed)', async () => {
    const s = seedString(2);
    const selected = targets(700);
    const roster = officers(25);
    const excluded: ExcludedPairs = {
      everyTarget: ['P0003', 'P0011'],
      pairs: selected.flatMap((t, i) => [
        ...(i % 3 === 0 ? [{ inspector: roster[i % 25]!, target: t }] : []),
        ...(i % 50 === 0 ? roster.slice(1).map((inspector) => ({ inspector, target: t })) : []),
      ]),
    };
    const expected = assignInspectors(selected, roster, excluded, s);
    expect(expected.unstaffed.length).toBeGreaterThan(0);
    const assigner = inspectorAssigner(selected, roster, excluded, s);
    const assignments: Assignment[] = [];
    const unstaffed: string[] = [];
    for await (const block of candidateKeyBlocks(s, selected, assigner.candidateIds, threaded)) {
      expect(block.keys).toBeDefined();
      const part = assigner.step(block.targets, block.keys);
      assignments.push(...part.assignments);
      unstaffed.push(...part.unstaffed);
    }
    expect(assigner.remaining).toBe(0);
    expect({ assignments, unstaffed, loadCap: assigner.loadCap }).toEqual(expected);
  });

  it('threads started before the targets are drawn give the same keys; unused or for other candidates, they end', async () => {
    const s = seedString(4);
    const selected = targets(500);
    const roster = officers(20);
    const excluded: ExcludedPairs = { everyTarget: ['P0007'], pairs: [] };
    // The candidates known before the draw are the assigner's.
    const assigner = inspectorAssigner(selected, roster, excluded, s);
    expect(candidateInspectors(roster, excluded)).toEqual(assigner.candidateIds);
    const started = startKeyThreads(s, candidateInspectors(roster, excluded), selected.length, threaded)!;
    expect(keyThreadsRunning()).toBe(3);
    const blocks = await collect(candidateKeyBlocks(s, selected, assigner.candidateIds, { ...threaded, started }));
    for (const b of blocks)
      expect(b.keys).toEqual(inspectorTicketKeys(s, selected.slice(b.first, b.first + b.targets), assigner.candidateIds));
    // Started, then not wanted (the draw failed before its keys): closing ends them.
    await startKeyThreads(s, roster, selected.length, threaded)!.close();
    // Started for other candidates: ended, and the keys computed right.
    const other = startKeyThreads(s, roster, selected.length, threaded)!;
    const again = await collect(candidateKeyBlocks(s, selected, assigner.candidateIds, { ...threaded, started: other }));
    expect(again.map((b) => b.keys)).toEqual(blocks.map((b) => b.keys));
    expect(startKeyThreads(s, roster, 10, { threads: 2 })).toBeUndefined();
  });

  it('start no thread below the threshold: blocks without keys, for the assigner to compute', async () => {
    const selected = targets(2500);
    const ids = officers(160);
    expect(selected.length * ids.length).toBeLessThan(KEY_THREADS_MIN_KEYS);
    const blocks: CandidateKeyBlock[] = [];
    for await (const b of candidateKeyBlocks(seedString(3), selected, ids)) {
      expect(keyThreadsRunning()).toBe(0);
      blocks.push(b);
    }
    expect(blocks.map((b) => b.keys)).toEqual(blocks.map(() => undefined));
    expect(blocks.map((b) => b.targets).reduce((a, b) => a + b, 0)).toBe(2500);
    // And on one thread only, whatever the size.
    for await (const b of candidateKeyBlocks(seedString(3), selected, ids, { threads: 1, minKeys: 0 }))
      expect(b.keys).toBeUndefined();
  });

  it('end their threads when the caller stops early', async () => {
    const s = seedString(4);
    const selected = targets(2000);
    for await (const b of candidateKeyBlocks(s, selected, officers(20), threaded)) {
      expect(keyThreadsRunning()).toBe(3);
      expect(b.first).toBe(0);
      break;
    }
    expect(keyThreadsRunning()).toBe(0);
    // A throw in the caller's loop (its transaction failing) ends them too.
    const failing = async () => {
      for await (const b of candidateKeyBlocks(s, selected, officers(20), threaded))
        if (b.first > 300) throw new Error('write failed');
    };
    await expect(failing()).rejects.toThrow('write failed');
  });

  it('reject when a thread fails, and end the others', async () => {
    const s = seedString(5);
    const selected = targets(1000);
    // A keys module that fails on the third chunk a thread is given, and one that cannot be loaded.
    const failsLater = `data:text/javascript,${encodeURIComponent(
      'let n = 0; export const inspectorTicketKeysFor = () => (t) => { if (++n === 3) throw new Error("key thread failed"); return new Float64Array(t.length * 4); };',
    )}`;
    const received: number[] = [];
    const run = async (keysModule: string) => {
      for await (const b of candidateKeyBlocks(s, selected, officers(4), { ...threaded, keysModule })) received.push(b.first);
    };
    await expect(run(failsLater)).rejects.toThrow('key thread failed');
    expect(received.length).toBeLessThan(Math.ceil(1000 / 97));
    await expect(run('file:///nonexistent/inspector-ticket-keys.js')).rejects.toThrow(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  });
});
