import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * Rosters of census inspections (issue 4 §3): two officers of the responsible brigade or police
 * station, each with a valid credential, not on declared leave that day (officer_leave) and not
 * recused from the entity (officer_recusal); and a scheduler's manual override, logged with reason,
 * who and when (roster_override), counted on the dashboard.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface RosterOfficer {
  id: number;
  code: string;
  brigadeId: string | null;
  stationId: string | null;
  /** Null: no credential on file, never rostered. */
  credentialExpiresOn: string | null;
}

export interface RosterContext {
  /** Active officers holding a credential number, by code. */
  officers: RosterOfficer[];
  /** Declared leave overlapping the window. */
  leaves: { officerId: number; fromOn: string; toOn: string }[];
  /** Recusals in force (not withdrawn before the window ends) for the given entities. */
  recusals: { officerId: number; entityId: number }[];
  /** Live inspections each officer already has planned in the window. */
  officerLoad: Map<number, number>;
  /** Live inspections already planned per unit (station id, else brigade id) and day in the window. */
  unitDayLoad: Map<string, number>;
}

export const unitDayKey = (unit: string, day: string): string => `${unit}|${day}`;

export async function loadRosterContext(
  db: Db,
  input: { windowStart: string; windowEnd: string; entityIds: readonly number[] },
): Promise<RosterContext> {
  const officers = await db
    .selectFrom('officer')
    .select(['id', 'code', 'brigade_id', 'station_id', 'credential_expires_on'])
    .where('active', '=', true)
    .where('credential_no', 'is not', null)
    .orderBy('code')
    .execute();
  const leaves = await db
    .selectFrom('officer_leave')
    .select(['officer_id', 'from_on', 'to_on'])
    .where('from_on', '<=', input.windowEnd)
    .where('to_on', '>=', input.windowStart)
    .execute();
  const recusals =
    input.entityIds.length === 0
      ? []
      : await db
          .selectFrom('officer_recusal')
          .select(['officer_id', 'entity_id'])
          .where('entity_id', 'in', [...input.entityIds])
          .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', input.windowStart)]))
          .execute();
  const load = await db
    .selectFrom('inspection_officer as io')
    .innerJoin('inspection as i', 'i.id', 'io.inspection_id')
    .select(['io.officer_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('i.planned_on', '>=', input.windowStart)
    .where('i.planned_on', '<=', input.windowEnd)
    .where('i.status', '<>', 'cancelled')
    .groupBy('io.officer_id')
    .execute();
  const dayLoad = await db
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .select([
      sql<string>`coalesce(e.station_id, e.brigade_id)`.as('unit'),
      'i.planned_on',
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .where('i.planned_on', '>=', input.windowStart)
    .where('i.planned_on', '<=', input.windowEnd)
    .where('i.status', '<>', 'cancelled')
    .groupBy([sql`coalesce(e.station_id, e.brigade_id)`, 'i.planned_on'])
    .execute();
  return {
    officers: officers.map((o) => ({
      id: Number(o.id),
      code: o.code,
      brigadeId: o.brigade_id,
      stationId: o.station_id,
      credentialExpiresOn: o.credential_expires_on,
    })),
    leaves: leaves.map((l) => ({ officerId: Number(l.officer_id), fromOn: l.from_on, toOn: l.to_on })),
    recusals: recusals.map((r) => ({ officerId: Number(r.officer_id), entityId: Number(r.entity_id) })),
    officerLoad: new Map(load.map((r) => [Number(r.officer_id), Number(r.n)])),
    unitDayLoad: new Map(dayLoad.map((r) => [unitDayKey(r.unit, r.planned_on), Number(r.n)])),
  };
}

export interface RosteredInspection {
  obligationId: number;
  entityId: number;
  regime: string;
  plannedOn: string;
  officerIds: readonly [number, number];
}

/**
 * Creates each census inspection with its two officers, in one transaction per call. The unique
 * index on (obligation_id) for live census inspections makes a rerun insert nothing: only the
 * inspections actually created get officers. Returns how many were created.
 */
export async function insertRosteredInspections(db: Kysely<DB>, rows: readonly RosteredInspection[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const inserted = await trx
        .insertInto('inspection')
        .values(
          chunk.map((r) => ({
            entity_id: r.entityId,
            regime_code: r.regime,
            trigger: 'census',
            planned_on: r.plannedOn,
            obligation_id: r.obligationId,
          })),
        )
        .onConflict((oc) =>
          oc.column('obligation_id').where('trigger', '=', 'census').where('status', '<>', 'cancelled').doNothing(),
        )
        .returning(['id', 'obligation_id'])
        .execute();
      if (inserted.length === 0) continue;
      const byObligation = new Map(chunk.map((r) => [r.obligationId, r]));
      await trx
        .insertInto('inspection_officer')
        .values(
          inserted.flatMap((ins) =>
            byObligation.get(Number(ins.obligation_id))!.officerIds.map((officerId) => ({
              inspection_id: ins.id,
              officer_id: officerId,
              assigned_by: 'roster',
            })),
          ),
        )
        .execute();
      created += inserted.length;
    }
    return created;
  });
}

export type OfficerUnavailability = 'inactive' | 'credential_missing' | 'credential_expired' | 'on_leave' | 'recused';

/** Why an officer may not inspect an entity on a day (empty: they may). */
export async function officerUnavailability(
  db: Db,
  input: { officerId: number; entityId: number; on: string },
): Promise<OfficerUnavailability[]> {
  const o = await db
    .selectFrom('officer')
    .select(['active', 'credential_no', 'credential_expires_on'])
    .where('id', '=', input.officerId)
    .executeTakeFirstOrThrow();
  const out: OfficerUnavailability[] = [];
  if (!o.active) out.push('inactive');
  if (o.credential_no == null || o.credential_expires_on == null) out.push('credential_missing');
  else if (o.credential_expires_on < input.on) out.push('credential_expired');
  const leave = await db
    .selectFrom('officer_leave')
    .select('id')
    .where('officer_id', '=', input.officerId)
    .where('from_on', '<=', input.on)
    .where('to_on', '>=', input.on)
    .executeTakeFirst();
  if (leave) out.push('on_leave');
  const recusal = await db
    .selectFrom('officer_recusal')
    .select('id')
    .where('officer_id', '=', input.officerId)
    .where('entity_id', '=', input.entityId)
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', input.on)]))
    .executeTakeFirst();
  if (recusal) out.push('recused');
  return out;
}

export interface RosterOverrideInput {
  inspectionId: number;
  replaceOfficerCode: string;
  withOfficerCode: string;
  reason: string;
  byUsername: string;
}

export type RosterOverrideResult =
  | { ok: true; overrideId: number; plannedOn: string; officerCodes: string[] }
  | {
      ok: false;
      code:
        | 'INSPECTION_NOT_FOUND'
        | 'INSPECTION_NOT_PLANNED'
        | 'USER_NOT_FOUND'
        | 'OFFICER_NOT_FOUND'
        | 'NOT_ON_ROSTER'
        | 'ALREADY_ON_ROSTER'
        | 'REASON_REQUIRED'
        | 'OFFICER_UNAVAILABLE';
      officerCode?: string;
      unavailability?: OfficerUnavailability[];
    };

/**
 * A scheduler replaces one officer of a planned inspection by hand (issue 4 §3). Refuses an officer
 * who is recused from the entity, on leave on the planned day, inactive or without a valid
 * credential on that day. In one transaction with the inspection row locked: the swap and its log
 * row (reason, who, when) are written together or not at all.
 */
export async function overrideRosterOfficer(db: Kysely<DB>, input: RosterOverrideInput): Promise<RosterOverrideResult> {
  if (input.reason.trim() === '') return { ok: false, code: 'REASON_REQUIRED' };
  return db.transaction().execute(async (trx): Promise<RosterOverrideResult> => {
    const insp = await trx
      .selectFrom('inspection')
      .select(['id', 'entity_id', 'planned_on', 'status'])
      .where('id', '=', input.inspectionId)
      .forUpdate()
      .executeTakeFirst();
    if (!insp) return { ok: false, code: 'INSPECTION_NOT_FOUND' };
    if (insp.status !== 'planned') return { ok: false, code: 'INSPECTION_NOT_PLANNED' };
    const user = await trx.selectFrom('app_user').select('id').where('username', '=', input.byUsername).executeTakeFirst();
    if (!user) return { ok: false, code: 'USER_NOT_FOUND' };
    const officers = await trx
      .selectFrom('officer')
      .select(['id', 'code'])
      .where('code', 'in', [input.replaceOfficerCode, input.withOfficerCode])
      .execute();
    const replaced = officers.find((o) => o.code === input.replaceOfficerCode);
    const withOfficer = officers.find((o) => o.code === input.withOfficerCode);
    if (!replaced) return { ok: false, code: 'OFFICER_NOT_FOUND', officerCode: input.replaceOfficerCode };
    if (!withOfficer) return { ok: false, code: 'OFFICER_NOT_FOUND', officerCode: input.withOfficerCode };
    const onRoster = await trx
      .selectFrom('inspection_officer')
      .select('officer_id')
      .where('inspection_id', '=', insp.id)
      .execute();
    const ids = onRoster.map((r) => Number(r.officer_id));
    if (!ids.includes(Number(replaced.id))) return { ok: false, code: 'NOT_ON_ROSTER', officerCode: replaced.code };
    if (ids.includes(Number(withOfficer.id))) return { ok: false, code: 'ALREADY_ON_ROSTER', officerCode: withOfficer.code };
    const why = await officerUnavailability(trx, {
      officerId: Number(withOfficer.id),
      entityId: Number(insp.entity_id),
      on: insp.planned_on,
    });
    if (why.length > 0) return { ok: false, code: 'OFFICER_UNAVAILABLE', officerCode: withOfficer.code, unavailability: why };
    await trx
      .updateTable('inspection_officer')
      .set({ officer_id: withOfficer.id, assigned_by: 'override', assigned_at: sql<string>`now()` })
      .where('inspection_id', '=', insp.id)
      .where('officer_id', '=', replaced.id)
      .execute();
    const logged = await trx
      .insertInto('roster_override')
      .values({
        inspection_id: insp.id,
        replaced_officer_id: replaced.id,
        with_officer_id: withOfficer.id,
        reason: input.reason.trim(),
        overridden_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const codes = await trx
      .selectFrom('inspection_officer as io')
      .innerJoin('officer as o', 'o.id', 'io.officer_id')
      .select('o.code')
      .where('io.inspection_id', '=', insp.id)
      .orderBy('o.code')
      .execute();
    return { ok: true, overrideId: Number(logged.id), plannedOn: insp.planned_on, officerCodes: codes.map((c) => c.code) };
  });
}

/** Manual roster overrides logged in [from, to] (dates, Asia/Shanghai), for the dashboard. */
export async function countRosterOverrides(db: Db, period: { from: string; to: string }): Promise<number> {
  const row = await db
    .selectFrom('roster_override')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<string>`(overridden_at at time zone 'Asia/Shanghai')::date`, '>=', period.from)
    .where(sql<string>`(overridden_at at time zone 'Asia/Shanghai')::date`, '<=', period.to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface RosterRow {
  inspectionId: number;
  obligationId: number | null;
  entityId: number;
  plannedOn: string;
  officerIds: number[];
}

/** Census inspections planned in [from, to] with their officers (tests, dashboard drill-down). */
export async function listCensusRosters(db: Db, period: { from: string; to: string }): Promise<RosterRow[]> {
  const rows = await db
    .selectFrom('inspection as i')
    .innerJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
    .select(['i.id', 'i.obligation_id', 'i.entity_id', 'i.planned_on', 'io.officer_id'])
    .where('i.trigger', '=', 'census')
    .where('i.status', '<>', 'cancelled')
    .where('i.planned_on', '>=', period.from)
    .where('i.planned_on', '<=', period.to)
    .orderBy(['i.id', 'io.officer_id'])
    .execute();
  const out = new Map<number, RosterRow>();
  for (const r of rows) {
    const id = Number(r.id);
    let row = out.get(id);
    if (!row)
      out.set(
        id,
        (row = {
          inspectionId: id,
          obligationId: r.obligation_id == null ? null : Number(r.obligation_id),
          entityId: Number(r.entity_id),
          plannedOn: r.planned_on,
          officerIds: [],
        }),
      );
    row.officerIds.push(Number(r.officer_id));
  }
  return [...out.values()];
}
