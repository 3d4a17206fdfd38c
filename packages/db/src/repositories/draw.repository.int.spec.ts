import { createHash } from 'node:crypto';
import { verifyDrawRecord } from '@supervise/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { redrawApprovedByOfficer } from '../use-cases/draw.use-case.js';
import type { Actor } from '../use-cases/actor.js';
import { unpackExclusions } from './draw-exclusions.js';
import { createDraw, executeFrozenDraw, freezeCreatedDraw, getDrawRecord, listDraws } from './draw.repository.js';

/** Fixed test seeds (the CLI draws real ones from node:crypto). */
const CONSOLE: Actor = { id: null, username: 'cli:test', principal: null, via: 'cli' };
const seedHex = (label: string) => createHash('sha256').update(label).digest('hex');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
});
afterAll(async () => t?.drop());

const window = { windowFrom: '2026-12-01', windowTo: '2026-12-31', drawnOn: '2026-11-27' };

async function zaOfficers() {
  return t.db
    .selectFrom('officer')
    .select(['id', 'code'])
    .where('brigade_id', '=', 'B-ZA')
    .where('credential_expires_on', '>=', '2026-11-27')
    .orderBy('code')
    .execute();
}

describe('draw repository (R09 on the demo data)', () => {
  let drawId: string;

  it('creates, freezes and executes a draw whose export verifies; tasks have two officers, none recused', async () => {
    // Recuse the first valid officer from every R09 entity but two, and put another on leave.
    const [recused, onLeave] = await zaOfficers();
    const r09 = await t.db
      .selectFrom('entity')
      .select(['id', 'code'])
      .where('regime_code', '=', 'R09')
      .where('status', '=', 'active')
      .orderBy('code')
      .execute();
    expect(r09.length).toBeGreaterThan(10);
    await t.db
      .insertInto('officer_recusal')
      .values(
        r09.slice(2).map((e) => ({ officer_id: recused!.id, entity_id: e.id, reason: 'relative', declared_on: '2026-11-01' })),
      )
      .execute();
    await t.db
      .insertInto('officer_leave')
      .values({ officer_id: onLeave!.id, from_on: '2026-12-20', to_on: '2027-01-05', reason: 'annual leave' })
      .execute();

    const created = await createDraw(t.db, {
      regime: 'R09',
      campaign: '2026 special inspection 4 of 4',
      ...window,
      seedHex: seedHex('r09 draw'),
      createdBy: 'test',
    });
    expect(created.id).toMatch(/^DRAW-\d{4}-\d{5}$/);
    expect(created.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    // The seed stays secret until execution.
    expect((await t.db.selectFrom('draw').select('seed').where('id', '=', created.id).executeTakeFirstOrThrow()).seed).toBeNull();

    const frozen = await freezeCreatedDraw(t.db, created.id);
    expect(frozen.population).toEqual(
      r09
        .map((e) => e.code)
        .slice()
        .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
    const excluded = unpackExclusions(frozen.exclusions, frozen.population);
    expect(excluded).toHaveLength(frozen.excludedCount);
    expect(excluded.some((e) => e.inspector === recused!.code && e.reason.startsWith('recusal'))).toBe(true);
    expect(excluded.some((e) => e.inspector === onLeave!.code && e.reason.startsWith('leave'))).toBe(true);

    const executed = await executeFrozenDraw(t.db, created.id, { beacon: '3 1 4 1 5' });
    expect(executed.k).toBe(Math.ceil((r09.length * 30) / 100));
    expect(executed.tasks).toEqual({ created: executed.k, existing: 0, pending: 0 });
    drawId = created.id;

    const record = await getDrawRecord(t.db, drawId);
    expect(record.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(record.beacon).toBe('3 1 4 1 5');
    expect(verifyDrawRecord(record)).toEqual({ ok: true });

    // Tasks: once per selected target, two officers each, never a recused one nor one on leave.
    const tasks = await t.db
      .selectFrom('inspection as i')
      .innerJoin('entity as e', 'e.id', 'i.entity_id')
      .leftJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
      .leftJoin('officer as o', 'o.id', 'io.officer_id')
      .select([
        'i.id',
        'e.id as entity_id',
        'e.code',
        'i.trigger',
        'i.status',
        'i.planned_on',
        'o.id as officer_id',
        'o.code as officer',
        'io.assigned_by',
      ])
      .where('i.draw_id', '=', drawId)
      .execute();
    const byTask = new Map<number, typeof tasks>();
    for (const row of tasks) byTask.set(row.id, [...(byTask.get(row.id) ?? []), row]);
    expect(byTask.size).toBe(executed.k);
    for (const rows of byTask.values()) {
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ trigger: 'campaign', status: 'planned', planned_on: '2026-12-01', assigned_by: 'draw' });
      expect(rows.map((r) => r.officer)).not.toContain(onLeave!.code);
    }
    const recusedPairs = await t.db
      .selectFrom('officer_recusal')
      .select(['officer_id', 'entity_id'])
      .where('withdrawn_on', 'is', null)
      .execute();
    for (const p of recusedPairs)
      expect(tasks.some((x) => x.officer_id === p.officer_id && x.entity_id === p.entity_id)).toBe(false);
  });

  it('executing twice creates nothing twice', async () => {
    const again = await executeFrozenDraw(t.db, drawId, { beacon: 'ignored' });
    expect(again.tasks.created).toBe(0);
    expect(again.beacon).toBe('3 1 4 1 5');
    const n = await t.db
      .selectFrom('inspection')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('draw_id', '=', drawId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(again.k);
  });

  it('verify fails on a changed selected id (naming it) and on a changed seed (the commitment)', async () => {
    const record = await getDrawRecord(t.db, drawId);
    const other = record.population.find((x) => !record.selected.includes(x))!;
    const tampered = { ...record, selected: [other, ...record.selected.slice(1)] };
    const r = verifyDrawRecord(tampered);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.difference).toContain(other);
    const r2 = verifyDrawRecord({ ...record, seed: seedHex('another seed') });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.difference).toContain('seed_commitment');
  });

  it('a redraw keeps the old draw, with reason and approver; old planned tasks are cancelled, not deleted', async () => {
    const [approver] = await zaOfficers();
    // Through the one redraw use-case (the CLI's: an officer approves), created and frozen at once.
    const next = await redrawApprovedByOfficer(t.db, CONSOLE, {
      replaces: drawId,
      reason: 'population list was out of date',
      approvedByOfficerCode: approver!.code,
      seedHex: seedHex('redraw'),
      today: '2026-11-28',
    });
    const executed = await executeFrozenDraw(t.db, next.id);
    expect(verifyDrawRecord(await getDrawRecord(t.db, next.id))).toEqual({ ok: true });
    expect((await getDrawRecord(t.db, next.id)).replaces).toBe(drawId);
    expect(verifyDrawRecord(await getDrawRecord(t.db, drawId))).toEqual({ ok: true });

    const draws = await listDraws(t.db, { regime: 'R09' });
    expect(draws.map((d) => d.id)).toEqual([next.id, drawId]);
    expect(draws[0]).toMatchObject({
      replaces: drawId,
      replace_reason: 'population list was out of date',
      approved_by: approver!.id,
    });

    const old = await t.db.selectFrom('inspection').select('status').where('draw_id', '=', drawId).execute();
    expect(old.length).toBeGreaterThan(0);
    expect(new Set(old.map((x) => x.status))).toEqual(new Set(['cancelled']));
    expect(executed.tasks.created).toBe(executed.k);

    await expect(
      redrawApprovedByOfficer(t.db, CONSOLE, {
        replaces: drawId,
        reason: 'again',
        approvedByOfficerCode: approver!.code,
        seedHex: seedHex('x'),
        today: '2026-11-28',
      }),
    ).rejects.toThrow(/already replaced/);
  });

  it('the database refuses to delete a draw or change a frozen field', async () => {
    await expect(t.db.deleteFrom('draw').where('id', '=', drawId).execute()).rejects.toThrow(/never deleted/);
    await expect(
      t.db
        .updateTable('draw')
        .set({ selected: ['X'] })
        .where('id', '=', drawId)
        .execute(),
    ).rejects.toThrow(/never changes/);
    await expect(
      t.db
        .updateTable('draw')
        .set({ population: ['X'] })
        .where('id', '=', drawId)
        .execute(),
    ).rejects.toThrow(/never change/);
    await expect(sql`truncate draw cascade`.execute(t.db)).rejects.toThrow(/never deleted/);
  });

  it('R14 needs a requested number and caps it at 5%', async () => {
    await expect(
      createDraw(t.db, { regime: 'R14', campaign: '2026 spot checks', ...window, seedHex: seedHex('r14'), createdBy: 'test' }),
    ).rejects.toThrow(/requested/);
    const c = await createDraw(t.db, {
      regime: 'R14',
      campaign: '2026 spot checks',
      requested: 100,
      ...window,
      seedHex: seedHex('r14'),
      createdBy: 'test',
    });
    const frozen = await freezeCreatedDraw(t.db, c.id);
    const e = await executeFrozenDraw(t.db, c.id);
    expect(e.k).toBe(Math.floor((frozen.population.length * 5) / 100));
    const tasks = await t.db.selectFrom('inspection').select('trigger').where('draw_id', '=', c.id).execute();
    expect(tasks.every((x) => x.trigger === 'spot_check')).toBe(true);
  });
});
