/**
 * The record of a draw execution that failed after its retries (issue 14 §3): counted and dated on
 * the draw row, beside its unchanged commitment, for the scheduler's draw page. Never the result.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

export interface DrawExecuteFailure {
  failures: number;
  /** A short technical reason (an error code or class), never personal data. */
  reason: string;
  at: Date;
}

export async function recordDrawExecuteFailure(db: Kysely<DB>, drawId: string, reason: string): Promise<void> {
  await db
    .updateTable('draw')
    .set((eb) => ({
      execute_failures: eb('execute_failures', '+', 1),
      last_execute_failure: reason.slice(0, 200),
      last_execute_failed_at: sql`now()`,
    }))
    .where('id', '=', drawId)
    .where('status', '<>', 'executed')
    .execute();
}

export async function drawExecuteFailure(db: Kysely<DB>, drawId: string): Promise<DrawExecuteFailure | null> {
  const r = await db
    .selectFrom('draw')
    .select(['execute_failures', 'last_execute_failure', 'last_execute_failed_at'])
    .where('id', '=', drawId)
    .executeTakeFirst();
  if (!r || r.execute_failures === 0 || !r.last_execute_failed_at) return null;
  return { failures: r.execute_failures, reason: r.last_execute_failure ?? '', at: new Date(r.last_execute_failed_at) };
}
