import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@supervise/db';

/**
 * Accounts, sessions and open inspections for the drills, written straight into a drill's own
 * database (the login page itself is fuzzed; logging 200 users in through it is not what is tested).
 */

/** A live session for the account: the value of the `sid` cookie. */
export async function sessionCookie(db: Database, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('user_session')
    .values({
      id_hash: createHash('sha256').update(token).digest('hex'),
      user_id: userId,
      expires_at: new Date(Date.now() + 8 * 3_600_000),
    })
    .execute();
  return `sid=${token}`;
}

/** An account with one role and no usable password; returns its id. */
export async function createAccount(
  db: Database,
  username: string,
  role: string,
  brigadeId: string | null = null,
): Promise<number> {
  const user = await db
    .insertInto('app_user')
    .values({ username, display_name: username, password_hash: 'unusable', must_change_password: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: user.id, role, brigade_id: brigadeId }).execute();
  return Number(user.id);
}

export interface OpenInspection {
  inspectionId: number;
  userId: number;
  cookie: string;
}

/**
 * An inspector (officer and account, public-order brigade) on a planned R09 hotel inspection of an
 * entity of their own, planned today: the record is open to their writes. Needs the brigades of the
 * demo district (or of the test template).
 */
export async function createOpenInspection(db: Database, tag: string): Promise<OpenInspection> {
  const brigadeId = 'B-ZA';
  const officer = await db
    .insertInto('officer')
    .values({
      code: `S${tag}`.slice(0, 12),
      name: `压测民警${tag}`,
      brigade_id: brigadeId,
      credential_no: `JYS${tag}`,
      credential_expires_on: '2099-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('app_user')
    .values({
      username: `soak_${tag}`,
      display_name: `压测民警${tag}`,
      password_hash: 'unusable',
      officer_id: officer.id,
      must_change_password: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: user.id, role: 'inspector', brigade_id: brigadeId }).execute();
  const entity = await db
    .insertInto('entity')
    .values({
      code: `SOAK-${tag}`,
      regime_code: 'R09',
      kind: 'hotel',
      name: `压测旅馆${tag}`,
      address: `鹿泉区压测路${tag}号`,
      brigade_id: brigadeId,
      contact_name: '王经理',
      registered_on: '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const insp = await db
    .insertInto('inspection')
    .values({ entity_id: entity.id, regime_code: 'R09', trigger: 'patrol', planned_on: today, status: 'planned' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('inspection_officer').values({ inspection_id: insp.id, officer_id: officer.id }).execute();
  return { inspectionId: Number(insp.id), userId: Number(user.id), cookie: await sessionCookie(db, Number(user.id)) };
}
