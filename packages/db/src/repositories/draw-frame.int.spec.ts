/**
 * Issue 14: a draw's frozen population, roster and exclusions, built in grouped form, are exactly the
 * record's lists: every kind of exclusion (a credential expiring in the window, leave, recusals in force
 * or withdrawn, two reasons for a pair), the population in UTF-8 byte order. Checked against lists
 * written out by hand, not against the code under test.
 */
import { createHash } from 'node:crypto';
import { verifyDrawRecord } from '@supervise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { packExclusions, unpackExclusions } from './draw-exclusions.js';
import { createDraw, executeFrozenDraw, freezeCreatedDraw, getDrawRecord } from './draw.repository.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const DRAWN_ON = '2026-11-27';
const WINDOW = { windowFrom: '2026-12-01', windowTo: '2026-12-31' };

async function entity(code: string, more: { regime?: string; status?: string; registeredOn?: string } = {}): Promise<number> {
  const row = await t.db
    .insertInto('entity')
    .values({
      code,
      name: `测试 ${code}`,
      address: '测试路 1 号',
      kind: 'hotel',
      regime_code: more.regime ?? 'R09',
      brigade_id: 'B-ZA',
      status: more.status ?? 'active',
      registered_on: more.registeredOn ?? '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function officer(code: string, more: { brigade?: string; expires?: string; active?: boolean } = {}): Promise<number> {
  const row = await t.db
    .insertInto('officer')
    .values({
      code,
      name: `民警 ${code}`,
      brigade_id: more.brigade ?? 'B-ZA',
      credential_no: `CRED-${code}`,
      credential_expires_on: more.expires ?? '2029-12-31',
      active: more.active ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function recusal(officerId: number, entityId: number, declaredOn: string, withdrawnOn: string | null = null) {
  await t.db
    .insertInto('officer_recusal')
    .values({
      officer_id: officerId,
      entity_id: entityId,
      reason: 'relative',
      declared_on: declaredOn,
      withdrawn_on: withdrawnOn,
    })
    .execute();
}

async function leave(officerId: number, from: string, to: string) {
  await t.db
    .insertInto('officer_leave')
    .values({ officer_id: officerId, from_on: from, to_on: to, reason: 'annual leave' })
    .execute();
}

describe('freezing a draw with every kind of exclusion', () => {
  it('stores the population, roster and exclusions the record lists, grouped', async () => {
    await t.db
      .insertInto('brigade')
      .values([
        { id: 'B-ZA', name_zh: '治安管理大队', name_en: 'Public Order Administration Brigade' },
        { id: 'B-XX', name_zh: '其他大队', name_en: 'Another brigade' },
      ])
      .execute();
    // Codes whose byte order is not their insertion order ('h' after 'H', '1' < '10' < '2', CJK last).
    const e = {
      h2: await entity('R09-H-2'),
      cjk: await entity('旅-1'),
      h10: await entity('R09-H-10'),
      lower: await entity('R09-h-1'),
      h1: await entity('R09-H-1'),
      closed: await entity('R09-H-3', { status: 'closed' }),
      later: await entity('R09-H-4', { registeredOn: '2026-11-28' }),
      r10: await entity('R10-H-1', { regime: 'R10' }),
    };
    const o = {
      clean: await officer('P-01'),
      expiring: await officer('P-02', { expires: '2026-12-15' }),
      onLeave: await officer('P-03'),
      recused: await officer('P-04'),
      expiringRecused: await officer('P-05', { expires: '2026-12-20' }),
      withdrawn: await officer('P-06'),
      expired: await officer('P-07', { expires: '2026-11-26' }),
      inactive: await officer('P-08', { active: false }),
      elsewhere: await officer('P-09', { brigade: 'B-XX', expires: '2026-12-15' }),
      leaveAndExpiring: await officer('P-10', { expires: '2026-12-25' }),
      leaveOutside: await officer('P-11'),
    };
    await leave(o.onLeave, '2026-12-20', '2027-01-05');
    await leave(o.leaveAndExpiring, '2026-12-02', '2026-12-03');
    await leave(o.leaveOutside, '2026-11-01', '2026-11-30');
    await recusal(o.recused, e.h2, '2026-11-01');
    await recusal(o.recused, e.cjk, '2026-10-01', '2026-12-10'); // withdrawn inside the window: in force
    await recusal(o.recused, e.closed, '2026-10-01'); // not in the population
    await recusal(o.expiringRecused, e.h1, '2026-09-09'); // the credential's reason comes first
    await recusal(o.withdrawn, e.h10, '2026-01-01', '2026-11-20'); // withdrawn before the window
    await recusal(o.withdrawn, e.later, '2026-01-01');
    await recusal(o.elsewhere, e.h1, '2026-01-01');
    await recusal(o.inactive, e.h2, '2026-01-01');
    await recusal(o.expired, e.lower, '2026-01-01');
    await recusal(o.clean, e.r10, '2026-01-01');

    const created = await createDraw(t.db, {
      regime: 'R09',
      campaign: 'every exclusion',
      ...WINDOW,
      drawnOn: DRAWN_ON,
      seedHex: createHash('sha256').update('frame').digest('hex'),
      createdBy: 'test',
    });
    const frozen = await freezeCreatedDraw(t.db, created.id);

    const population = ['R09-H-1', 'R09-H-10', 'R09-H-2', 'R09-h-1', '旅-1'];
    const inspectors = ['P-01', 'P-02', 'P-03', 'P-04', 'P-05', 'P-06', 'P-10', 'P-11'];
    const credential = (on: string) => `credential: expires ${on}`;
    const leaveReason = 'leave: during the campaign window';
    // Each target: the officers excluded from every target, and P-04's recusal where it has one.
    const forTarget = (target: string, recusedOn?: string) =>
      [
        ['P-02', credential('2026-12-15')],
        ['P-03', leaveReason],
        ...(recusedOn ? [['P-04', `recusal: declared ${recusedOn}`]] : []),
        ['P-05', credential('2026-12-20')],
        ['P-10', credential('2026-12-25')],
      ].map(([inspector, reason]) => ({ inspector: inspector!, target, reason: reason! }));
    const expected = [
      ...forTarget('R09-H-1'),
      ...forTarget('R09-H-10'),
      ...forTarget('R09-H-2', '2026-11-01'),
      ...forTarget('R09-h-1'),
      ...forTarget('旅-1', '2026-10-01'),
    ];

    const row = await t.db
      .selectFrom('draw')
      .select(['status', 'population', 'population_sha256', 'inspectors', 'excluded'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('frozen');
    expect(row.population).toEqual(population);
    expect(row.population_sha256).toBe(createHash('sha256').update(population.join('\n'), 'utf8').digest('hex'));
    expect(row.inspectors).toEqual(inspectors);
    expect(unpackExclusions(row.excluded, row.population!)).toEqual(expected);
    // Stored as the list was grouped before (the same JSON), the reasons for every target written once.
    expect(row.excluded).toEqual(packExclusions(expected, population));
    expect(row.excluded).toEqual({
      format: 'grouped/v1',
      groups: [
        { inspector: 'P-02', reason: credential('2026-12-15'), targets: 'population' },
        { inspector: 'P-03', reason: leaveReason, targets: 'population' },
        { inspector: 'P-05', reason: credential('2026-12-20'), targets: 'population' },
        { inspector: 'P-10', reason: credential('2026-12-25'), targets: 'population' },
        { inspector: 'P-04', reason: 'recusal: declared 2026-11-01', targets: ['R09-H-2'] },
        { inspector: 'P-04', reason: 'recusal: declared 2026-10-01', targets: ['旅-1'] },
      ],
    });
    expect(frozen).toMatchObject({ population, population_sha256: row.population_sha256, inspectors });
    expect(frozen.excludedCount).toBe(expected.length);
  });

  it('stores codes holding a line break, and a population of one (empty code included), as they are, and draws from them', async () => {
    const freeze = async (label: string) => {
      const created = await createDraw(t.db, {
        regime: 'R09',
        campaign: label,
        ...WINDOW,
        drawnOn: DRAWN_ON,
        seedHex: createHash('sha256').update(label).digest('hex'),
        createdBy: 'test',
      });
      const frozen = await freezeCreatedDraw(t.db, created.id);
      const row = await t.db
        .selectFrom('draw')
        .select(['population', 'population_sha256'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ population: frozen.population, population_sha256: frozen.population_sha256 });
      // The execution reads the population back (joined by line breaks unless a code holds one): the
      // published record draws from exactly these codes, and verifies.
      await executeFrozenDraw(t.db, created.id);
      expect(verifyDrawRecord(await getDrawRecord(t.db, created.id))).toEqual({ ok: true });
      return row;
    };
    await entity('R09-\nH');
    expect((await freeze('line break')).population).toEqual(['R09-\nH', 'R09-H-1', 'R09-H-10', 'R09-H-2', 'R09-h-1', '旅-1']);
    await t.db.updateTable('entity').set({ status: 'closed' }).where('regime_code', '=', 'R09').execute();
    await entity('');
    const one = await freeze('one');
    expect(one.population).toEqual(['']);
    expect(one.population_sha256).toBe(createHash('sha256').update('').digest('hex'));
  });
});
