/**
 * Issue 14 §2: a reconcile job writes its rosters once, not once per page, and they are the rosters
 * that writing each page at once gives (the session counts what the database would count).
 */
import { DEFAULT_PLANNING_RULES, planPeriod } from '@supervise/core';
import {
  censusObligationsWithoutInspection,
  insertObligations,
  insertRosteredInspections,
  listCensusRosters,
  maxEntityId,
  readRegistrySnapshot,
  type CensusObligationToRoster,
  type Database,
} from '@supervise/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrillFixture, DRILL_MONTH, type DrillFixture } from '../drills/drill-fixture.js';
import { periodSpan } from '../processors/reconcile-period.js';
import type { PlanningDays } from './roster-planner.js';
import { RosterSession } from './roster-session.js';

const month = periodSpan(DRILL_MONTH);
const days: PlanningDays = { days: ['2026-11-27', '2026-11-30'], fallbackDay: '2026-11-27', note: null };
let fx: DrillFixture;
/** The month's census obligations in pages of 1,000 entity ids, as a job meets them. */
const pages: CensusObligationToRoster[][] = [];

class RolledBack extends Error {}

/** Rosters every page through one session inside a transaction that is rolled back. */
async function roster(writeEachPage: boolean) {
  const writes: number[] = [];
  let out: { rosters: string[]; rostered: number } | undefined;
  await fx.t.db
    .transaction()
    .execute(async (trx) => {
      const session = new RosterSession(trx as Database, month, days, async (rows) => {
        writes.push(rows.length);
        return insertRosteredInspections(trx, rows);
      });
      for (const page of pages) {
        await session.add(page);
        await session.endPage();
        if (writeEachPage) await session.write();
      }
      await session.write();
      const rosters = (await listCensusRosters(trx, { from: month.start, to: month.end })).map(
        (r) => `${r.obligationId} ${r.plannedOn} ${[...r.officerIds].sort((a, b) => a - b).join(',')}`,
      );
      out = { rosters: rosters.sort(), rostered: session.rostered };
      throw new RolledBack();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RolledBack)) throw e;
    });
  return { writes, ...out! };
}

beforeAll(async () => {
  fx = await createDrillFixture({ entities: 2_500 });
  for await (const page of readRegistrySnapshot(fx.t.db, { afterId: 0, upToId: null }))
    await insertObligations(
      fx.t.db,
      planPeriod({ entities: page }, DEFAULT_PLANNING_RULES, month).filter(
        (o) => o.type === 'census' && o.window.start === month.start && o.window.end === month.end,
      ),
    );
  const top = await maxEntityId(fx.t.db);
  for (let after = 0; after < top; after += 1_000)
    for await (const page of censusObligationsWithoutInspection(fx.t.db, {
      periodStart: month.start,
      periodEnd: month.end,
      afterId: after,
      upToId: after + 1_000,
    }))
      pages.push(page);
});
afterAll(async () => {
  await fx?.dispose();
});

describe('RosterSession', () => {
  it('writes a job’s rosters in one statement, the same rosters as writing each page at once', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.flat()).toHaveLength(2_500);
    const perPage = await roster(true);
    const perJob = await roster(false);
    expect(perPage.writes).toEqual(pages.map((p) => p.length));
    expect(perJob.writes).toEqual([2_500]);
    expect(perJob.rostered).toBe(2_500);
    expect(perJob.rosters).toHaveLength(2_500);
    expect(perJob.rosters).toEqual(perPage.rosters);
  });
});
