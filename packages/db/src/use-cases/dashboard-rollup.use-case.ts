import { can } from '@supervise/core';
import type { Database } from '../client.js';
import { recordAudit } from '../repositories/audit.repository.js';
import {
  dirtyRollupCount,
  rebuildRollupsIn,
  refreshDirtyRollups,
  type RollupPacing,
} from '../repositories/dashboard-rollup.repository.js';
import { auditActor, type Actor } from './actor.js';

/**
 * The dashboard's rollups kept current (issue 12 §5). `refreshDashboardRollups` is the worker's
 * cycle (the `refresh-dashboard-rollups` job; a test bringing the figures current calls it too):
 * the cells marked by the triggers recounted in bounded batches, each batch one transaction.
 * `rebuildDashboardRollups` recounts every cell from scratch (`supervise dashboard rebuild`),
 * audited; the figures before and after are the same unless the rollups had gone wrong.
 */

/** Marks per batch: one transaction recounts at most this many (regime, day) cells. */
export const ROLLUP_REFRESH_BATCH = 200;

export interface RollupRefreshResult {
  batches: number;
  marks: number;
  days: number;
  /** Marks still waiting (the batch budget ran out, or they were written meanwhile). */
  left: number;
}

/**
 * The worker's pacing (issue 14 §3): a cell whose recount took 200 ms or more (a province's month-end
 * day) rests ten times as long before the worker recounts it again. Measured 2026-12-01 on the bench's
 * province (200,000 entities), after the year's reconcile: R09's 31 May 1.1–2.6 s, 31 December 0.9 s,
 * 31 March 0.5 s; R03's 31 May 0.1 s; a district's cells take a few milliseconds.
 */
export const WORKER_ROLLUP_PACING: RollupPacing = { restFactor: 10, floorMs: 200 };

/**
 * Recounts the marked cells, batch after batch, until none is left or `maxBatches` ran. Safe to run
 * concurrently. With `pacing` (the worker's cycle), a costly cell recounted lately is left for later;
 * without it (the CLI, a test), every mark is taken.
 */
export async function refreshDashboardRollups(
  db: Database,
  options: { batch?: number; maxBatches?: number; pacing?: RollupPacing } = {},
): Promise<RollupRefreshResult> {
  const batch = options.batch ?? ROLLUP_REFRESH_BATCH;
  const maxBatches = options.maxBatches ?? 50;
  const out = { batches: 0, marks: 0, days: 0 };
  while (out.batches < maxBatches) {
    const r = await refreshDirtyRollups(db, batch, options.pacing);
    out.batches++;
    out.marks += r.marks;
    out.days += r.days;
    if (r.marks < batch) break;
  }
  return { ...out, left: await dirtyRollupCount(db) };
}

export type RollupRebuildResult = { ok: true; cells: number } | { ok: false; code: 'FORBIDDEN' };

/**
 * Every rollup cell recounted from the source rows, in one transaction with its audit entry. The
 * operator on the server (CLI, no principal) and the worker may; an account needs `settings.manage`
 * (the system administrator). A refusal is audited as `denied`.
 */
export async function rebuildDashboardRollups(db: Database, actor: Actor): Promise<RollupRebuildResult> {
  return db.transaction().execute(async (tx) => {
    if (actor.principal && !can(actor.principal, 'settings.manage')) {
      await recordAudit(tx, {
        action: 'dashboard.rollups_rebuild',
        outcome: 'denied',
        reason: 'forbidden',
        ...auditActor(actor),
        entityType: 'dashboard_rollup',
        details: { via: actor.via },
      });
      return { ok: false, code: 'FORBIDDEN' };
    }
    const { cells } = await rebuildRollupsIn(tx);
    await recordAudit(tx, {
      action: 'dashboard.rollups_rebuild',
      ...auditActor(actor),
      entityType: 'dashboard_rollup',
      after: { cells },
      details: { via: actor.via },
    });
    return { ok: true, cells };
  });
}
