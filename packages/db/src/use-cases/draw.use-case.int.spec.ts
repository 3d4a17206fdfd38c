/**
 * The draw use-cases on the demo district: within the rules or refused with the rule named, scoped to
 * the scheduler's brigade, redraw approved by a leader, and every step (refusals included) in the
 * audit log, from whichever door (web, api, cli).
 */
import { createHash } from 'node:crypto';
import { floorShareOf, verifyDrawRecord } from '@supervise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByUsername } from '../repositories/account.repository.js';
import { DrawError, getDrawRecord, listRedrawRequests } from '../repositories/draw.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { createCampaignDraw, decideRedraw, executeDraw, redrawApprovedByOfficer, requestRedraw } from './draw.use-case.js';

const seedHex = (label: string) => createHash('sha256').update(label).digest('hex');
const TODAY = '2026-11-27';

let t: TestDatabase;
let scheduler: Actor;
let leader: Actor;
const system: Actor = { id: null, username: 'cli:test', principal: null, via: 'cli' };

async function actorOf(username: string, via: Actor['via']): Promise<Actor> {
  const a = (await findAccountByUsername(t.db, username))!;
  return { id: a.id, username: a.username, principal: { roles: a.roles }, via, ip: '10.0.0.7', userAgent: 'test-browser' };
}

async function auditRows(action: string) {
  return t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

async function refusal(p: Promise<unknown>): Promise<DrawError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DrawError) return e;
    throw e;
  }
  throw new Error('not refused');
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: TODAY });
  scheduler = await actorOf('scheduler', 'web');
  leader = await actorOf('leader', 'web');
});
afterAll(async () => t?.drop());

describe('draw use-cases', () => {
  let drawId: string;

  it('a scheduler creates an R09 campaign: commitment and population hash at once, audited', async () => {
    const created = await createCampaignDraw(t.db, scheduler, {
      regime: 'R09',
      campaign: '2026 专项督察 4/4',
      today: TODAY,
      seedHex: seedHex('uc-1'),
    });
    drawId = created.id;
    expect(created.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(created.populationSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created.population).toBeGreaterThan(10);
    const row = await t.db.selectFrom('draw').selectAll().where('id', '=', drawId).executeTakeFirstOrThrow();
    expect([row.status, row.window_from, row.window_to, row.share_value, row.created_by]).toEqual([
      'frozen',
      TODAY,
      '2026-12-31',
      '0.30',
      'scheduler',
    ]);
    const [audit] = await auditRows('draw.create');
    expect(audit).toMatchObject({
      outcome: 'success',
      actor_id: scheduler.id,
      actor_username: 'scheduler',
      ip: '10.0.0.7',
      entity_type: 'draw',
      entity_id: drawId,
    });
    expect(audit!.after).toMatchObject({ seed_commitment: created.seedCommitment, population_sha256: created.populationSha256 });
  });

  it('refuses outside the rules, naming the rule, stores nothing and audits the failure', async () => {
    const before = await t.db
      .selectFrom('draw')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const low = await refusal(
      createCampaignDraw(t.db, scheduler, { regime: 'R09', campaign: 'x', share: '0.25', today: TODAY, seedHex: seedHex('x') }),
    );
    expect([low.code, low.field, low.rule]).toEqual(['DRAW-RULE', 'share', 'R09-SPECIAL（R09 监督检查方式 2）']);
    const across = await refusal(
      createCampaignDraw(t.db, scheduler, {
        regime: 'R10',
        campaign: 'x',
        windowFrom: '2026-12-01',
        windowTo: '2027-01-31',
        today: TODAY,
        seedHex: seedHex('y'),
      }),
    );
    expect(across.rule).toContain('R10-SPECIAL');
    const noRule = await refusal(
      createCampaignDraw(t.db, scheduler, { regime: 'R05', campaign: 'x', today: TODAY, seedHex: seedHex('z') }),
    );
    expect([noRule.code, noRule.field]).toEqual(['DRAW-RULE', 'regime']);
    const after = await t.db
      .selectFrom('draw')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const failures = (await auditRows('draw.create')).filter((a) => a.outcome === 'failure');
    expect(failures.map((a) => a.reason)).toEqual(['DRAW-RULE', 'DRAW-RULE', 'DRAW-RULE']);
    expect((failures[0]!.details as { rule: string }).rule).toContain('R09-SPECIAL');
  });

  it("a scheduler may not draw outside their brigade's regimes (R14 is B-WA's): denied and audited", async () => {
    const e = await refusal(
      createCampaignDraw(t.db, scheduler, { regime: 'R14', campaign: 'x', requested: 1, today: TODAY, seedHex: seedHex('w') }),
    );
    expect(e.code).toBe('DRAW-DENIED');
    const denied = (await auditRows('draw.create')).filter((a) => a.outcome === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]!.actor_username).toBe('scheduler');
  });

  it('R14: the year’s spot checks together stay within 5% of the outlets', async () => {
    const n = Number(
      (
        await t.db
          .selectFrom('entity')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .where('regime_code', '=', 'R14')
          .where('kind', '=', 'bank_outlet')
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const cap = floorShareOf('0.05', n);
    expect(cap).toBeGreaterThan(0);
    await createCampaignDraw(t.db, system, {
      regime: 'R14',
      campaign: '2026 抽查 1',
      requested: cap,
      today: TODAY,
      seedHex: seedHex('r14-1'),
    });
    const over = await refusal(
      createCampaignDraw(t.db, system, {
        regime: 'R14',
        campaign: '2026 抽查 2',
        requested: 1,
        today: TODAY,
        seedHex: seedHex('r14-2'),
      }),
    );
    expect(over.rule).toContain('R14-SPOT');
    expect(over.en).toContain(`= ${cap} a year`);
    // The CLI door: the system actor's audit row says so.
    const cli = (await auditRows('draw.create')).filter((a) => a.actor_username === 'cli:test');
    expect(cli.map((a) => [a.outcome, a.user_agent])).toEqual([
      ['success', 'supervise-cli'],
      ['failure', 'supervise-cli'],
    ]);
  });

  it('executes with a beacon once; the record verifies; executing again is refused and audited', async () => {
    const executed = await executeDraw(t.db, scheduler, drawId, { beacon: '3 1 4 1 5' });
    expect(executed.k).toBeGreaterThan(0);
    const record = await getDrawRecord(t.db, drawId);
    expect(record.beacon).toBe('3 1 4 1 5');
    expect(verifyDrawRecord(record)).toEqual({ ok: true });
    expect(Object.keys(record.names!.entities)).toEqual(record.population);
    expect(Object.keys(record.names!.officers).sort()).toEqual([...record.inspectors].sort());
    const again = await refusal(executeDraw(t.db, scheduler, drawId, { beacon: 'other' }));
    expect(again.code).toBe('DRAW-WRONG-STATUS');
    expect((await auditRows('draw.execute')).map((a) => a.outcome)).toEqual(['success', 'failure']);
  });

  it('a redraw: the scheduler asks, a leader approves, the old draw is kept; each step audited', async () => {
    expect((await refusal(requestRedraw(t.db, scheduler, drawId, '  '))).code).toBe('DRAW-BAD-INPUT');
    const { requestId } = await requestRedraw(t.db, scheduler, drawId, '两名民警当日调离 / two officers transferred');
    expect((await refusal(requestRedraw(t.db, scheduler, drawId, 'again'))).code).toBe('DRAW-REQUEST-PENDING');
    // A scheduler cannot approve (not a leader): denied.
    const notLeader = await refusal(
      decideRedraw(t.db, scheduler, { requestId, decision: 'approve', today: TODAY, seedHex: seedHex('r') }),
    );
    expect(notLeader.code).toBe('DRAW-DENIED');
    const { newDraw } = await decideRedraw(t.db, leader, {
      requestId,
      decision: 'approve',
      today: TODAY,
      seedHex: seedHex('redraw'),
    });
    expect(newDraw!.populationSha256).toMatch(/^[0-9a-f]{64}$/);
    const fresh = await t.db.selectFrom('draw').selectAll().where('id', '=', newDraw!.id).executeTakeFirstOrThrow();
    expect([fresh.replaces, fresh.approved_by_user, fresh.approved_by, fresh.status]).toEqual([
      drawId,
      leader.id,
      null,
      'frozen',
    ]);
    // The old draw still exports and verifies.
    expect(verifyDrawRecord(await getDrawRecord(t.db, drawId))).toEqual({ ok: true });
    const [req] = await listRedrawRequests(t.db, { drawId });
    expect([req!.status, req!.decidedByUsername, req!.newDrawId]).toEqual(['approved', 'leader', newDraw!.id]);
    expect((await refusal(requestRedraw(t.db, scheduler, drawId, 'once more'))).code).toBe('DRAW-ALREADY-REPLACED');
    expect((await auditRows('draw.redraw.request')).map((a) => a.outcome)).toEqual(['failure', 'success', 'failure', 'failure']);
    expect((await auditRows('draw.redraw.approve')).map((a) => [a.outcome, a.actor_username])).toEqual([
      ['denied', 'scheduler'],
      ['success', 'leader'],
    ]);
    // Its planned tasks were cancelled, not deleted.
    const old = await t.db.selectFrom('inspection').select('status').where('draw_id', '=', drawId).execute();
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((i) => i.status === 'cancelled')).toBe(true);
  });

  it('a leader may reject; the CLI redraw names an approving officer; both audited', async () => {
    const created = await createCampaignDraw(t.db, scheduler, {
      regime: 'R10',
      campaign: '2026 专项 2/2',
      today: TODAY,
      seedHex: seedHex('r10'),
    });
    const { requestId } = await requestRedraw(t.db, scheduler, created.id, 'wrong campaign name');
    await decideRedraw(t.db, leader, { requestId, decision: 'reject', today: TODAY, seedHex: seedHex('unused') });
    expect((await listRedrawRequests(t.db, { drawId: created.id }))[0]!.status).toBe('rejected');
    expect((await auditRows('draw.redraw.reject')).map((a) => a.outcome)).toEqual(['success']);

    const officer = await t.db
      .selectFrom('officer')
      .select('code')
      .where('active', '=', true)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const cliScheduler = { ...scheduler, via: 'cli' as const, ip: null, userAgent: null };
    const redone = await redrawApprovedByOfficer(t.db, cliScheduler, {
      replaces: created.id,
      reason: 'name corrected',
      approvedByOfficerCode: officer.code,
      today: TODAY,
      seedHex: seedHex('r10-b'),
    });
    const [audit] = await auditRows('draw.redraw');
    expect(audit).toMatchObject({
      outcome: 'success',
      actor_username: 'scheduler',
      user_agent: 'supervise-cli',
      entity_id: created.id,
    });
    expect(audit!.after).toMatchObject({ replacedBy: redone.id });
  });
});
