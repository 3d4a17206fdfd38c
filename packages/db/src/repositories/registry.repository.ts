import type { VehicleCounts } from '@supervise/core';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Brigade, DB, Entity, Officer, PoliceStation } from '../generated/db.js';

/**
 * The registry: brigades, police stations, officers and supervised entities (检查对象名录库).
 * Every function takes the db (or a transaction) first so callers can compose them in one transaction.
 */
export type NewBrigade = Insertable<Brigade>;
export type NewPoliceStation = Insertable<PoliceStation>;
export type NewOfficer = Omit<Insertable<Officer>, 'id'>;
/** R03 units carry their vehicle counts; the column is jsonb. */
export type NewEntity = Omit<Insertable<Entity>, 'id' | 'created_at' | 'updated_at' | 'vehicle_counts'> & {
  vehicle_counts?: VehicleCounts | null;
};
export type BrigadeRow = Selectable<Brigade>;
export type PoliceStationRow = Selectable<PoliceStation>;
export type OfficerRow = Selectable<Officer>;
export type EntityRow = Selectable<Entity>;

/** Rows per INSERT statement: keeps each statement well under PostgreSQL's 65,535 parameters. */
export const DEFAULT_BATCH_SIZE = 500;

export interface BatchOptions {
  batchSize?: number;
}

export function* batches<T>(rows: readonly T[], size = DEFAULT_BATCH_SIZE): Generator<T[]> {
  if (size < 1) throw new Error('batch size must be at least 1');
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Identity values of one multi-row INSERT are drawn in the order of its VALUES list; RETURNING's row
 * order is not promised, so the returned ids are sorted to line up with the input rows.
 */
export function idsInInputOrder(returned: readonly { id: number }[]): number[] {
  return returned.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export async function insertBrigades(db: Kysely<DB>, rows: readonly NewBrigade[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('brigade').values(rows.slice()).execute();
}

export async function insertPoliceStations(db: Kysely<DB>, rows: readonly NewPoliceStation[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('police_station').values(rows.slice()).execute();
}

/** Inserts officers in batches; returns their ids in input order. */
export async function insertOfficers(db: Kysely<DB>, rows: readonly NewOfficer[], opts: BatchOptions = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows, opts.batchSize)) {
    ids.push(...idsInInputOrder(await db.insertInto('officer').values(batch).returning('id').execute()));
  }
  return ids;
}

/** Inserts supervised entities in batches; returns their ids in input order. */
export async function insertEntities(db: Kysely<DB>, rows: readonly NewEntity[], opts: BatchOptions = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows, opts.batchSize)) {
    // jsonb: pass vehicle counts as JSON text so pg does not send a JS array/object as a PG array.
    const values = batch.map((r) => ({
      ...r,
      vehicle_counts: r.vehicle_counts == null ? null : JSON.stringify(r.vehicle_counts),
    }));
    ids.push(...idsInInputOrder(await db.insertInto('entity').values(values).returning('id').execute()));
  }
  return ids;
}

export interface EntityCountFilter {
  regimeCode?: string;
  kind?: string;
  status?: 'active' | 'closed';
  stationId?: string;
}

export async function countEntities(db: Kysely<DB>, filter: EntityCountFilter = {}): Promise<number> {
  let q = db.selectFrom('entity').select((eb) => eb.fn.countAll<string>().as('n'));
  if (filter.regimeCode) q = q.where('regime_code', '=', filter.regimeCode);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.stationId) q = q.where('station_id', '=', filter.stationId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listBrigades(db: Kysely<DB>): Promise<BrigadeRow[]> {
  return db.selectFrom('brigade').selectAll().orderBy('id').execute();
}

export async function listPoliceStations(db: Kysely<DB>): Promise<PoliceStationRow[]> {
  return db.selectFrom('police_station').selectAll().orderBy('id').execute();
}

export async function listOfficers(
  db: Kysely<DB>,
  filter: { brigadeId?: string; stationId?: string; activeOnly?: boolean } = {},
): Promise<OfficerRow[]> {
  let q = db.selectFrom('officer').selectAll();
  if (filter.brigadeId) q = q.where('brigade_id', '=', filter.brigadeId);
  if (filter.stationId) q = q.where('station_id', '=', filter.stationId);
  if (filter.activeOnly) q = q.where('active', '=', true);
  return q.orderBy('id').execute();
}

export async function findOfficerByCode(db: Kysely<DB>, code: string): Promise<OfficerRow | undefined> {
  return db.selectFrom('officer').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findEntityByCode(db: Kysely<DB>, code: string): Promise<EntityRow | undefined> {
  return db.selectFrom('entity').selectAll().where('code', '=', code).executeTakeFirst();
}
