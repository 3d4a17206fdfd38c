import { sql } from 'kysely';
import type { Database } from '../client.js';
import { loadCalendar } from '../repositories/calendar-import.repository.js';
import { insertInspectionRecords } from '../repositories/inspection.repository.js';
import {
  countEntities,
  insertBrigades,
  insertEntities,
  insertOfficers,
  insertPoliceStations,
} from '../repositories/registry.repository.js';
import { hashPassword } from '../password.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { generateActivity, type SeededEntity, type SeededOfficer } from './demo-activity.js';
import { rebuildRollupsIn } from '../repositories/dashboard-rollup.repository.js';
import { dayNumber } from './demo-dates.js';
import { DemoRandom } from './demo-random.js';
import { DEMO_BRIGADES, DEMO_STATIONS, generateEntities, generateOfficers } from './demo-registry.js';

export const DEFAULT_DEMO_SEED = 2026;

export interface SeedDemoOptions {
  /** PRNG seed: the same seed and `today` give identical rows. */
  seed?: number;
  /** The last day of the generated year of activity, 'YYYY-MM-DD' (the clock is a parameter). */
  today: string;
  /**
   * The demo accounts' password: DEMO_PASSWORD (published in the README) unless given. `npm start`
   * without `--demo` passes a generated one and prints it once (issue 15).
   */
  password?: string;
  /** Rows per INSERT statement (default 500). */
  batchSize?: number;
}

export type SeedTable =
  | 'brigade'
  | 'police_station'
  | 'officer'
  | 'app_user'
  | 'user_role'
  | 'entity'
  | 'inspection'
  | 'inspection_officer'
  | 'hazard'
  | 'rectification'
  | 'rectification_extension'
  | 'penalty';

export interface SeedSummary {
  seed: number;
  today: string;
  counts: Record<SeedTable, number>;
}

export class DemoSeedRefusedError extends Error {
  constructor(entities: number) {
    super(
      `Refusing to seed demo data: the database already has ${entities} supervised entities. Demo data goes only into an empty database.`,
    );
    this.name = 'DemoSeedRefusedError';
  }
}

/**
 * Fills an empty database with deterministic demo data for 鹿泉区: brigades, police stations, about 60
 * officers, the demo accounts, about 1,500 supervised entities over all 14 regimes and a year of
 * inspections, hazards, rectifications and penalties ending at `today`. One transaction: all or nothing.
 */
export async function seedDemo(db: Database, opts: SeedDemoOptions): Promise<SeedSummary> {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`demo seed must be an integer, got ${seed}`);
  dayNumber(opts.today); // validates the date
  const batch = { batchSize: opts.batchSize ?? 500 };

  // Generated before the transaction: pure, and argon2 is slow-ish, so hash once for every account.
  const officers = generateOfficers(new DemoRandom(seed, 'officers'), opts.today);
  const entities = generateEntities(new DemoRandom(seed, 'entities'), opts.today);
  const passwordHash = await hashPassword(opts.password ?? DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    // Serialise concurrent seeders (e.g. two `npm start` at once); the second then sees the rows.
    await sql`lock table entity in exclusive mode`.execute(trx);
    const existing = await countEntities(trx);
    if (existing > 0) throw new DemoSeedRefusedError(existing);

    await insertBrigades(trx, DEMO_BRIGADES);
    await insertPoliceStations(trx, DEMO_STATIONS);
    const officerIds = await insertOfficers(trx, officers, batch);
    const seededOfficers: SeededOfficer[] = officers.map((o, i) => ({ ...o, id: officerIds[i]! }));
    const officerIdByCode = new Map(seededOfficers.map((o) => [o.code, o.id]));

    let roles = 0;
    let leaderUserId: number | null = null;
    for (const a of DEMO_ACCOUNTS) {
      const pick = 'officerOfBrigade' in a ? a.officerOfBrigade : undefined;
      const officerCode: string | undefined =
        'officerCode' in a
          ? a.officerCode
          : pick
            ? seededOfficers.filter((o) => o.brigade_id === pick.brigadeId)[pick.index]?.code
            : undefined;
      const user = await trx
        .insertInto('app_user')
        .values({
          username: a.username,
          display_name: a.displayName.zh,
          password_hash: passwordHash,
          officer_id: officerCode ? (officerIdByCode.get(officerCode) ?? null) : null,
          locale: 'zh-CN',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (a.role === 'leader') leaderUserId ??= Number(user.id);
      await trx
        .insertInto('user_role')
        .values({ user_id: user.id, role: a.role, brigade_id: 'brigadeId' in a ? a.brigadeId : null, station_id: null })
        .execute();
      roles++;
    }

    const entityIds = await insertEntities(trx, entities, batch);
    const seededEntities: SeededEntity[] = entities.map((e, i) => ({ ...e, id: entityIds[i]! }));

    const records = generateActivity(new DemoRandom(seed, 'activity'), {
      today: opts.today,
      penaltyRandom: new DemoRandom(seed, 'penalties'),
      entities: seededEntities,
      officers: seededOfficers,
      calendar: await loadCalendar(trx),
      leaderUserId: leaderUserId!,
    });
    const inserted = await insertInspectionRecords(trx, records, batch);
    // Issue 12 §5: the dashboard reads rollups; a year of history is counted once here rather than
    // cell by cell by the worker.
    await rebuildRollupsIn(trx);

    return {
      seed,
      today: opts.today,
      counts: {
        brigade: DEMO_BRIGADES.length,
        police_station: DEMO_STATIONS.length,
        officer: officers.length,
        app_user: DEMO_ACCOUNTS.length,
        user_role: roles,
        entity: entities.length,
        ...inserted.counts,
      },
    };
  });
}
