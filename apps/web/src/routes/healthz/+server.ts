import { json } from '@sveltejs/kit';
import { canConnect, latestHeartbeat } from '@supervise/db';
import { pingQueueBackend } from '@supervise/queue';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { healthReport, withinTime } from '$lib/server/health';
import type { RequestHandler } from './$types';

const CHECK_MS = 2_000;

// No authentication: load balancers and `npm start` poll it. It reveals reachability only: 200 when
// the database, the queue backend and a worker are all up, else 503 naming what fails.
export const GET: RequestHandler = async (event) => {
  requireRoute(event, { public: true });
  const { databaseUrl, queue: queueConfig } = env();
  const [database, queue, beat] = await Promise.all([
    // A fresh connection, not the pool: says whether PostgreSQL answers now.
    withinTime(() => canConnect(databaseUrl, CHECK_MS), CHECK_MS + 200, false),
    withinTime(() => pingQueueBackend(queueConfig, CHECK_MS), CHECK_MS + 200, false),
    withinTime(() => latestHeartbeat(getDb()), CHECK_MS, undefined),
  ]);
  const { httpStatus, body } = healthReport({
    database,
    queueBackend: queueConfig.kind,
    queue,
    beat: beat ? { at: new Date(beat.beat_at), intervalMs: beat.interval_ms } : null,
    now: new Date(),
  });
  return json(body, { status: httpStatus, headers: { 'cache-control': 'no-store' } });
};
