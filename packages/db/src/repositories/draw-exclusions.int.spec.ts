import { assignInspectors, freezeDraw, samplerSeedString, sampleOrder, type Exclusion } from '@supervise/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { excludedPairsOf, packExclusions, storedExclusionCount, unpackExclusions } from './draw-exclusions.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

/** What a jsonb column gives back for `value` (the way `draw.excluded` was always read). */
async function throughJsonb(value: unknown): Promise<unknown> {
  const r = await sql<{ j: unknown }>`select ${JSON.stringify(value)}::jsonb as j`.execute(t.db);
  return r.rows[0]!.j;
}

describe('packed exclusions', () => {
  it('read back as the very list the record had before, byte for byte, and counted without listing them', async () => {
    const population = ['R09-B', 'R09-A', '旅-1', 'R09-C', 'R09-D'];
    const excluded: Exclusion[] = [];
    // Officers excluded from every target (credential, leave), one of them twice over.
    for (const target of population) {
      excluded.push({ inspector: 'P-9', target, reason: 'credential: expires 2026-12-12' });
      excluded.push({ inspector: 'P-1', target, reason: 'leave: during the campaign window' });
      excluded.push({ inspector: 'P-1', target, reason: 'credential: expires 2026-12-02' });
    }
    // Recusals for some targets, a second reason for a pair, and a target outside the population.
    excluded.push({ inspector: 'P-5', target: 'R09-C', reason: 'recusal: declared 2026-03-01' });
    excluded.push({ inspector: 'P-5', target: '旅-1', reason: 'recusal: declared 2026-03-02' });
    excluded.push({ inspector: 'P-9', target: 'R09-C', reason: 'recusal: declared 2026-01-01' });
    excluded.push({ inspector: 'P-3', target: 'R09-A', reason: 'leave: during the campaign window' });
    excluded.push({ inspector: 'P-3', target: 'GONE-1', reason: 'recusal: declared 2025-01-01' });
    const frozen = freezeDraw({ population, inspectors: ['P-1', 'P-3', 'P-5', 'P-9'], excluded });

    const before = await throughJsonb(frozen.excluded);
    const packed = await throughJsonb(packExclusions(frozen.excluded, frozen.population));
    const after = unpackExclusions(packed, frozen.population);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(storedExclusionCount(packed, frozen.population.length)).toBe(frozen.excluded.length);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(before).length);

    // A draw stored before packing (a plain list) reads as it is.
    expect(unpackExclusions(before, frozen.population)).toEqual(before);
    expect(storedExclusionCount(before, frozen.population.length)).toBe(frozen.excluded.length);
    expect(unpackExclusions(null, frozen.population)).toEqual([]);

    // The pairs a draw's execution reads (issue 14) draw exactly as the record's list does.
    const s = samplerSeedString('ab'.repeat(32), 'beacon');
    const selected = sampleOrder(frozen.population, s).slice(0, 4);
    const roster = ['P-1', 'P-3', 'P-5', 'P-9', 'P-11', 'P-12'];
    for (const stored of [packed, before])
      expect(assignInspectors(selected, roster, excludedPairsOf(stored, frozen.population), s)).toEqual(
        assignInspectors(selected, roster, after, s),
      );
    expect(excludedPairsOf(packed, frozen.population).everyTarget).toEqual(['P-1', 'P-9']);
    expect(excludedPairsOf(null, frozen.population)).toEqual({ everyTarget: [], pairs: [] });
  });
});
