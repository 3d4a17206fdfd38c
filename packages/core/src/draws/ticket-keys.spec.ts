import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  TICKET_KEY_DIGITS,
  canonicalIds,
  compareTicketKeys,
  compareTickets,
  compareUtf8,
  samplerSeedString,
  sampleOrder,
  ticket,
  ticketKeysFor,
  ticketsFor,
} from './consistent-sampler.js';
import {
  INSPECTORS_PER_TARGET,
  assignInspectors,
  freezeDraw,
  inspectorAssigner,
  type Assignment,
  type Exclusion,
} from './draw.js';
import { inspectorTicketKeys, inspectorTicketKeysFor, inspectorTicketPrefix } from './inspector-ticket-keys.js';
import { Sha256AfterBlock } from './sha256-after-block.js';

/** Deterministic test data: hex bytes from a label, never Math.random. */
const hexOf = (label: string): string => createHash('sha256').update(label).digest('hex');
const seedString = (n: number, beacon = ''): string => samplerSeedString(hexOf(`seed ${n}`), beacon);
const wordsHex = (w: Int32Array): string => Array.from(w, (x) => (x >>> 0).toString(16).padStart(8, '0')).join('');

/** The spec's order, built the slow way: full ticket strings, sorted, ties by id. */
function referenceOrder(population: readonly string[], s: string): string[] {
  const t = ticketsFor(s);
  return population
    .map((id) => ({ id, ticket: t(id) }))
    .sort((a, b) => compareTickets(a.ticket, b.ticket) || compareUtf8(a.id, b.id))
    .map((x) => x.id);
}

/** shared/verifiable-draw.md's inspector rule, word for word: every candidate's ticket, sorted, first two. */
function referenceAssign(selected: readonly string[], inspectors: readonly string[], excluded: readonly Exclusion[], s: string) {
  const roster = canonicalIds(inspectors);
  const isOut = (t: string, i: string) => excluded.some((e) => e.target === t && e.inspector === i);
  const candidatesOf = (t: string) => roster.filter((i) => !isOut(t, i));
  const m = new Set(selected.flatMap(candidatesOf)).size;
  const loadCap = m === 0 ? null : Math.ceil((INSPECTORS_PER_TARGET * selected.length) / m);
  const t = ticketsFor(s);
  const load = new Map<string, number>();
  const assignments: Assignment[] = [];
  const unstaffed: string[] = [];
  for (const target of selected) {
    const candidates = candidatesOf(target);
    if (candidates.length < INSPECTORS_PER_TARGET || loadCap === null) {
      unstaffed.push(target);
      continue;
    }
    const chosen = candidates
      .map((id) => ({ id, full: (load.get(id) ?? 0) >= loadCap ? 1 : 0, ticket: t(`inspector:${target}:${id}`) }))
      .sort((a, b) => a.full - b.full || compareTickets(a.ticket, b.ticket) || compareUtf8(a.id, b.id))
      .slice(0, INSPECTORS_PER_TARGET)
      .map((x) => x.id);
    for (const id of chosen) load.set(id, (load.get(id) ?? 0) + 1);
    assignments.push({ target, inspectors: chosen });
  }
  return { assignments, unstaffed, loadCap };
}

describe('SHA-256 after a shared first block', () => {
  it('equals node:crypto for every suffix length across one, two and three blocks, and for non-ASCII', () => {
    const block = Buffer.from(hexOf('prefix'), 'latin1');
    const h = new Sha256AfterBlock(block);
    for (let n = 0; n <= 140; n++) {
      const suffix = Buffer.from('x'.repeat(n) + (n % 7 === 0 ? '旅馆' : ''), 'utf8');
      const expected = createHash('sha256').update(block).update(suffix).digest('hex');
      expect(wordsHex(h.digest(suffix))).toBe(expected);
      // The same bytes given in two parts.
      const cut = Math.floor(suffix.length / 3);
      expect(wordsHex(h.digest(suffix.subarray(0, cut), suffix.subarray(cut)))).toBe(expected);
    }
  });

  it('after a fixed prefix (setPrefix), equals node:crypto for every prefix and suffix length, reused or not', () => {
    const block = Buffer.from(hexOf('prefix'), 'latin1');
    const h = new Sha256AfterBlock(block);
    for (let p = 0; p <= 72; p += p < 12 ? 1 : 5) {
      const prefix = Buffer.from('inspector:' + 'T'.repeat(p) + (p % 3 === 0 ? '旅' : '') + ':', 'utf8');
      h.setPrefix(prefix);
      for (let n = 60; n >= 0; n -= n > 20 ? 7 : 1) {
        const suffix = Buffer.from('x'.repeat(n) + (n % 5 === 0 ? '馆' : ''), 'utf8');
        const expected = createHash('sha256').update(block).update(prefix).update(suffix).digest('hex');
        expect(wordsHex(h.digestAfterPrefix(suffix))).toBe(expected);
        // digest() in between does not disturb the prefix.
        expect(wordsHex(h.digest(prefix, suffix))).toBe(expected);
      }
    }
  });

  it('refuses a prefix that is not one block', () => {
    expect(() => new Sha256AfterBlock(new Uint8Array(63))).toThrow(RangeError);
  });
});

describe('ticket keys', () => {
  it(`are the first ${TICKET_KEY_DIGITS} decimals of the ticket, for the published example and many ids`, () => {
    const example = ticketKeysFor('01382438112797316654');
    expect(example.key('AB-130')).toBe(262997141228380);
    for (const s of [seedString(1), seedString(2, '7 3 1'), 's']) {
      const keys = ticketKeysFor(s);
      for (let i = 0; i < 2000; i++) {
        const id = i % 5 === 0 ? `旅-${i}` : `inspector:R09-HOTEL-${i}:P${i % 170}`;
        expect(keys.key(id)).toBe(Number(ticket(id, s).slice(2, 2 + TICKET_KEY_DIGITS)));
        expect(keys.keyOfBytes(Buffer.from(id.slice(0, 3)), Buffer.from(id.slice(3)))).toBe(keys.key(id));
      }
    }
  });

  it('order tickets as their strings do, and equal keys fall back to the full tickets', () => {
    const s = seedString(3);
    const keys = ticketKeysFor(s);
    const ids = Array.from({ length: 300 }, (_, i) => `E-${i}`);
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [ids[i - 1]!, ids[i]!];
      expect(Math.sign(compareTicketKeys(keys, keys.key(a), a, keys.key(b), b))).toBe(
        Math.sign(compareTickets(ticket(a, s), ticket(b, s))),
      );
      // As if the keys were equal: the full tickets decide.
      expect(Math.sign(compareTicketKeys(keys, 7, a, 7, b))).toBe(Math.sign(compareTickets(ticket(a, s), ticket(b, s))));
    }
  });
});

describe('the fast draw equals the spec computed the slow way', () => {
  it('sampleOrder', () => {
    for (let n = 0; n < 4; n++) {
      const population = canonicalIds(Array.from({ length: 2000 }, (_, i) => `R09-${n}-${String(i).padStart(5, '0')}`));
      expect(sampleOrder(population, seedString(n))).toEqual(referenceOrder(population, seedString(n)));
    }
  });

  it('assignInspectors, with exclusions, loads reaching the cap and unstaffed targets', () => {
    const inspectors = Array.from({ length: 23 }, (_, i) => `P-${i}`);
    for (let n = 0; n < 3; n++) {
      const s = seedString(10 + n);
      const selected = referenceOrder(
        Array.from({ length: 400 }, (_, i) => `T-${i}`),
        s,
      ).slice(0, 150);
      const excluded: Exclusion[] = [];
      selected.forEach((t, i) => {
        if (i % 4 === 0) excluded.push({ inspector: `P-${i % 23}`, target: t, reason: 'recusal: declared 2026-01-01' });
        if (i % 37 === 0) for (const p of inspectors.slice(0, 22)) excluded.push({ inspector: p, target: t, reason: 'leave' });
      });
      for (const t of selected) excluded.push({ inspector: 'P-5', target: t, reason: 'leave: during the campaign window' });
      excluded.push({ inspector: 'NOT-ROSTERED', target: selected[0]!, reason: 'recusal' });
      const fast = assignInspectors(selected, inspectors, excluded, s);
      expect(fast).toEqual(referenceAssign(selected, inspectors, excluded, s));
      expect(fast.unstaffed.length).toBeGreaterThan(0);
      expect(fast.assignments.flatMap((a) => a.inspectors)).not.toContain('P-5');
    }
  });

  it('gives the same draw with the exclusions as pairs (every-target inspectors once) and a part at a time', () => {
    const inspectors = Array.from({ length: 23 }, (_, i) => `P-${i}`);
    for (let n = 0; n < 3; n++) {
      const s = seedString(20 + n);
      const population = Array.from({ length: 400 }, (_, i) => `T-${i}`);
      const selected = referenceOrder(population, s).slice(0, 150);
      const pairs: { inspector: string; target: string }[] = [];
      selected.forEach((t, i) => {
        if (i % 3 === 0) pairs.push({ inspector: `P-${i % 23}`, target: t });
        if (i % 41 === 0) for (const p of inspectors.slice(0, 22)) pairs.push({ inspector: p, target: t });
      });
      // Excluded everywhere, one of them also pair by pair; and one not on the roster.
      const everyTarget = ['P-5', 'P-7', 'NOT-ROSTERED'];
      pairs.push({ inspector: 'P-7', target: selected[1]! }, { inspector: 'NOT-ROSTERED', target: selected[2]! });
      const list: Exclusion[] = [
        ...population.flatMap((target) => everyTarget.map((inspector) => ({ inspector, target, reason: 'credential' }))),
        ...pairs.map((p) => ({ ...p, reason: 'recusal' })),
      ];
      const expected = referenceAssign(selected, inspectors, list, s);
      expect(expected.unstaffed.length).toBeGreaterThan(0);
      expect(assignInspectors(selected, inspectors, { everyTarget, pairs }, s)).toEqual(expected);
      expect(assignInspectors(selected, inspectors, list, s)).toEqual(expected);
      // A part at a time, in uneven steps.
      const assigner = inspectorAssigner(selected, inspectors, { everyTarget, pairs }, s);
      const assignments: Assignment[] = [];
      const unstaffed: string[] = [];
      for (let step = 1; assigner.remaining > 0; step += 7) {
        const part = assigner.step(step);
        assignments.push(...part.assignments);
        unstaffed.push(...part.unstaffed);
      }
      expect({ assignments, unstaffed, loadCap: assigner.loadCap }).toEqual(expected);
    }
  });
});

describe('inspector keys computed ahead (issue 14: on other threads)', () => {
  const inspectors = Array.from({ length: 23 }, (_, i) => `P-${i}`);
  /** 150 of 400 targets, pairs excluded here and there, some targets left with one candidate, two inspectors excluded everywhere. */
  const scenario = (n: number) => {
    const s = seedString(30 + n);
    const selected = referenceOrder(
      Array.from({ length: 400 }, (_, i) => `T-${i}`),
      s,
    ).slice(0, 150);
    const pairs: { inspector: string; target: string }[] = [];
    selected.forEach((t, i) => {
      if (i % 3 === 0) pairs.push({ inspector: `P-${i % 23}`, target: t });
      if (i % 41 === 0) for (const p of inspectors.slice(0, 22)) pairs.push({ inspector: p, target: t });
    });
    const everyTarget = ['P-5', 'P-7', 'NOT-ROSTERED'];
    const list: Exclusion[] = [
      ...selected.flatMap((target) => everyTarget.map((inspector) => ({ inspector, target, reason: 'credential' }))),
      ...pairs.map((p) => ({ ...p, reason: 'recusal' })),
    ];
    return { s, selected, excluded: { everyTarget, pairs }, expected: referenceAssign(selected, inspectors, list, s) };
  };
  /** The assigner fed blocks of `keysOf(targets)` in uneven steps. */
  const assignInBlocks = (
    { s, selected, excluded }: ReturnType<typeof scenario>,
    keysOf: (candidateIds: readonly string[], targets: readonly string[]) => Float64Array,
  ) => {
    const assigner = inspectorAssigner(selected, inspectors, excluded, s);
    const assignments: Assignment[] = [];
    const unstaffed: string[] = [];
    for (let step = 1, first = 0; assigner.remaining > 0; step += 9) {
      const targets = selected.slice(first, first + step);
      first += targets.length;
      const part = assigner.step(step, keysOf(assigner.candidateIds, targets));
      assignments.push(...part.assignments);
      unstaffed.push(...part.unstaffed);
    }
    return { assignments, unstaffed, loadCap: assigner.loadCap };
  };

  it('are the keys of the tickets, row-major, for the candidates the assigner names (the roster minus those excluded everywhere)', () => {
    const { s, selected, excluded } = scenario(0);
    const candidateIds = inspectorAssigner(selected, inspectors, excluded, s).candidateIds;
    expect(candidateIds).toEqual(canonicalIds(inspectors).filter((i) => i !== 'P-5' && i !== 'P-7'));
    const targets = [...selected.slice(0, 20), '旅-1'];
    const block = inspectorTicketKeys(s, targets, candidateIds);
    expect(block.length).toBe(targets.length * candidateIds.length);
    const keys = ticketKeysFor(s);
    targets.forEach((t, row) =>
      candidateIds.forEach((id, c) => expect(block[row * candidateIds.length + c]).toBe(keys.key(inspectorTicketPrefix(t) + id))),
    );
    // The bound form gives the same keys, block after block.
    const keysOf = inspectorTicketKeysFor(s, candidateIds);
    expect(keysOf(targets.slice(5))).toEqual(block.subarray(5 * candidateIds.length));
  });

  it('give the same draw as the assigner computing them, with exclusions, loads reaching the cap and unstaffed targets', () => {
    for (let n = 0; n < 3; n++) {
      const sc = scenario(n);
      expect(sc.expected.unstaffed.length).toBeGreaterThan(0);
      // The cap is reached: some inspector is passed over because of their load.
      const loads = new Map<string, number>();
      for (const a of sc.expected.assignments) for (const i of a.inspectors) loads.set(i, (loads.get(i) ?? 0) + 1);
      expect(Math.max(...loads.values())).toBeGreaterThanOrEqual(sc.expected.loadCap!);
      expect(assignInBlocks(sc, (ids, targets) => inspectorTicketKeys(sc.s, targets, ids))).toEqual(sc.expected);
      expect(assignInspectors(sc.selected, inspectors, sc.excluded, sc.s)).toEqual(sc.expected);
    }
  });

  it('decide ties of equal keys by the full tickets: coarser keys in the same order, or all equal, give the same draw', () => {
    for (let n = 0; n < 2; n++) {
      const sc = scenario(n);
      // Two digits: many equal keys among a target's candidates; then a single key for all.
      const twoDigits = (ids: readonly string[], targets: readonly string[]) =>
        inspectorTicketKeys(sc.s, targets, ids).map((k) => Math.floor(k / 1e13));
      expect(assignInBlocks(sc, twoDigits)).toEqual(sc.expected);
      expect(assignInBlocks(sc, (ids, targets) => new Float64Array(targets.length * ids.length).fill(7))).toEqual(sc.expected);
    }
  });

  it('refuse a block that is not the keys of the targets stepped over', () => {
    const { s, selected, excluded } = scenario(0);
    const assigner = inspectorAssigner(selected, inspectors, excluded, s);
    const width = assigner.candidateIds.length;
    expect(() => assigner.step(3, new Float64Array(2 * width))).toThrow(RangeError);
    expect(assigner.remaining).toBe(selected.length);
    // Past the end: the block covers only the targets left.
    assigner.step(selected.length - 2);
    expect(() => assigner.step(5, new Float64Array(5 * width))).toThrow(RangeError);
    expect(
      assigner.step(5, inspectorTicketKeys(s, selected.slice(-2), assigner.candidateIds)).assignments.length,
    ).toBeLessThanOrEqual(2);
    expect(assigner.remaining).toBe(0);
  });
});

describe('freezing exclusions', () => {
  /** The rule as first written: sort by (target, inspector, reason), keep the first of each pair. */
  const referenceExclusions = (excluded: readonly Exclusion[]): Exclusion[] => {
    const seen = new Set<string>();
    return [...excluded]
      .sort((a, b) => compareUtf8(a.target, b.target) || compareUtf8(a.inspector, b.inspector) || compareUtf8(a.reason, b.reason))
      .filter((e) => !seen.has(`${e.target}\n${e.inspector}`) && seen.add(`${e.target}\n${e.inspector}`))
      .map((e) => ({ inspector: e.inspector, target: e.target, reason: e.reason }));
  };

  it('keeps the first reason of each pair, whether the exclusions come sorted or not, lone surrogates included', () => {
    const targets = ['T-2', 'T-1', '旅-1', '\uD800', '\uDBFF', 'T-10'];
    const inspectors = ['P-1', 'P-2', '\uDC00', '\uDFFF'];
    const reasons = ['leave: during the campaign window', 'credential: expires 2026-12-12', 'recusal: declared 2026-01-01'];
    const excluded: Exclusion[] = [];
    for (let i = 0; i < 200; i++)
      excluded.push({ target: targets[(i * 7) % 6]!, inspector: inspectors[(i * 5) % 4]!, reason: reasons[((i * 3) % 5) % 3]! });
    const expected = referenceExclusions(excluded);
    expect(freezeDraw({ population: targets, inspectors, excluded }).excluded).toEqual(expected);
    expect(freezeDraw({ population: targets, inspectors, excluded: expected }).excluded).toEqual(expected);
    // Sorted with their duplicates (the repository's way), with and without ids that compare equal.
    const order = (a: Exclusion, b: Exclusion) =>
      compareUtf8(a.target, b.target) || compareUtf8(a.inspector, b.inspector) || compareUtf8(a.reason, b.reason);
    const plain = excluded.filter((e) => !/[\uD800-\uDFFF]/.test(e.target + e.inspector));
    for (const list of [plain, excluded])
      expect(freezeDraw({ population: targets, inspectors, excluded: [...list].sort(order) }).excluded).toEqual(
        referenceExclusions(list),
      );
  });
});

describe('compareUtf8', () => {
  it('orders like the UTF-8 bytes, surrogates and lone surrogates included', () => {
    const alphabet = ['a', 'B', '-', '0', '旅', '\uFF21', '\u{1F600}', '\uD83D', '\uDE00', '\uE000', 'é'];
    const strings: string[] = [];
    for (const x of alphabet) for (const y of alphabet) strings.push(x + y, 'k' + x, x);
    for (const a of strings)
      for (const b of strings)
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
  });
});
