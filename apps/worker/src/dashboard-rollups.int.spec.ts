/**
 * Issue 12 §5 against the real services: an inspection recorded through the real use-cases (start,
 * checklist, a hazard, both officers confirm, the unit head signs, close) changes the dashboard's
 * figures (read by the dashboard's own use-case, from the rollups only) after one run of the real
 * `refresh-dashboard-rollups` processor, and the running worker does it by itself on both queue
 * backends. Outcomes are read from Postgres, never from queue events.
 */
import {
  addHazard,
  closeInspectionRecord,
  confirmAsRecordingOfficer,
  confirmAsSecondOfficer,
  createAccount,
  dirtyRollupCount,
  hashPassword,
  loadDashboard,
  readDashboardQuery,
  rebuildDashboardRollups,
  saveChecklistResults,
  saveInspectedSide,
  startInspectionRecord,
  type Actor,
  type Database,
} from '@supervise/db';
import { createTestDatabase, smallPng, type TestDatabase } from '@supervise/db/testing';
import type { Job } from '@supervise/queue';
import { createTestQueueBackend, eventually, QUEUE_BACKEND_KINDS, type TestQueueBackend } from '@supervise/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';
import type { ProcessorContext } from './processor-context.js';
import { refreshDashboardRollupsProcessor } from './processors/refresh-dashboard-rollups.processor.js';
import { startWorker } from './start-worker.js';

const PASSWORD = 'Str0ng-Passw0rd!';
const TODAY = '2026-12-02';
const now = new Date('2026-12-02T02:00:00Z');
const leader = { roles: [{ role: 'leader' as const }] };

let t: TestDatabase;
let db: Database;
let entityId = 0;
let officerIds: number[] = [];
const actors: Record<string, Actor> = {};

async function account(username: string, officerId: number): Promise<void> {
  const id = await createAccount(db, {
    username,
    displayName: username,
    passwordHash: await hashPassword(PASSWORD),
    mustChangePassword: false,
    roles: [{ role: 'inspector', brigadeId: 'B-ZA', stationId: null }],
    now,
  });
  await db.updateTable('app_user').set({ officer_id: officerId }).where('id', '=', id).execute();
  actors[username] = {
    id,
    username,
    principal: { roles: [{ role: 'inspector', brigadeId: 'B-ZA', stationId: null }] },
    via: 'web',
  };
}

/** A planned R09 inspection of the hotel, rostered to both officers. */
async function plannedInspection(): Promise<number> {
  const insp = await db
    .insertInto('inspection')
    .values({ entity_id: entityId, regime_code: 'R09', trigger: 'census', planned_on: TODAY, status: 'planned' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('inspection_officer')
    .values(officerIds.map((officer_id) => ({ inspection_id: insp.id, officer_id, assigned_by: 'roster' })))
    .execute();
  return Number(insp.id);
}

/** The whole record, through the use-cases the inspector's phone calls. */
async function recordInspection(inspectionId: number): Promise<void> {
  const wang = actors.wang!;
  const ok = (r: { ok: boolean }) => expect(r.ok).toBe(true);
  ok(await startInspectionRecord(db, wang, inspectionId, now));
  ok(
    await saveChecklistResults(
      db,
      wang,
      {
        inspectionId,
        results: [
          { itemKey: 'R09-C1', result: 'pass' },
          { itemKey: 'R09-C2', result: 'fail', note: '通道堆放杂物' },
          ...['R09-C3', 'R09-C4', 'R09-C5'].map((itemKey) => ({ itemKey, result: 'not_applicable' as const })),
        ],
      },
      now,
    ),
  );
  ok(
    await addHazard(
      db,
      wang,
      { inspectionId, severity: 'major', description: '消防通道堵塞', itemKey: 'R09-C2', fixedOnSpot: false, photos: [] },
      now,
    ),
  );
  ok(await confirmAsRecordingOfficer(db, wang, { inspectionId, idShown: true }, now));
  ok(await confirmAsSecondOfficer(db, wang, { inspectionId, username: 'li', password: PASSWORD, idShown: true }, now));
  ok(
    await saveInspectedSide(
      db,
      wang,
      { inspectionId, status: 'signed', signerName: '赵六', signerRole: 'unit_head', png: smallPng() },
      now,
    ),
  );
  ok(await closeInspectionRecord(db, wang, { inspectionId, audioVideoRecorded: false }, now));
}

/** December's R09 figures as the leader's dashboard shows them. */
async function december() {
  const read = await readDashboardQuery(db, leader, { period: '2026-12' }, TODAY);
  if (!read.ok) throw new Error(read.problem.en);
  const view = await loadDashboard(db, read.filters, read.query, { trend: false });
  const r09 = view.regimes.find((r) => r.regime === 'R09')!;
  return { done: r09.inspectionsDone, hazards: r09.hazards, census: r09.coverageByKind.census };
}

function ctx(): ProcessorContext {
  return {
    db,
    workerId: 'test',
    queueBackend: 'redis',
    now: () => now,
    log: silentLogger,
    job: { opts: { attempts: 3 }, attemptsMade: 0 } as unknown as Job,
    signal: new AbortController().signal,
    jobState: async () => 'unknown',
    enqueue: async () => {
      throw new Error('the refresh enqueues nothing');
    },
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  await db.insertInto('brigade').values({ id: 'B-ZA', name_zh: '治安管理大队', name_en: 'Public order' }).execute();
  const entity = await db
    .insertInto('entity')
    .values({
      code: 'HOTEL-1',
      name: '宾馆',
      address: '鹿泉区',
      kind: 'hotel',
      regime_code: 'R09',
      brigade_id: 'B-ZA',
      registered_on: '2020-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  entityId = Number(entity.id);
  const officers = await db
    .insertInto('officer')
    .values(
      ['0001', '0002'].map((code, i) => ({
        code,
        name: ['王伟', '李娜'][i]!,
        brigade_id: 'B-ZA',
        credential_no: `ZF${code}`,
        credential_expires_on: '2030-01-01',
      })),
    )
    .returning('id')
    .execute();
  officerIds = officers.map((o) => Number(o.id));
  await account('wang', officerIds[0]!);
  await account('li', officerIds[1]!);
  // December's census obligation of the hotel (met by a done inspection in its window).
  await db
    .insertInto('obligation')
    .values({
      key: 'census:rollup-worker-test',
      type: 'census',
      regime: 'R09',
      rule_id: 'R09-TEST',
      rule_version: 'R09@2026-01-01',
      kind: 'hotel',
      entity_id: entityId,
      period_start: '2026-12-01',
      period_end: '2026-12-31',
      window_start: '2026-12-01',
      window_end: '2026-12-31',
      clause: 'test',
      quota_source: 'rulebook',
      cadence: 'month',
    })
    .execute();
  await rebuildDashboardRollups(db, { id: null, username: 'test', principal: null, via: 'cli' });
});

afterAll(async () => {
  await t?.db.destroy();
  await new Promise((r) => setTimeout(r, 200));
  await t?.drop();
});

describe('refresh-dashboard-rollups', () => {
  it('one run of the processor after an inspection is recorded: the figures change', async () => {
    expect(await december()).toEqual({ done: 0, hazards: 0, census: { done: 0, of: 1, rate: 0 } });
    await recordInspection(await plannedInspection());
    // Recorded, not yet refreshed: the dashboard reads the rollups only.
    expect(await dirtyRollupCount(db)).toBeGreaterThan(0);
    expect((await december()).done).toBe(0);

    await refreshDashboardRollupsProcessor.process({}, ctx());
    expect(await december()).toEqual({ done: 1, hazards: 1, census: { done: 1, of: 1, rate: 1 } });
    expect(await dirtyRollupCount(db)).toBe(0);
    // A second run has nothing to do and changes nothing.
    expect(await refreshDashboardRollupsProcessor.process({}, ctx())).toMatchObject({ marks: 0, left: 0 });
    expect((await december()).done).toBe(1);
  });

  describe.each(QUEUE_BACKEND_KINDS)('the running worker on %s', (kind) => {
    let backend: TestQueueBackend;
    beforeAll(() => {
      backend = createTestQueueBackend(kind, t.url);
    });
    afterAll(async () => {
      await backend?.cleanup();
    });

    it('brings the figures current by its scheduler alone', async () => {
      const before = (await december()).done;
      const worker = await startWorker({ db, queueConfig: backend.config, workerId: `rollups-${kind}`, concurrency: 1 });
      try {
        expect(worker.schedulerIds).toContain('refresh-dashboard-rollups.every-5s');
        await recordInspection(await plannedInspection());
        const after = await eventually(
          async () => {
            const d = await december();
            return d.done === before + 1 ? d : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 250 },
        );
        expect(after.hazards).toBe(before + 1);
        expect(await dirtyRollupCount(db)).toBe(0);
      } finally {
        await worker.stop();
      }
    });
  });
});
