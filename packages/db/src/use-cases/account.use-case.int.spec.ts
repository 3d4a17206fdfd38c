/**
 * Issue 9 §6–§7 against the real PostgreSQL: the account use-cases that the web (/admin/users) and
 * the CLI (`supervise user create`) share. Every change and every refusal leaves an audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { createAccountUseCase, grantRoleUseCase, linkOfficerUseCase, revokeRoleUseCase } from './account.use-case.js';

let t: TestDatabase;
let secadmin: Actor;
let leaderActor: Actor;
const cli: Actor = { id: null, username: 'cli:root', principal: null, via: 'cli' };
const now = new Date('2026-11-27T02:00:00Z');
const PASSWORD = 'Str0ng-Passw0rd!';
const officers: string[] = [];

const auditOf = (action: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  const id = async (u: string) =>
    (await t.db.selectFrom('app_user').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  secadmin = { id: await id('secadmin'), username: 'secadmin', principal: { roles: [{ role: 'security_admin' }] }, via: 'web' };
  leaderActor = { id: await id('leader'), username: 'leader', principal: { roles: [{ role: 'leader' }] }, via: 'api' };
  const free = await t.db
    .selectFrom('officer as o')
    .leftJoin('app_user as u', 'u.officer_id', 'o.id')
    .select('o.code')
    .where('u.id', 'is', null)
    .where('o.brigade_id', '=', 'B-ZA')
    .orderBy('o.code')
    .execute();
  officers.push(...free.map((o) => o.code));
});
afterAll(async () => {
  await t?.drop();
});

describe('createAccountUseCase', () => {
  it('refuses an inspector without an officer, from the CLI, and audits the refusal', async () => {
    const r = await createAccountUseCase(
      t.db,
      cli,
      {
        username: 'Wang.Li',
        displayName: '王立',
        password: PASSWORD,
        role: 'inspector',
        brigadeId: 'B-ZA',
        officerCode: null,
        mustChangePassword: false,
      },
      now,
    );
    expect(r).toEqual({ ok: false, problems: ['officer_required'] });
    expect(await t.db.selectFrom('app_user').select('id').where('username', '=', 'wang.li').executeTakeFirst()).toBeUndefined();
    const [row] = await auditOf('user.create');
    expect(row).toMatchObject({
      outcome: 'failure',
      reason: 'officer_required',
      actor_username: 'cli:root',
      user_agent: 'supervise-cli',
    });
    expect(row!.details).toMatchObject({ via: 'cli', username: 'wang.li', role: 'inspector' });
  });

  it('creates an inspector linked to an officer, from the CLI, audited in the same transaction', async () => {
    const r = await createAccountUseCase(
      t.db,
      cli,
      {
        username: 'wang.li',
        displayName: '王立',
        password: PASSWORD,
        role: 'inspector',
        brigadeId: 'B-ZA',
        officerCode: officers[0]!,
        mustChangePassword: false,
      },
      now,
    );
    expect(r.ok).toBe(true);
    const user = await t.db
      .selectFrom('app_user as u')
      .innerJoin('officer as o', 'o.id', 'u.officer_id')
      .select(['u.id', 'o.code'])
      .where('u.username', '=', 'wang.li')
      .executeTakeFirstOrThrow();
    expect(user.code).toBe(officers[0]);
    const done = (await auditOf('user.create')).filter((a) => a.outcome === 'success');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ entity_id: String(user.id), actor_username: 'cli:root' });
    expect(done[0]!.after).toMatchObject({ username: 'wang.li', officerCode: officers[0] });
  });

  it('applies the same username, password and officer rules to the web', async () => {
    const bad = await createAccountUseCase(
      t.db,
      secadmin,
      {
        username: '1x',
        displayName: '',
        password: 'short',
        role: 'inspector',
        brigadeId: 'B-ZA',
        officerCode: officers[0]!,
        mustChangePassword: true,
      },
      now,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toEqual(expect.arrayContaining(['username_format', 'display_name', 'officer_taken', 'too_short']));
    const unknown = await createAccountUseCase(
      t.db,
      secadmin,
      {
        username: 'li.na',
        displayName: '李娜',
        password: PASSWORD,
        role: 'scheduler',
        brigadeId: 'B-ZA',
        officerCode: '999999',
        mustChangePassword: true,
      },
      now,
    );
    expect(unknown).toEqual({ ok: false, problems: ['officer_unknown'] });
  });

  it('refuses anyone but the security administrator, audited as denied', async () => {
    const r = await createAccountUseCase(
      t.db,
      leaderActor,
      {
        username: 'sneaky',
        displayName: 'S',
        password: PASSWORD,
        role: 'leader',
        brigadeId: null,
        officerCode: null,
        mustChangePassword: true,
      },
      now,
    );
    expect(r).toEqual({ ok: false, problems: ['not_allowed'] });
    const last = (await auditOf('user.create')).at(-1)!;
    expect(last).toMatchObject({ outcome: 'denied', actor_username: 'leader' });
    expect(last.details).toMatchObject({ via: 'api' });
  });
});

describe('grantRoleUseCase / revokeRoleUseCase / linkOfficerUseCase', () => {
  let leaderId = 0;
  beforeAll(async () => {
    const r = await createAccountUseCase(
      t.db,
      secadmin,
      {
        username: 'zhao.lei',
        displayName: '赵磊',
        password: PASSWORD,
        role: 'leader',
        brigadeId: null,
        officerCode: null,
        mustChangePassword: true,
      },
      now,
    );
    if (!r.ok) throw new Error(r.problems.join());
    leaderId = r.id;
  });

  it('refuses an administrator role on a business account (core and trigger), audited as refused', async () => {
    const r = await grantRoleUseCase(t.db, secadmin, leaderId, { role: 'audit_admin', brigadeId: null });
    expect(r).toEqual({ ok: false, problems: ['business_and_admin'] });
    const last = (await auditOf('user.role_grant')).at(-1)!;
    expect(last).toMatchObject({
      outcome: 'failure',
      reason: 'business_and_admin',
      entity_id: String(leaderId),
      actor_username: 'secadmin',
    });
    expect(last.details).toMatchObject({ via: 'web', role: 'audit_admin' });
  });

  it('refuses the scheduler role until the account is linked to an officer; then grants it', async () => {
    expect(await grantRoleUseCase(t.db, secadmin, leaderId, { role: 'scheduler', brigadeId: 'B-ZA' })).toEqual({
      ok: false,
      problems: ['officer_required'],
    });
    expect(await linkOfficerUseCase(t.db, secadmin, leaderId, { officerCode: officers[1]! })).toEqual({ ok: true });
    const granted = await grantRoleUseCase(t.db, secadmin, leaderId, { role: 'scheduler', brigadeId: 'B-ZA' });
    expect(granted.ok).toBe(true);
    const roles = await t.db.selectFrom('user_role').select('role').where('user_id', '=', leaderId).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['leader', 'scheduler']);
    const link = (await auditOf('user.officer_link')).at(-1)!;
    expect(link).toMatchObject({ outcome: 'success', entity_id: String(leaderId) });
    expect(link.after).toEqual({ officerCode: officers[1] });
    const grants = await auditOf('user.role_grant');
    expect(grants.map((g) => [g.outcome, g.reason])).toEqual([
      ['failure', 'business_and_admin'],
      ['failure', 'officer_required'],
      ['success', null],
    ]);
    // Unlinking an account that holds the scheduler role is refused too.
    expect(await linkOfficerUseCase(t.db, secadmin, leaderId, { officerCode: null })).toEqual({
      ok: false,
      problems: ['officer_required'],
    });
  });

  it('refuses a grant to oneself and by a non-administrator; revokes with before and after', async () => {
    expect(await grantRoleUseCase(t.db, secadmin, secadmin.id!, { role: 'leader', brigadeId: null })).toEqual({
      ok: false,
      problems: ['self'],
    });
    expect(await grantRoleUseCase(t.db, leaderActor, leaderId, { role: 'inspector', brigadeId: 'B-ZA' })).toEqual({
      ok: false,
      problems: ['not_allowed'],
    });
    expect((await auditOf('user.role_grant')).at(-1)).toMatchObject({ outcome: 'denied', actor_username: 'leader' });
    const grant = await t.db
      .selectFrom('user_role')
      .select('id')
      .where('user_id', '=', leaderId)
      .where('role', '=', 'scheduler')
      .executeTakeFirstOrThrow();
    expect(await revokeRoleUseCase(t.db, secadmin, leaderId, grant.id)).toEqual({ ok: true });
    const revoke = (await auditOf('user.role_revoke')).at(-1)!;
    expect((revoke.before as { roles: unknown[] }).roles).toHaveLength(2);
    expect((revoke.after as { roles: unknown[] }).roles).toHaveLength(1);
  });
});
