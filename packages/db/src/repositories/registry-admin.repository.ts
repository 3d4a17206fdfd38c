import {
  can,
  storedEntityInScope,
  type EntityScopeCheck,
  type StoredEntityScope,
  type ValidatedEntity,
  type VehicleCounts,
} from '@supervise/core';
import { auditActor, type Actor } from '../use-cases/actor.js';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../generated/db.js';
import { anyOf } from './any-of.js';
import { recordAudit } from './audit.repository.js';

/**
 * The registry pages (issue 5 §2, §4): search and filters that stay fast at 200,000 entities (pg_trgm
 * GIN indexes of migration 0008, keyset pagination by code), details with the change history, and
 * the writes — each in one transaction with its audit record; the history row is written by the
 * `entity_history_write` trigger in the same transaction, with the actor set here.
 */

/** How far the reader's grant reaches (`scopeOf` in @supervise/core). */
export type RegistryScope = { all: true } | { all: false; brigadeIds: readonly string[]; stationIds: readonly string[] };

export interface EntitySearch {
  q?: string;
  regime?: string;
  kind?: string;
  stationId?: string;
  status?: 'active' | 'closed';
  riskGrade?: string;
  /** Keyset: entities with a code after this one. */
  after?: string;
  limit?: number;
}

export interface EntityListRow {
  code: string;
  regimeCode: string;
  kind: string;
  name: string;
  licenceNo: string | null;
  address: string;
  stationId: string | null;
  riskGrade: string | null;
  status: string;
}

/** `%…%` with LIKE's own wildcards escaped. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function scopeWhere(eb: ExpressionBuilder<DB, 'entity'>, scope: RegistryScope): Expression<SqlBool> {
  if (scope.all) return sql<boolean>`true`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.brigadeIds.length) ors.push(eb('entity.brigade_id', 'in', [...scope.brigadeIds]));
  if (scope.stationIds.length) ors.push(eb('entity.station_id', 'in', [...scope.stationIds]));
  return ors.length ? eb.or(ors) : sql<boolean>`false`;
}

function filtered(db: Kysely<DB>, scope: RegistryScope, f: EntitySearch) {
  let q = db.selectFrom('entity').where((eb) => scopeWhere(eb, scope));
  const text = f.q?.trim();
  if (text) {
    const p = likePattern(text);
    q = q.where((eb) =>
      eb.or([
        eb('entity.name', 'ilike', p),
        eb('entity.code', 'ilike', p),
        eb('entity.licence_no', 'ilike', p),
        eb('entity.address', 'ilike', p),
      ]),
    );
  }
  if (f.regime) q = q.where('entity.regime_code', '=', f.regime);
  if (f.kind) q = q.where('entity.kind', '=', f.kind);
  if (f.stationId) q = q.where('entity.station_id', '=', f.stationId);
  if (f.status) q = q.where('entity.status', '=', f.status);
  if (f.riskGrade) q = q.where('entity.risk_grade', '=', f.riskGrade);
  return q;
}

/** One page of entities in the reader's scope, ordered by code (keyset: `after`). */
export async function searchEntities(db: Kysely<DB>, scope: RegistryScope, f: EntitySearch = {}): Promise<EntityListRow[]> {
  return entitySearchQuery(db, scope, f).execute();
}

/** The query `searchEntities` runs, unexecuted (the scale test EXPLAINs it). */
export function entitySearchQuery(db: Kysely<DB>, scope: RegistryScope, f: EntitySearch = {}) {
  let q = filtered(db, scope, f);
  if (f.after) q = q.where('entity.code', '>', f.after);
  return q
    .select([
      'entity.code',
      'entity.regime_code as regimeCode',
      'entity.kind',
      'entity.name',
      'entity.licence_no as licenceNo',
      'entity.address',
      'entity.station_id as stationId',
      'entity.risk_grade as riskGrade',
      'entity.status',
    ])
    .orderBy('entity.code')
    .limit(Math.min(Math.max(f.limit ?? 50, 1), 500));
}

/** How many entities match, counted up to `cap` (an exact count of 200,000 rows is not worth a scan). */
export async function countMatchingEntities(
  db: Kysely<DB>,
  scope: RegistryScope,
  f: EntitySearch = {},
  cap = 10_000,
): Promise<{ count: number; capped: boolean }> {
  const inner = filtered(db, scope, f)
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1);
  const row = await db
    .selectFrom(inner.as('m'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { count: Math.min(n, cap), capped: n > cap };
}

/** Every entity in scope matching the filters, in code order, page by page (for the export). */
export async function* streamEntities(db: Kysely<DB>, scope: RegistryScope, f: EntitySearch = {}, page = 1000) {
  let after: string | undefined;
  for (;;) {
    let q = filtered(db, scope, f);
    if (after) q = q.where('entity.code', '>', after);
    const rows = await q
      .leftJoin('police_station', 'police_station.id', 'entity.station_id')
      .select([
        'entity.code',
        'entity.regime_code',
        'entity.kind',
        'entity.name',
        'entity.licence_no',
        'entity.address',
        'police_station.name_zh as station_name',
        'entity.contact_name',
        'entity.contact_phone',
        'entity.vehicle_counts',
        'entity.risk_grade',
        'entity.status',
        'entity.registered_on',
        'entity.closed_on',
      ])
      .orderBy('entity.code')
      .limit(page)
      .execute();
    for (const r of rows) yield { ...r, vehicle_counts: (r.vehicle_counts as VehicleCounts | null) ?? null };
    if (rows.length < page) return;
    after = rows[rows.length - 1]!.code;
  }
}

export interface EntityDetail {
  id: number;
  code: string;
  regimeCode: string;
  kind: string;
  name: string;
  licenceNo: string | null;
  address: string;
  brigadeId: string;
  brigadeName: { zh: string; en: string };
  stationId: string | null;
  stationName: string | null;
  contactName: string | null;
  contactPhone: string | null;
  vehicleCounts: VehicleCounts | null;
  riskGrade: string | null;
  status: string;
  registeredOn: string;
  closedOn: string | null;
  updatedAt: Date;
}

export async function findEntityDetail(db: Kysely<DB>, code: string): Promise<EntityDetail | undefined> {
  const r = await db
    .selectFrom('entity')
    .innerJoin('brigade', 'brigade.id', 'entity.brigade_id')
    .leftJoin('police_station', 'police_station.id', 'entity.station_id')
    .select([
      'entity.id',
      'entity.code',
      'entity.regime_code as regimeCode',
      'entity.kind',
      'entity.name',
      'entity.licence_no as licenceNo',
      'entity.address',
      'entity.brigade_id as brigadeId',
      'brigade.name_zh as brigadeZh',
      'brigade.name_en as brigadeEn',
      'entity.station_id as stationId',
      'police_station.name_zh as stationName',
      'entity.contact_name as contactName',
      'entity.contact_phone as contactPhone',
      'entity.vehicle_counts as vehicleCounts',
      'entity.risk_grade as riskGrade',
      'entity.status',
      'entity.registered_on as registeredOn',
      'entity.closed_on as closedOn',
      'entity.updated_at as updatedAt',
    ])
    .where('entity.code', '=', code)
    .executeTakeFirst();
  if (!r) return undefined;
  const { brigadeZh, brigadeEn, ...rest } = r;
  return {
    ...rest,
    brigadeName: { zh: brigadeZh, en: brigadeEn },
    vehicleCounts: (r.vehicleCounts as VehicleCounts | null) ?? null,
    updatedAt: new Date(r.updatedAt),
  };
}

export interface EntityHistoryRow {
  id: number;
  op: string;
  changedAt: Date;
  changedBy: string | null;
  source: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export async function entityHistory(db: Kysely<DB>, entityId: number, limit = 200): Promise<EntityHistoryRow[]> {
  const rows = await db
    .selectFrom('entity_history')
    .leftJoin('app_user', 'app_user.id', 'entity_history.changed_by')
    .select([
      'entity_history.id',
      'entity_history.op',
      'entity_history.changed_at as changedAt',
      'app_user.username as changedBy',
      'entity_history.source',
      'entity_history.before',
      'entity_history.after',
    ])
    .where('entity_history.entity_id', '=', entityId)
    .orderBy('entity_history.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    changedAt: new Date(r.changedAt),
    before: (r.before as Record<string, unknown> | null) ?? null,
    after: r.after as Record<string, unknown>,
  }));
}

/** Who makes the change and why, for the history trigger (transaction-local settings). */
export async function setChangeContext(trx: Kysely<DB>, actorId: number | null, source: string): Promise<void> {
  await sql`select set_config('supervise.actor_id', ${actorId === null ? '' : String(actorId)}, true),
                   set_config('supervise.change_source', ${source}, true)`.execute(trx);
}

export type EntityValues = Omit<ValidatedEntity, 'row'>;

/** An entity's columns as stored, from validated values (forms and imports alike). */
export function entityColumns(v: EntityValues) {
  return {
    code: v.code,
    regime_code: v.regime_code,
    kind: v.kind,
    name: v.name,
    licence_no: v.licence_no,
    address: v.address,
    brigade_id: v.brigade_id,
    station_id: v.station_id,
    contact_name: v.contact_name,
    contact_phone: v.contact_phone,
    vehicle_counts: v.vehicle_counts === null ? null : JSON.stringify(v.vehicle_counts),
    risk_grade: v.risk_grade,
    status: v.status,
    registered_on: v.registered_on,
    closed_on: v.closed_on,
  };
}

export class RegistryWriteError extends Error {
  constructor(readonly code: 'code_taken' | 'not_found' | 'out_of_scope') {
    super(code);
    this.name = 'RegistryWriteError';
  }
}

/**
 * The actor's registry write scope (`registry.manage`); undefined for the system actor, which holds
 * no grant and is trusted (a migration, the demo seed).
 */
export function registryWriteScope(actor: Actor): EntityScopeCheck | undefined {
  const principal = actor.principal;
  if (!principal) return undefined;
  return (e) => can(principal, 'registry.manage', { regime: e.regime, brigadeId: e.brigadeId, stationId: e.stationId });
}

/**
 * The stored scope (regime, brigade, station) of the entities with these codes; `forUpdate` locks
 * them until the transaction ends, so the scope checked is the scope overwritten (issue 15).
 */
export async function storedEntityScopes(
  db: Kysely<DB>,
  codes: readonly string[],
  opts: { forUpdate?: boolean } = {},
): Promise<Map<string, StoredEntityScope>> {
  if (!codes.length) return new Map();
  // One array parameter (anyOf): a 100,000-row import stays under PostgreSQL's 65,535 bind parameters.
  let q = db
    .selectFrom('entity')
    .select(['code', 'regime_code', 'brigade_id', 'station_id'])
    .where('code', '=', anyOf(codes, 'text'));
  if (opts.forUpdate) q = q.forUpdate();
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** Refuses (out_of_scope) a write the actor's scope does not cover, on the stored row and on the new values. */
function assertWriteScope(actor: Actor, rows: readonly (StoredEntityScope | undefined)[]): void {
  const inScope = registryWriteScope(actor);
  if (!inScope) return;
  for (const r of rows) if (r && !storedEntityInScope(r, inScope)) throw new RegistryWriteError('out_of_scope');
}

/** Creates an entity (audited; history by trigger). */
export async function createEntity(db: Kysely<DB>, v: EntityValues, actor: Actor): Promise<number> {
  assertWriteScope(actor, [v]);
  return db.transaction().execute(async (trx) => {
    await setChangeContext(trx, actor.id, 'form');
    const row = await trx
      .insertInto('entity')
      .values(entityColumns(v))
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new RegistryWriteError('code_taken');
    await recordAudit(trx, { ...auditActor(actor), action: 'entity.create', entityType: 'entity', entityId: v.code, after: v });
    return row.id;
  });
}

/** Updates an entity by its code (the code itself does not change); audited with before and after. */
export async function updateEntity(db: Kysely<DB>, code: string, v: EntityValues, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setChangeContext(trx, actor.id, 'form');
    const before = await trx.selectFrom('entity').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!before) throw new RegistryWriteError('not_found');
    // Issue 15: the stored row as well as the new values must be the actor's to write.
    assertWriteScope(actor, [before, { ...v, code }]);
    await trx
      .updateTable('entity')
      .set({ ...entityColumns({ ...v, code }), updated_at: sql`now()` })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'entity.update',
      entityType: 'entity',
      entityId: code,
      before,
      after: { ...v, code },
    });
  });
}

/** Closes an entity (注销) on a date; audited. */
export async function closeEntity(db: Kysely<DB>, code: string, closedOn: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setChangeContext(trx, actor.id, 'form');
    const before = await trx
      .selectFrom('entity')
      .select(['id', 'code', 'regime_code', 'brigade_id', 'station_id', 'status', 'closed_on'])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new RegistryWriteError('not_found');
    assertWriteScope(actor, [before]);
    await trx
      .updateTable('entity')
      .set({ status: 'closed', closed_on: closedOn, updated_at: sql`now()` })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'entity.close',
      entityType: 'entity',
      entityId: code,
      before: { status: before.status, closed_on: before.closed_on },
      after: { status: 'closed', closed_on: closedOn },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Officer directory (执法检查人员名录库)

export interface OfficerListRow {
  id: number;
  code: string;
  name: string;
  brigadeId: string | null;
  stationId: string | null;
  credentialExpiresOn: string | null;
  active: boolean;
}

function officerScope(eb: ExpressionBuilder<DB, 'officer'>, scope: RegistryScope): Expression<SqlBool> {
  if (scope.all) return sql<boolean>`true`;
  const ors: Expression<SqlBool>[] = [];
  if (scope.brigadeIds.length) ors.push(eb('officer.brigade_id', 'in', [...scope.brigadeIds]));
  if (scope.stationIds.length) ors.push(eb('officer.station_id', 'in', [...scope.stationIds]));
  return ors.length ? eb.or(ors) : sql<boolean>`false`;
}

export async function searchOfficers(
  db: Kysely<DB>,
  scope: RegistryScope,
  f: { q?: string; unit?: string; limit?: number } = {},
): Promise<OfficerListRow[]> {
  let q = db.selectFrom('officer').where((eb) => officerScope(eb, scope));
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) => eb.or([eb('officer.name', 'ilike', likePattern(text)), eb('officer.code', 'ilike', likePattern(text))]));
  if (f.unit) q = q.where((eb) => eb.or([eb('officer.brigade_id', '=', f.unit!), eb('officer.station_id', '=', f.unit!)]));
  return q
    .select([
      'officer.id',
      'officer.code',
      'officer.name',
      'officer.brigade_id as brigadeId',
      'officer.station_id as stationId',
      'officer.credential_expires_on as credentialExpiresOn',
      'officer.active',
    ])
    .orderBy('officer.code')
    .limit(Math.min(f.limit ?? 500, 2000))
    .execute();
}

export interface OfficerDetail extends OfficerListRow {
  credentialNo: string | null;
  leave: { id: number; fromOn: string; toOn: string; reason: string }[];
  recusals: {
    id: number;
    entityCode: string;
    entityName: string;
    reason: string;
    declaredOn: string;
    withdrawnOn: string | null;
  }[];
}

export async function findOfficerDetail(db: Kysely<DB>, code: string): Promise<OfficerDetail | undefined> {
  const o = await db
    .selectFrom('officer')
    .select([
      'id',
      'code',
      'name',
      'brigade_id as brigadeId',
      'station_id as stationId',
      'credential_no as credentialNo',
      'credential_expires_on as credentialExpiresOn',
      'active',
    ])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!o) return undefined;
  const leave = await db
    .selectFrom('officer_leave')
    .select(['id', 'from_on as fromOn', 'to_on as toOn', 'reason'])
    .where('officer_id', '=', o.id)
    .orderBy('from_on', 'desc')
    .execute();
  const recusals = await db
    .selectFrom('officer_recusal')
    .innerJoin('entity', 'entity.id', 'officer_recusal.entity_id')
    .select([
      'officer_recusal.id',
      'entity.code as entityCode',
      'entity.name as entityName',
      'officer_recusal.reason',
      'officer_recusal.declared_on as declaredOn',
      'officer_recusal.withdrawn_on as withdrawnOn',
    ])
    .where('officer_recusal.officer_id', '=', o.id)
    .orderBy('officer_recusal.id', 'desc')
    .execute();
  return { ...o, leave, recusals };
}

export class OfficerWriteError extends Error {
  constructor(readonly code: 'not_found' | 'unknown_entity' | 'already_recused' | 'overlapping_leave') {
    super(code);
    this.name = 'OfficerWriteError';
  }
}

export async function addOfficerLeave(
  db: Kysely<DB>,
  officerId: number,
  leave: { fromOn: string; toOn: string; reason: string },
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const overlap = await trx
      .selectFrom('officer_leave')
      .select('id')
      .where('officer_id', '=', officerId)
      .where('from_on', '<=', leave.toOn)
      .where('to_on', '>=', leave.fromOn)
      .executeTakeFirst();
    if (overlap) throw new OfficerWriteError('overlapping_leave');
    const row = await trx
      .insertInto('officer_leave')
      .values({ officer_id: officerId, from_on: leave.fromOn, to_on: leave.toOn, reason: leave.reason })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'officer.leave.add',
      entityType: 'officer',
      entityId: officerId,
      after: { id: row.id, ...leave },
    });
    return row.id;
  });
}

export async function removeOfficerLeave(db: Kysely<DB>, officerId: number, leaveId: number, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .deleteFrom('officer_leave')
      .where('id', '=', leaveId)
      .where('officer_id', '=', officerId)
      .returning(['id', 'from_on', 'to_on', 'reason'])
      .executeTakeFirst();
    if (!before) return false;
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'officer.leave.remove',
      entityType: 'officer',
      entityId: officerId,
      before,
    });
    return true;
  });
}

export async function declareRecusal(
  db: Kysely<DB>,
  officerId: number,
  r: { entityCode: string; reason: string; declaredOn: string },
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const entity = await trx.selectFrom('entity').select('id').where('code', '=', r.entityCode).executeTakeFirst();
    if (!entity) throw new OfficerWriteError('unknown_entity');
    const row = await trx
      .insertInto('officer_recusal')
      .values({ officer_id: officerId, entity_id: entity.id, reason: r.reason, declared_on: r.declaredOn })
      .onConflict((oc) => oc.columns(['officer_id', 'entity_id']).where('withdrawn_on', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new OfficerWriteError('already_recused');
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'officer.recusal.declare',
      entityType: 'officer',
      entityId: officerId,
      after: { id: row.id, ...r },
    });
    return row.id;
  });
}

export async function withdrawRecusal(
  db: Kysely<DB>,
  officerId: number,
  recusalId: number,
  w: { withdrawnOn: string; reason: string },
  actor: Actor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('officer_recusal')
      .set({ withdrawn_on: w.withdrawnOn })
      .where('id', '=', recusalId)
      .where('officer_id', '=', officerId)
      .where('withdrawn_on', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'officer.recusal.withdraw',
      entityType: 'officer',
      entityId: officerId,
      before: { id: recusalId, withdrawn_on: null },
      after: { id: recusalId, withdrawn_on: w.withdrawnOn },
      details: { reason: w.reason },
    });
    return true;
  });
}
