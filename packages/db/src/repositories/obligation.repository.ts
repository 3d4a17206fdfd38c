import type { EntityKind, Obligation, RegistryEntity, VehicleCounts } from '@supervise/core';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, Obligation as ObligationTable, ReconcileBatch } from '../generated/db.js';

/**
 * Obligations planned by core's `planPeriod`, and the registry snapshot they are planned from.
 * The registry is read in keyset pages (`id > cursor order by id limit n`), never whole: a province of
 * 200,000 entities × a year of windows must never sit in memory. Inserts are `on conflict (key) do
 * nothing`: the planner's key is the one guard against doubles (conventions §6).
 */
type Db = Kysely<DB> | Transaction<DB>;

export type ObligationRow = Selectable<ObligationTable>;
export type NewObligationRow = Insertable<ObligationTable>;
export type ReconcileBatchRow = Selectable<ReconcileBatch>;

/** Entities per keyset page. */
export const SNAPSHOT_PAGE_SIZE = 1000;
/**
 * Rows per INSERT statement. The rows travel as one array per column (`unnest`), so the statement's
 * text and parameter count are the same whatever the number of rows; this bounds one statement (a
 * reconcile page holds ≈ 170 census obligations of a period at the province's density; the demo's
 * month, one per entity, writes a page in three statements, which the PostgreSQL-termination drill
 * relies on to find a batch mid-way).
 */
const OBLIGATION_INSERT_BATCH = 400;

export interface SnapshotEntity extends RegistryEntity {
  /** Database id, a number (RegistryEntity.id is its decimal string). */
  dbId: number;
  brigadeId: string;
  stationId: string | null;
}

export interface SnapshotRange {
  /** Exclusive lower bound of entity ids. */
  afterId: number;
  /** Inclusive upper bound of entity ids; null = no bound. */
  upToId: number | null;
  /** Only these kinds (e.g. the kinds a campaign rule covers). */
  kinds?: readonly string[];
  pageSize?: number;
}

/** The planner's view of an entity: it is active from registration to closure, both inclusive. */
function toSnapshotEntity(r: {
  id: number;
  kind: string;
  vehicle_counts: unknown;
  registered_on: string;
  closed_on: string | null;
  brigade_id: string;
  station_id: string | null;
}): SnapshotEntity {
  return {
    id: String(r.id),
    dbId: Number(r.id),
    kind: r.kind as EntityKind,
    vehicleCounts: (r.vehicle_counts as VehicleCounts | null) ?? null,
    activeFrom: r.registered_on,
    activeUntil: r.closed_on,
    brigadeId: r.brigade_id,
    stationId: r.station_id,
  };
}

/** Reads the registry in keyset pages of `pageSize` entities, ordered by id. */
export async function* readRegistrySnapshot(db: Db, range: SnapshotRange): AsyncGenerator<SnapshotEntity[]> {
  const pageSize = range.pageSize ?? SNAPSHOT_PAGE_SIZE;
  let cursor = range.afterId;
  for (;;) {
    let q = db
      .selectFrom('entity')
      .select(['id', 'kind', 'vehicle_counts', 'registered_on', 'closed_on', 'brigade_id', 'station_id'])
      .where('id', '>', cursor);
    if (range.upToId !== null) q = q.where('id', '<=', range.upToId);
    if (range.kinds) {
      if (range.kinds.length === 0) return;
      q = q.where('kind', 'in', [...range.kinds]);
    }
    const rows = await q.orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map(toSnapshotEntity);
    if (rows.length < pageSize) return;
    cursor = Number(rows[rows.length - 1]!.id);
    // A full page that ends at the range's last id: nothing can follow (a reconcile page of 1,000 ids
    // with every id registered asked again for nothing, once per page).
    if (range.upToId !== null && cursor >= range.upToId) return;
  }
}

/**
 * The units (brigade, police station) the entities of a range belong to, each pair once: what a
 * reconcile batch rosters from, read before its pages so their officers are read together.
 */
export async function registryUnits(
  db: Db,
  range: { afterId: number; upToId: number | null; kinds?: readonly string[] },
): Promise<{ brigadeId: string; stationId: string | null }[]> {
  if (range.kinds?.length === 0) return [];
  let q = db.selectFrom('entity').select(['brigade_id', 'station_id']).distinct().where('id', '>', range.afterId);
  if (range.upToId !== null) q = q.where('id', '<=', range.upToId);
  if (range.kinds) q = q.where('kind', 'in', [...range.kinds]);
  const rows = await q.orderBy(['brigade_id', 'station_id']).execute();
  return rows.map((r) => ({ brigadeId: r.brigade_id, stationId: r.station_id }));
}

/** The highest entity id, or 0 for an empty registry: the reconcile splits [1, max] into id ranges. */
export async function maxEntityId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('entity')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/**
 * The calendar period an obligation belongs to: a census obligation's cadence window; a campaign's or
 * spot check's year. Stored as period_start / period_end, so reconciling a month never touches a
 * quarterly obligation and vice versa.
 */
export function obligationPeriod(o: Obligation): { start: string; end: string } {
  if (o.type === 'census') return o.window;
  const year = o.window.start.slice(0, 4);
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

export function toObligationRow(o: Obligation): NewObligationRow {
  const period = obligationPeriod(o);
  const base: NewObligationRow = {
    key: o.key,
    type: o.type,
    regime: o.regime,
    rule_id: o.ruleId,
    rule_version: o.ruleVersion,
    kind: o.entityKind,
    entity_id: null,
    period_start: period.start,
    period_end: period.end,
    window_start: o.window.start,
    window_end: o.window.end,
    clause: o.clause,
    quota_source: o.quotaSource.kind,
    quota_reference: o.quotaSource.kind === 'superior' ? o.quotaSource.reference : null,
    quota_issued_by: o.quotaSource.kind === 'superior' ? o.quotaSource.issuedBy : null,
  };
  switch (o.type) {
    case 'census':
      return { ...base, entity_id: Number(o.entityId), cadence: o.cadence, purpose: o.purpose };
    case 'campaign':
      return {
        ...base,
        sequence: o.sequence,
        per_year: o.perYear,
        population: o.population,
        min_share: o.minShare,
        min_count: o.minCount,
      };
    case 'spot_check':
      return { ...base, population: o.population, max_share: o.maxShare, max_count: o.maxCount };
  }
}

/** The obligation columns written by the planner, with their PostgreSQL types (for `unnest`). */
const OBLIGATION_COLUMNS = [
  ['key', 'text'],
  ['type', 'text'],
  ['regime', 'text'],
  ['rule_id', 'text'],
  ['rule_version', 'text'],
  ['kind', 'text'],
  ['entity_id', 'bigint'],
  ['period_start', 'date'],
  ['period_end', 'date'],
  ['window_start', 'date'],
  ['window_end', 'date'],
  ['cadence', 'text'],
  ['purpose', 'text'],
  ['clause', 'text'],
  ['quota_source', 'text'],
  ['quota_reference', 'text'],
  ['quota_issued_by', 'text'],
  ['sequence', 'integer'],
  ['per_year', 'integer'],
  ['population', 'integer'],
  ['min_share', 'text'],
  ['min_count', 'integer'],
  ['max_share', 'text'],
  ['max_count', 'integer'],
] as const satisfies readonly (readonly [keyof NewObligationRow & string, string])[];

/** An obligation this call inserted: its id and the planner's key. */
export interface InsertedObligation {
  id: number;
  key: string;
}

/**
 * Inserts the obligations that are not there yet (`on conflict (key) do nothing`); an existing row
 * is never updated (its rule version and quota stay those that created it). Returns the rows it
 * inserted (id and key, in no particular order), so a caller can go on with them without reading them
 * back. One statement per 400 rows: a column whose rows differ travels as one array parameter
 * (`insert … select … from unnest($1::text[], …)`), never a parameter per value (issue 14 §2); a column
 * the same in every row (a page's census obligations share all but their key and entity: the rule, its
 * version, the window, the clause…) travels once, as one value. Issue 14: sending every column as an
 * array was 300 MB a year at a province's size, and the worker's single largest cost (writing it to the
 * socket), after the garbage collector.
 */
export async function insertObligations(db: Db, obligations: readonly Obligation[]): Promise<InsertedObligation[]> {
  const out: InsertedObligation[] = [];
  for (let i = 0; i < obligations.length; i += OBLIGATION_INSERT_BATCH) {
    const rows = obligations.slice(i, i + OBLIGATION_INSERT_BATCH).map(toObligationRow);
    const columns = OBLIGATION_COLUMNS.map(([c, type]) => ({ c, type, values: rows.map((r) => r[c] ?? null) }));
    // The key differs in every row: at least one array, so `unnest` gives one row per obligation.
    const arrays = columns.filter(({ c, values }) => c === 'key' || values.some((v) => v !== values[0]));
    const selected = columns.map((col) =>
      arrays.includes(col) ? sql.ref(`t.${col.c}`) : sql`${col.values[0]}::${sql.raw(col.type)}`,
    );
    const res = await sql<{ id: string; key: string }>`
      insert into obligation (${sql.join(columns.map(({ c }) => sql.ref(c)))})
      select ${sql.join(selected)}
      from unnest(${sql.join(arrays.map(({ type, values }) => sql`${values}::${sql.raw(type)}[]`))})
        as t(${sql.join(arrays.map(({ c }) => sql.ref(c)))})
      on conflict (key) do nothing
      returning id, key`.execute(db);
    for (const r of res.rows) out.push({ id: Number(r.id), key: r.key });
  }
  return out;
}

/** `insertObligations`, counted: how many rows were inserted. */
export async function insertMissingObligations(db: Db, obligations: readonly Obligation[]): Promise<number> {
  return (await insertObligations(db, obligations)).length;
}

export interface ObligationFilter {
  periodStart?: string;
  periodEnd?: string;
  type?: 'census' | 'campaign' | 'spot_check';
}

export async function countObligations(db: Db, filter: ObligationFilter = {}): Promise<number> {
  let q = db.selectFrom('obligation').select((eb) => eb.fn.countAll<string>().as('n'));
  if (filter.periodStart) q = q.where('period_start', '=', filter.periodStart);
  if (filter.periodEnd) q = q.where('period_end', '=', filter.periodEnd);
  if (filter.type) q = q.where('type', '=', filter.type);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Keys of a period's obligations, in key order (tests, audits). */
export async function listObligationKeys(db: Db, filter: ObligationFilter = {}): Promise<string[]> {
  let q = db.selectFrom('obligation').select('key');
  if (filter.periodStart) q = q.where('period_start', '=', filter.periodStart);
  if (filter.periodEnd) q = q.where('period_end', '=', filter.periodEnd);
  if (filter.type) q = q.where('type', '=', filter.type);
  return (await q.orderBy('key').execute()).map((r) => r.key);
}

/**
 * One md5 per obligation of the filter, over every planned column (not id or created_at), ordered by
 * key: two generations of the same period must give the same list.
 */
export async function obligationRowHashes(db: Db, filter: ObligationFilter = {}): Promise<string[]> {
  let q = db.selectFrom('obligation as o').select(
    sql<string>`md5(row(o.key, o.type, o.regime, o.rule_id, o.rule_version, o.kind, o.entity_id, o.period_start,
        o.period_end, o.window_start, o.window_end, o.cadence, o.purpose, o.clause, o.quota_source, o.quota_reference,
        o.quota_issued_by, o.sequence, o.per_year, o.population, o.min_share, o.min_count, o.max_share, o.max_count,
        o.status)::text)`.as('h'),
  );
  if (filter.periodStart) q = q.where('o.period_start', '=', filter.periodStart);
  if (filter.periodEnd) q = q.where('o.period_end', '=', filter.periodEnd);
  if (filter.type) q = q.where('o.type', '=', filter.type);
  return (await q.orderBy('o.key').execute()).map((r) => r.h);
}

export interface CensusObligationToRoster {
  obligationId: number;
  entityId: number;
  regime: string;
  windowStart: string;
  windowEnd: string;
  brigadeId: string;
  stationId: string | null;
}

/**
 * Open census obligations of one period whose entity lies in (afterId, upToId] and that have no live
 * inspection yet, in keyset pages by obligation id.
 */
export async function* censusObligationsWithoutInspection(
  db: Db,
  range: { periodStart: string; periodEnd: string; afterId: number; upToId: number | null; pageSize?: number },
): AsyncGenerator<CensusObligationToRoster[]> {
  const pageSize = range.pageSize ?? SNAPSHOT_PAGE_SIZE;
  let cursor = 0;
  for (;;) {
    let q = db
      .selectFrom('obligation as o')
      .innerJoin('entity as e', 'e.id', 'o.entity_id')
      .select([
        'o.id as obligationId',
        'o.entity_id as entityId',
        'o.regime',
        'o.window_start as windowStart',
        'o.window_end as windowEnd',
        'e.brigade_id as brigadeId',
        'e.station_id as stationId',
      ])
      .where('o.type', '=', 'census')
      .where('o.status', '=', 'open')
      .where('o.period_start', '=', range.periodStart)
      .where('o.period_end', '=', range.periodEnd)
      .where('o.entity_id', '>', range.afterId)
      .where('o.id', '>', cursor)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('inspection as i')
              .select('i.id')
              .whereRef('i.obligation_id', '=', 'o.id')
              .where('i.trigger', '=', 'census')
              .where('i.status', '<>', 'cancelled'),
          ),
        ),
      );
    if (range.upToId !== null) q = q.where('o.entity_id', '<=', range.upToId);
    const rows = await q.orderBy('o.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r, entityId: Number(r.entityId), obligationId: Number(r.obligationId) }));
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1]!.obligationId;
  }
}

export interface ReconcileBatchResult {
  periodKind: 'month' | 'two_months' | 'quarter' | 'year';
  periodStart: string;
  part: 'census' | 'quotas';
  afterId: number;
  upToId: number;
  entities: number;
  planned: number;
  inserted: number;
  rostered: number;
  unrostered: number;
  note: string | null;
}

/** Records that a batch finished (upsert: a rerun adds to `runs` and replaces the counts). */
export async function recordReconcileBatch(db: Db, r: ReconcileBatchResult): Promise<void> {
  await db
    .insertInto('reconcile_batch')
    .values({
      period_kind: r.periodKind,
      period_start: r.periodStart,
      part: r.part,
      after_id: r.afterId,
      up_to_id: r.upToId,
      entities: r.entities,
      planned: r.planned,
      inserted: r.inserted,
      rostered: r.rostered,
      unrostered: r.unrostered,
      note: r.note,
    })
    .onConflict((oc) =>
      oc.columns(['period_kind', 'period_start', 'part', 'after_id']).doUpdateSet((eb) => ({
        up_to_id: eb.ref('excluded.up_to_id'),
        entities: eb.ref('excluded.entities'),
        planned: eb.ref('excluded.planned'),
        inserted: eb.ref('excluded.inserted'),
        rostered: eb.ref('excluded.rostered'),
        unrostered: eb.ref('excluded.unrostered'),
        note: eb.ref('excluded.note'),
        runs: sql<number>`reconcile_batch.runs + 1`,
        finished_at: sql<string>`now()`,
      })),
    )
    .execute();
}

export async function listReconcileBatches(db: Db, periodStart: string): Promise<ReconcileBatchRow[]> {
  return db
    .selectFrom('reconcile_batch')
    .selectAll()
    .where('period_start', '=', periodStart)
    .orderBy(['period_kind', 'part', 'after_id'])
    .execute();
}
