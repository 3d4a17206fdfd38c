/** `supervise roster override` through the built CLI, on a demo district in its own test database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertInspectionOfficers, insertInspections, listOfficers, seedDemo } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { cliRunner } from '../test-support/run-cli.js';

let t: TestDatabase;
const cli = cliRunner(() => t.url);

let inspectionId: number;
let entityId: number;
let onRoster: [string, string];
let spare: { id: number; code: string }[];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  const officers = (await listOfficers(t.db, { brigadeId: 'B-ZA', activeOnly: true })).filter(
    (o) => o.credential_expires_on && o.credential_expires_on > '2027-06-30',
  );
  const entity = await t.db.selectFrom('entity').select('id').where('kind', '=', 'hotel').orderBy('id').executeTakeFirstOrThrow();
  entityId = entity.id;
  [inspectionId] = (await insertInspections(t.db, [
    { entity_id: entityId, regime_code: 'R09', trigger: 'census', planned_on: '2026-12-08', status: 'planned' },
  ])) as [number];
  await insertInspectionOfficers(t.db, [
    { inspection_id: inspectionId, officer_id: officers[0]!.id },
    { inspection_id: inspectionId, officer_id: officers[1]!.id },
  ]);
  onRoster = [officers[0]!.code, officers[1]!.code];
  spare = officers.slice(2, 4).map((o) => ({ id: o.id, code: o.code }));
});
afterAll(async () => {
  await t?.drop();
});

describe('supervise roster override', () => {
  it('refuses an officer recused from the entity, and changes nothing', async () => {
    await t.db
      .insertInto('officer_recusal')
      .values({ officer_id: spare[0]!.id, entity_id: entityId, reason: '亲属经营', declared_on: '2026-11-01' })
      .execute();
    const r = await cli(
      'roster',
      'override',
      '--inspection',
      String(inspectionId),
      '--replace',
      onRoster[0],
      '--with',
      spare[0]!.code,
      '--reason',
      '调休',
      '--by',
      'scheduler',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('已申请回避该对象');
    expect(r.stderr).toContain('recused from this entity');
    const count = await t.db
      .selectFrom('roster_override')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('replaces an available officer and logs the override with its reason', async () => {
    const r = await cli(
      'roster',
      'override',
      '--inspection',
      String(inspectionId),
      '--replace',
      onRoster[0],
      '--with',
      spare[1]!.code,
      '--reason',
      '原民警出差',
      '--by',
      'scheduler',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; officerCodes: string[] };
    expect(out.ok).toBe(true);
    expect(out.officerCodes.sort()).toEqual([onRoster[1], spare[1]!.code].sort());
    const log = await t.db.selectFrom('roster_override').selectAll().execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.reason).toBe('原民警出差');
  });

  it('audits the refusal and the change as the scheduler, through the CLI', async () => {
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['outcome', 'reason', 'actor_username', 'user_agent', 'entity_id'])
      .where('action', '=', 'roster.change')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ['failure', 'officer_unavailable'],
      ['success', null],
    ]);
    expect(entries.every((e) => e.actor_username === 'scheduler' && e.user_agent === 'supervise-cli')).toBe(true);
    expect(entries.every((e) => e.entity_id === String(inspectionId))).toBe(true);
  });

  it('names a wrong police number as bad input (exit 2)', async () => {
    const r = await cli(
      'roster',
      'override',
      '--inspection',
      String(inspectionId),
      '--replace',
      '999999',
      '--with',
      spare[1]!.code,
      '--reason',
      'x',
      '--by',
      'scheduler',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('999999');
  });
});
