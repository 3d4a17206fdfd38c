import {
  CalendarYearMissingError,
  DEFAULT_PLANNING_RULES,
  createCalendar,
  countQuotaPopulations,
  isInService,
  planPeriod,
  planQuotas,
  quotaPopulationNeeds,
  type Obligation,
  type PlanningRules,
  type StatutoryCalendar,
  bureauDate,
  censusKindsOfWindow,
} from '@supervise/core';
import {
  censusObligationsWithoutInspection,
  insertMissingObligations,
  insertObligations,
  inServiceFrom,
  insertRosteredInspections,
  loadStatutoryCalendar,
  markBatchDone,
  maxEntityId,
  obligationPeriod,
  quotaCountKey,
  quotaCountsWhenComplete,
  readRegistrySnapshot,
  registryUnits,
  recordReconcileBatch,
  saveQuotaCounts,
  wantedRunOf,
  type CensusObligationToRoster,
  type Database,
  type InsertedObligation,
  type SnapshotEntity,
} from '@supervise/db';
import { registerProcessor, stopIfAsked } from '../processor-context.js';
import { planningDays } from '../roster/roster-planner.js';
import { RosterSession } from '../roster/roster-session.js';
import { periodSpan } from './reconcile-period.js';

/** The kinds that campaign and spot-check rules cover: the only population the quotas part reads. */
const QUOTA_KINDS = [
  ...new Set(
    DEFAULT_PLANNING_RULES.versions.flatMap((v) => v.rules.filter((r) => r.type !== 'census').flatMap((r) => [...r.kinds])),
  ),
].sort();

/**
 * The rules the quotas part plans with: campaigns and spot checks only. Issue 14 §3: planned with
 * every rule, the year's quotas batch also built a census obligation per entity and month (66,941
 * entities: some 800,000 objects, sorted, then thrown away), which held the event loop past BullMQ's
 * lock and ran the job twice. Campaigns and spot checks only count the population of their kinds per
 * window, so this is the same result in one pass. Overrides of census rules do not bear on quotas.
 */
export function quotaRulesOnly(rules: PlanningRules): PlanningRules {
  const quotaRuleIds = new Set(rules.versions.flatMap((v) => v.rules.filter((r) => r.type !== 'census').map((r) => r.id)));
  return {
    versions: rules.versions.map((v) => ({ ...v, rules: v.rules.filter((r) => r.type !== 'census') })),
    overrides: (rules.overrides ?? []).filter((o) => quotaRuleIds.has(o.ruleId)),
  };
}
const QUOTA_RULES = quotaRulesOnly(DEFAULT_PLANNING_RULES);

async function statutoryCalendar(db: Database): Promise<StatutoryCalendar> {
  const { years, days } = await loadStatutoryCalendar(db);
  return createCalendar(days, years);
}

/**
 * Issue 4 §1 + §3: plans one period for one id range of the registry with core's planPeriod, keeps
 * the obligations that belong to this period (a month's reconcile never writes a quarter's), inserts
 * the missing ones (`on conflict (key) do nothing`), then rosters the census ones that have no
 * inspection yet. Idempotent: a rerun, a doubled tick or a restart after a kill inserts nothing twice.
 */
export const reconcileBatchProcessor = registerProcessor('reconcile-batch', async (payload, ctx) => {
  const period = periodSpan({ kind: payload.periodKind, start: payload.periodStart });
  // The ledger's run this batch answers: read before any work, so the work reflects the database
  // from then on; marked done only after the last write (a kill in between leaves it owed).
  const run = await wantedRunOf(ctx.db, batchKey(payload));
  // Issue 8 §4: a window that ended before the system went into service creates no obligation.
  const inService = await inServiceFrom(ctx.db);
  const belongs = (o: Obligation) => {
    const p = obligationPeriod(o);
    return p.start === period.start && p.end === period.end && isInService(o.window.end, inService);
  };
  let entities = 0;
  let planned = 0;
  let inserted = 0;

  if (payload.part === 'quotas') {
    // A campaign's population is the whole kind: this batch counts its id range's share of each
    // population the year's quotas need (core's rule, a page at a time) and stores the numbers; the
    // batch that finds every range of the period counted plans the quotas from the sums.
    const needs = quotaPopulationNeeds(QUOTA_RULES, period);
    const counts = needs.map(() => 0);
    for await (const page of readRegistrySnapshot(ctx.db, {
      afterId: payload.afterId,
      upToId: payload.upToId,
      kinds: QUOTA_KINDS,
    })) {
      entities += page.length;
      countQuotaPopulations(page, needs).forEach((n, i) => (counts[i]! += n));
      // Yields between pages (BullMQ renews the lock meanwhile) and stops here on SIGTERM: nothing
      // is written before the range is counted, so the next attempt simply starts again.
      await stopIfAsked(ctx, `quotas page ${payload.afterId}+${entities}`);
    }
    const mine = needs.map((n, i) => ({ kind: n.kind, start: n.window.start, end: n.window.end, n: counts[i]! }));
    await saveQuotaCounts(ctx.db, batchKey(payload), run, mine);
    const totals = await quotaCountsWhenComplete(ctx.db, batchKey(payload), mine.map(quotaCountKey), await maxEntityId(ctx.db));
    if (totals) {
      const population = (kind: string, w: { start: string; end: string }) => totals.get(quotaCountKey({ kind, ...w }))!;
      const obligations = planQuotas(population, QUOTA_RULES, period).filter((o) => o.type !== 'census' && belongs(o));
      planned = obligations.length;
      inserted = await insertMissingObligations(ctx.db, obligations);
    }
    await recordReconcileBatch(ctx.db, {
      ...batchKey(payload),
      entities,
      planned,
      inserted,
      rostered: 0,
      unrostered: 0,
      note: null,
    });
    await markBatchDone(ctx.db, batchKey(payload), run);
    return { planned, inserted };
  }

  // Rosters. A year the statutory calendar does not cover is recorded and day-spreading skipped;
  // the job does not fail (the obligations are safe whatever the rosters do).
  let calendar: StatutoryCalendar | null = null;
  try {
    calendar = await statutoryCalendar(ctx.db);
  } catch (e) {
    if (!(e instanceof CalendarYearMissingError)) throw e;
  }
  const days = planningDays(period, bureauDate(ctx.now()), calendar);
  if (days.note)
    ctx.log.error('roster day-spreading skipped: statutory calendar year missing', {
      period: `${payload.periodKind}.${payload.periodStart}`,
      note: days.note,
    });
  // Only the kinds with a census window of exactly this period are read: a month's reconcile plans
  // the monthly kinds (about a quarter of the province), not every bank and café with it.
  const kinds = censusKindsOfWindow(DEFAULT_PLANNING_RULES, period);
  const rosters = new RosterSession(ctx.db, period, days, (rows) => insertRosteredInspections(ctx.db, rows));

  // The range is worked in one pass: first its census obligations already there without a live
  // inspection (a run stopped between its writes, an officer who was unavailable, a cancelled
  // inspection), then its registry in pages, planned, the missing obligations inserted and the ones
  // this insert created rostered from what it returned (nothing read back); older obligations first,
  // so the rosters go in obligation id order. Officers, loads and the calendar are read once for the
  // whole job (the session keeps them), the officers of every unit the range's entities belong to in
  // one read at the first page with something to roster (none on a rerun). The rosters are planned
  // and written by pages of `ROSTER_PAGE` obligations, whatever id page they came from; a stop between
  // pages loses nothing (the writes are `on conflict do nothing`, and an obligation left without its
  // roster is found first next time).
  const top = Math.min(payload.upToId, await maxEntityId(ctx.db));
  const range = { afterId: payload.afterId, upToId: top };
  rosters.expectUnits(await registryUnits(ctx.db, { ...range, kinds }));
  for await (const page of censusObligationsWithoutInspection(ctx.db, {
    ...range,
    periodStart: period.start,
    periodEnd: period.end,
  })) {
    await rosters.add(page);
    await stopIfAsked(ctx, `roster page ${payload.afterId}`);
  }
  for await (const page of readRegistrySnapshot(ctx.db, { ...range, kinds })) {
    entities += page.length;
    const obligations = planPeriod({ entities: page }, DEFAULT_PLANNING_RULES, period).filter(
      (o) => o.type === 'census' && belongs(o),
    );
    planned += obligations.length;
    const created = await insertObligations(ctx.db, obligations);
    inserted += created.length;
    await rosters.add(toRoster(created, obligations, page));
    await stopIfAsked(ctx, `census page ${page[0]!.dbId}`);
  }
  await rosters.flush();
  const { rostered, unrostered } = rosters;
  if (unrostered > 0) ctx.log.info('census obligations without two available officers', { unrostered, afterId: payload.afterId });
  await recordReconcileBatch(ctx.db, {
    ...batchKey(payload),
    entities,
    planned,
    inserted,
    rostered,
    unrostered,
    note: days.note,
  });
  await markBatchDone(ctx.db, batchKey(payload), run);
  return { planned, inserted, rostered, unrostered };
});

function batchKey(p: {
  periodKind: 'month' | 'two_months' | 'quarter' | 'year';
  periodStart: string;
  part: 'census' | 'quotas';
  afterId: number;
  upToId: number;
}) {
  return { periodKind: p.periodKind, periodStart: p.periodStart, part: p.part, afterId: p.afterId, upToId: p.upToId };
}

/**
 * The census obligations an insert created, as the roster reads them: in obligation id order, with
 * their entity's brigade and police station from the registry page they were planned from.
 */
function toRoster(
  created: readonly InsertedObligation[],
  planned: readonly Obligation[],
  page: readonly SnapshotEntity[],
): CensusObligationToRoster[] {
  if (created.length === 0) return [];
  const byKey = new Map(planned.map((o) => [o.key, o]));
  const entity = new Map(page.map((e) => [e.dbId, e]));
  return [...created]
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const o = byKey.get(c.key)!;
      if (o.type !== 'census') throw new Error(`not a census obligation: ${c.key}`);
      const e = entity.get(Number(o.entityId))!;
      return {
        obligationId: c.id,
        entityId: e.dbId,
        regime: o.regime,
        windowStart: o.window.start,
        windowEnd: o.window.end,
        brigadeId: e.brigadeId,
        stationId: e.stationId,
      };
    });
}
