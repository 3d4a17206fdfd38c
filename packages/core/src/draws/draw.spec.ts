import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalIds, compareUtf8, populationSha256, sampleOrder, samplerSeedString, ticket } from './consistent-sampler.js';
import {
  assignInspectors,
  drawCount,
  executeDraw,
  freezeDraw,
  seedCommitment,
  seedHexOf,
  type DrawRecord,
  type Exclusion,
} from './draw.js';
import { drawRuleOf } from './draw-rules.js';
import { DrawRecordFormatError, parseDrawRecord, verifyDrawRecord } from './verify-draw.js';

/** Deterministic test data: hex bytes from a label, never Math.random. */
const hexOf = (label: string): string => createHash('sha256').update(label).digest('hex');
const seed = (n: number | string): string => hexOf(`seed ${n}`);
const ids = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);

describe('tickets (consistent_sampler)', () => {
  it("matches the package's published example", () => {
    expect(ticket('AB-130', '01382438112797316654')).toBe(
      '0.26299714122838008416507544297546663599715395525154425586041245287750224561854',
    );
  });

  it('pads the decimal to at least 64 digits before reversing', () => {
    for (let i = 0; i < 200; i++) {
      const t = ticket(`x${i}`, 's');
      expect(t).toMatch(/^0\.\d{64,78}$/);
    }
  });

  it('the seed string is hex(seed) + ":" + beacon', () => {
    expect(samplerSeedString('ab'.repeat(32), '')).toBe('ab'.repeat(32) + ':');
    expect(samplerSeedString('ab'.repeat(32), '7 3 1')).toBe('ab'.repeat(32) + ':7 3 1');
  });
});

describe('commitment and population', () => {
  it('commits to the seed bytes, not to their hex text', () => {
    const s = seed(1);
    expect(seedCommitment(s)).toBe(createHash('sha256').update(Buffer.from(s, 'hex')).digest('hex'));
    expect(seedCommitment(s)).not.toBe(hexOf(s));
    expect(seedHexOf(Buffer.from(s, 'hex'))).toBe(s);
    expect(() => seedCommitment('ABC')).toThrow(/32/);
  });

  it('deduplicates and sorts ids by UTF-8 bytes, hashes them joined by \\n', () => {
    expect(canonicalIds(['b', 'a', 'B', 'a', '旅-1', 'z'])).toEqual(['B', 'a', 'b', 'z', '旅-1']);
    expect(populationSha256(['a', 'b'])).toBe(hexOf('a\nb'));
    expect(populationSha256([])).toBe(hexOf(''));
    // Surrogate pairs sort by their UTF-8 bytes (above U+FFFF), not by UTF-16 code units.
    expect(['\u{1F600}', '\uFF21'].sort(compareUtf8)).toEqual(['\uFF21', '\u{1F600}']);
  });

  it('takes ids already in byte order as they are (a copy), and sorts any other list (issue 14)', () => {
    const ordered = ['B', 'a', 'b', 'z', '\uFF21', '\u{1F600}', '旅-1'].sort(compareUtf8);
    const canonical = canonicalIds(ordered);
    expect(canonical).toEqual(ordered);
    expect(canonical).not.toBe(ordered);
    // Almost in order: a duplicate, a pair out of order (UTF-16 order, not bytes), one id moved last.
    expect(canonicalIds(['a', 'b', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(canonicalIds(['a', '\u{1F600}', '\uFF21'])).toEqual(['a', '\uFF21', '\u{1F600}']);
    expect(canonicalIds(['b', 'c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(canonicalIds(new Set(['b', 'a']))).toEqual(['a', 'b']);
    expect(canonicalIds([])).toEqual([]);
  });
});

describe('drawCount', () => {
  it('rounds a minimum share up, exactly', () => {
    expect(drawCount({ kind: 'min', value: '0.30' }, null, 10)).toBe(3);
    expect(drawCount({ kind: 'min', value: '0.30' }, null, 11)).toBe(4);
    expect(drawCount({ kind: 'min', value: '0.20' }, null, 7)).toBe(2);
  });
  it('caps a maximum share at floor(r × N) and at the requested number', () => {
    expect(drawCount({ kind: 'max', value: '0.05' }, 5, 39)).toBe(1);
    expect(drawCount({ kind: 'max', value: '0.05' }, 1, 200)).toBe(1);
    expect(drawCount({ kind: 'max', value: '0.05' }, 50, 200)).toBe(10);
    expect(() => drawCount({ kind: 'max', value: '0.05' }, null, 200)).toThrow();
  });
  it('draws nothing from nothing', () => {
    expect(drawCount({ kind: 'min', value: '0.30' }, null, 0)).toBe(0);
    expect(drawCount({ kind: 'max', value: '0.05' }, 3, 0)).toBe(0);
  });
});

describe('selection', () => {
  it('is deterministic: same inputs, same result', () => {
    const pop = ids('H', 50);
    const a = executeDraw(
      { population: pop, inspectors: ids('P', 6), excluded: [] },
      { kind: 'min', value: '0.30' },
      null,
      seed(2),
      '',
    );
    const b = executeDraw(
      { population: pop, inspectors: ids('P', 6), excluded: [] },
      { kind: 'min', value: '0.30' },
      null,
      seed(2),
      '',
    );
    expect(a).toEqual(b);
    expect(a.k).toBe(15);
    expect(new Set(a.selected).size).toBe(15);
  });

  it('the beacon changes the draw', () => {
    const pop = ids('H', 50);
    expect(sampleOrder(pop, samplerSeedString(seed(3), ''))).not.toEqual(sampleOrder(pop, samplerSeedString(seed(3), '42')));
  });

  it('property: adding or removing an entity never reorders the others', () => {
    for (let trial = 0; trial < 40; trial++) {
      const s = samplerSeedString(seed(`order ${trial}`), trial % 2 ? '' : `beacon ${trial}`);
      const pop = ids(`E${trial}`, 30 + trial);
      const order = sampleOrder(pop, s);
      const extra = `NEW-${trial}`;
      const withExtra = sampleOrder([...pop, extra], s);
      expect(withExtra.filter((x) => x !== extra)).toEqual(order);
      const removed = pop[(trial * 7) % pop.length]!;
      const without = sampleOrder(
        pop.filter((x) => x !== removed),
        s,
      );
      expect(without).toEqual(order.filter((x) => x !== removed));
    }
  });
});

describe('inspector assignment', () => {
  it('property: two distinct inspectors each, load cap respected, exclusions respected', () => {
    for (let trial = 0; trial < 40; trial++) {
      const s = samplerSeedString(seed(`assign ${trial}`), '');
      const inspectors = ids('P', 3 + (trial % 8));
      const selected = ids('T', 5 + ((trial * 3) % 20));
      const excluded: Exclusion[] = [];
      selected.forEach((t, i) => {
        if ((i + trial) % 3 === 0)
          excluded.push({ inspector: inspectors[(i + trial) % inspectors.length]!, target: t, reason: 'recusal: test' });
      });
      const { assignments, unstaffed, loadCap } = assignInspectors(selected, inspectors, excluded, s);
      expect(unstaffed).toEqual([]);
      expect(assignments.map((a) => a.target)).toEqual(selected);
      expect(loadCap).toBe(Math.ceil((2 * selected.length) / inspectors.length));
      // The cap as specified: an inspector already at L is taken only when fewer than two
      // candidates of the target are still under L.
      const load = new Map<string, number>();
      for (const a of assignments) {
        expect(a.inspectors).toHaveLength(2);
        expect(new Set(a.inspectors).size).toBe(2);
        const candidates = inspectors.filter((i) => !excluded.some((e) => e.target === a.target && e.inspector === i));
        const under = candidates.filter((i) => (load.get(i) ?? 0) < loadCap!);
        for (const i of a.inspectors) {
          expect(candidates).toContain(i);
          if ((load.get(i) ?? 0) >= loadCap!) expect(under.length).toBeLessThan(2);
        }
        if (under.length >= 2) for (const i of a.inspectors) expect(under).toContain(i);
        for (const i of a.inspectors) load.set(i, (load.get(i) ?? 0) + 1);
      }
    }
  });

  it('lists a target with fewer than two candidates as unstaffed and gives it none', () => {
    const excluded: Exclusion[] = [
      { inspector: 'P-1', target: 'T-2', reason: 'recusal: relative' },
      { inspector: 'P-2', target: 'T-2', reason: "another station's area" },
    ];
    const r = assignInspectors(['T-1', 'T-2', 'T-3'], ['P-1', 'P-2', 'P-3'], excluded, samplerSeedString(seed(9), ''));
    expect(r.unstaffed).toEqual(['T-2']);
    expect(r.assignments.map((a) => a.target)).toEqual(['T-1', 'T-3']);
    expect(assignInspectors(['T-1'], [], [], 's:')).toEqual({ assignments: [], unstaffed: ['T-1'], loadCap: null });
  });

  it('sorts candidates by (load ≥ L, inspector ticket, id)', () => {
    const s = samplerSeedString(seed(10), '');
    const roster = ['P-1', 'P-2', 'P-3', 'P-4'];
    const r = assignInspectors(['T-1', 'T-2'], roster, [], s);
    // L = ceil(4 / 4) = 1: the second target cannot reuse the first target's pair.
    const first = [...roster]
      .sort((a, b) => (ticket(`inspector:T-1:${a}`, s) < ticket(`inspector:T-1:${b}`, s) ? -1 : 1))
      .slice(0, 2);
    expect(r.assignments[0]!.inspectors).toEqual(first);
    expect(r.assignments[1]!.inspectors.some((i) => first.includes(i))).toBe(false);
  });
});

describe('verifyDrawRecord', () => {
  const seedHex = seed('record');
  const frozen = freezeDraw({
    population: ids('HOTEL', 20).reverse().concat(['HOTEL-001']),
    inspectors: ['P-3', 'P-1', 'P-2', 'P-4', 'P-5'],
    excluded: [{ inspector: 'P-1', target: 'HOTEL-004', reason: 'recusal: relative' }],
  });
  const outcome = executeDraw(frozen, { kind: 'min', value: '0.30' }, null, seedHex, 'witness roll 3 5 1');
  const record: DrawRecord = {
    algorithm: 'consistent-sampler/v1',
    draw_id: 'DRAW-2026-00001',
    regime: 'R09',
    campaign: '2026 special inspection 1 of 4',
    created_at: '2026-03-02T09:00:00+08:00',
    ...frozen,
    share: { kind: 'min', value: '0.30' },
    requested: null,
    seed_commitment: seedCommitment(seedHex),
    seed: seedHex,
    beacon: 'witness roll 3 5 1',
    ...outcome,
    replaces: null,
  };

  it('accepts the record it was made from', () => {
    expect(record.population).toHaveLength(20);
    expect(record.k).toBe(6);
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
    expect(verifyDrawRecord(parseDrawRecord(JSON.parse(JSON.stringify(record))))).toEqual({ ok: true });
  });

  it('names a changed selected id', () => {
    const other = record.population.find((x) => !record.selected.includes(x))!;
    const r = verifyDrawRecord({ ...record, selected: record.selected.map((x, i) => (i === 2 ? other : x)) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.difference).toContain('selected[2]');
      expect(r.difference).toContain(other);
    }
  });

  it('fails on the commitment when the seed is changed', () => {
    const r = verifyDrawRecord({ ...record, seed: seed('other') });
    expect(r).toMatchObject({ ok: false, difference: expect.stringContaining('seed_commitment') as unknown });
  });

  it('fails on the population hash, k, assignments and unstaffed', () => {
    expect(verifyDrawRecord({ ...record, population: record.population.slice(1) })).toMatchObject({
      ok: false,
      difference: expect.stringContaining('population_sha256') as unknown,
    });
    expect(verifyDrawRecord({ ...record, k: 5 })).toMatchObject({
      ok: false,
      difference: expect.stringContaining('k:') as unknown,
    });
    const swapped = record.assignments.map((a, i) => (i === 0 ? { ...a, inspectors: [...a.inspectors].reverse() } : a));
    expect(verifyDrawRecord({ ...record, assignments: swapped })).toMatchObject({
      ok: false,
      difference: expect.stringContaining('assignments[0]') as unknown,
    });
    expect(verifyDrawRecord({ ...record, unstaffed: ['HOTEL-001'] })).toMatchObject({ ok: false });
    expect(verifyDrawRecord({ ...record, beacon: '' })).toMatchObject({ ok: false });
  });

  it('refuses a malformed record, naming the field', () => {
    expect(() => parseDrawRecord({ ...record, selected: 'x' })).toThrow(DrawRecordFormatError);
    expect(() => parseDrawRecord({ ...record, selected: 'x' })).toThrow(/selected/);
  });
});

describe('drawRuleOf', () => {
  it('R09 ≥ 30%, R10 ≥ 20% campaigns; R14 ≤ 5% spot checks; R01 none', () => {
    expect(drawRuleOf('R09', '2026-11-27')).toMatchObject({
      ruleId: 'R09-SPECIAL',
      share: { kind: 'min', value: '0.30' },
      trigger: 'campaign',
      kinds: ['hotel', 'seal_engraver', 'pawnshop'],
    });
    expect(drawRuleOf('R10', '2026-11-27')).toMatchObject({ share: { kind: 'min', value: '0.20' }, trigger: 'campaign' });
    expect(drawRuleOf('R14', '2026-11-27')).toMatchObject({ share: { kind: 'max', value: '0.05' }, trigger: 'spot_check' });
    expect(drawRuleOf('R01', '2026-11-27')).toBeUndefined();
    expect(drawRuleOf('R09', '2025-06-01')).toBeUndefined();
  });
});
