import { randomBytes } from 'node:crypto';
import { brigadeOfRegime } from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { hashPassword } from '../password.js';
import type { Actor } from '../use-cases/actor.js';

/**
 * Test fixture for the case file (issue 10 §3): a closed inspection of one regime with two officers
 * on it (each with an inspector account scoped to the regime's brigade) and one hazard, written
 * straight into the database as the inspection record would leave it. Works on an empty test database
 * or one seeded with the demo district (it adds what is missing).
 */
const BRIGADES = [
  { id: 'B-CRJ', name_zh: '出入境管理大队', name_en: 'Exit-Entry Administration Brigade' },
  { id: 'B-JJ', name_zh: '交通警察大队', name_en: 'Traffic Police Brigade' },
  { id: 'B-ZA', name_zh: '治安管理大队', name_en: 'Public Order Administration Brigade' },
  { id: 'B-WA', name_zh: '网络安全管理大队', name_en: 'Cyber Security Administration Brigade' },
];
const KIND_OF: Record<string, string> = {
  R02: 'road_works_urban',
  R03: 'two_passenger_one_hazard',
  R04: 'vehicle_inspection_agency',
  R09: 'hotel',
  R11: 'internet_cafe',
  R12: 'info_system_operator',
  R13: 'networked_unit',
  R14: 'bank_outlet',
};

export interface CaseFixture {
  inspectionId: number;
  hazardId: number;
  entityId: number;
  brigadeId: string;
  officers: { id: number; code: string; userId: number; username: string }[];
  /** Actors of the two officers' accounts (inspector role, brigade scope). */
  actors: [Actor, Actor];
}

export interface CaseFixtureOptions {
  regime: string;
  /** The day the inspection ended (Asia/Shanghai). */
  inspectedOn: string;
  severity?: 'general' | 'major';
  description?: string;
  /** Password of the two inspector accounts (hashed only when given; otherwise an unusable hash). */
  password?: string;
  /** A prefix for codes and usernames, unique per fixture in one database. */
  tag?: string;
}

export async function createCaseFixture(db: Kysely<DB>, o: CaseFixtureOptions): Promise<CaseFixture> {
  const tag = o.tag ?? randomBytes(3).toString('hex');
  const brigadeId = brigadeOfRegime(o.regime)!;
  await db
    .insertInto('brigade')
    .values(BRIGADES)
    .onConflict((c) => c.column('id').doNothing())
    .execute();
  const hash = o.password ? await hashPassword(o.password) : 'unusable';
  const officers: CaseFixture['officers'] = [];
  for (const i of [1, 2]) {
    const code = `9${tag}${i}`.slice(0, 12);
    const off = await db
      .insertInto('officer')
      .values({
        code,
        name: `测试民警${tag}-${i}`,
        brigade_id: brigadeId,
        credential_no: `JY${tag}${i}`,
        credential_expires_on: '2099-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const username = `case_${tag}_${i}`;
    const user = await db
      .insertInto('app_user')
      .values({
        username,
        display_name: `承办民警${tag}-${i}`,
        password_hash: hash,
        officer_id: off.id,
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: user.id, role: 'inspector', brigade_id: brigadeId }).execute();
    officers.push({ id: Number(off.id), code, userId: Number(user.id), username });
  }
  const entity = await db
    .insertInto('entity')
    .values({
      code: `T-${o.regime}-${tag}`,
      regime_code: o.regime,
      kind: KIND_OF[o.regime] ?? 'hotel',
      name: `测试单位${tag}<script>alert(1)</script>`,
      address: `鹿泉区测试路${tag}号`,
      brigade_id: brigadeId,
      contact_name: '张经理',
      registered_on: '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const endedAt = new Date(`${o.inspectedOn}T10:00:00+08:00`);
  const insp = await db
    .insertInto('inspection')
    .values({
      entity_id: entity.id,
      regime_code: o.regime,
      trigger: 'patrol',
      planned_on: o.inspectedOn,
      inspected_on: o.inspectedOn,
      status: 'done',
      outcome: 'hazards_found',
      started_at: new Date(endedAt.getTime() - 3_600_000),
      ended_at: endedAt,
      closed_at: endedAt,
      closed_by: officers[0]!.userId,
      signature_status: 'signed',
      signer_role: 'unit_head',
      signer_name: '张经理',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('inspection_officer')
    .values(officers.map((x) => ({ inspection_id: insp.id, officer_id: x.id, id_shown: true })))
    .execute();
  const hazard = await db
    .insertInto('hazard')
    .values({
      inspection_id: insp.id,
      severity: o.severity ?? 'major',
      description: o.description ?? '安全出口被杂物堵塞',
      created_by: officers[0]!.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actor = (x: CaseFixture['officers'][number]): Actor => ({
    id: x.userId,
    username: x.username,
    principal: { roles: [{ role: 'inspector', brigadeId }] },
    via: 'web',
  });
  return {
    inspectionId: Number(insp.id),
    hazardId: Number(hazard.id),
    entityId: Number(entity.id),
    brigadeId,
    officers,
    actors: [actor(officers[0]!), actor(officers[1]!)],
  };
}

/** An account with one role (a leader, or an inspector of another brigade), and its actor. */
export async function createRoleActor(
  db: Kysely<DB>,
  o: { username: string; role: string; brigadeId?: string | null; password?: string },
): Promise<Actor> {
  const user = await db
    .insertInto('app_user')
    .values({
      username: o.username,
      display_name: o.username,
      password_hash: o.password ? await hashPassword(o.password) : 'unusable',
      must_change_password: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_role')
    .values({ user_id: user.id, role: o.role, brigade_id: o.brigadeId ?? null })
    .execute();
  return {
    id: Number(user.id),
    username: o.username,
    principal: { roles: [{ role: o.role, brigadeId: o.brigadeId ?? null }] },
    via: 'web',
  };
}
