/**
 * All recurring work, declared in one place (conventions §7). Each scheduler has a stable id, so
 * declaring at every start is an upsert: after a restart, or a Redis FLUSHALL, the same scheduler is
 * back and never doubled. A scheduler only triggers a job that works out from the database what is
 * due, so a missed or doubled tick changes nothing.
 */
import { HEARTBEAT_EVERY_MS, jobDefinition, parseJobPayload, type JobInput, type JobName, type QueueName } from './catalogue.js';
import type { AnyQueue } from './queue-config.js';

export const SCHEDULER_TIME_ZONE = 'Asia/Shanghai';
/** How often the worker brings the dashboard's rollups current (issue 12 §5: "within one worker cycle"). */
export const DASHBOARD_ROLLUP_EVERY_MS = 5_000;
/** How often the worker looks for draw tasks still owed (issue 14 §2), besides the executor's own add. */
export const DRAW_TASKS_EVERY_MS = 30_000;

export interface SchedulerContext {
  /** The worker process declaring the schedulers. */
  workerId: string;
  /** The heartbeat interval (default HEARTBEAT_EVERY_MS); tests shorten it. */
  heartbeatEveryMs?: number;
}

type Repeat = { every: number } | { pattern: string };

export interface SchedulerDeclaration<N extends JobName = JobName> {
  /** Stable id: never derive it from a host, pid or time, or every start adds another scheduler. */
  id: string;
  job: N;
  repeat: Repeat | ((ctx: SchedulerContext) => Repeat);
  data(ctx: SchedulerContext): JobInput<N>;
}

function declare<N extends JobName>(d: SchedulerDeclaration<N>): SchedulerDeclaration<N> {
  return d;
}

export const schedulerDeclarations = [
  // One heartbeat scheduler for the whole deployment. Its template carries the id of the worker that
  // declared it last; with several worker processes the row proves "the fleet takes jobs".
  declare({
    id: 'worker-heartbeat',
    job: 'worker-heartbeat',
    repeat: (ctx) => ({ every: ctx.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS }),
    data: (ctx) => ({ workerId: ctx.workerId, everyMs: ctx.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS }),
  }),
  // Issue 4 §1: reconcile the current month, two-month block, quarter and year from Postgres. Hourly
  // at :05 catches new entities within the hour; the daily run at 00:10 opens a new period on its
  // first day. Both only trigger the reconcile job: a missed or doubled tick changes nothing.
  declare({
    id: 'reconcile-obligations.hourly',
    job: 'reconcile-obligations',
    repeat: { pattern: '5 * * * *' },
    data: () => ({ periodKind: 'current', periodStart: null }),
  }),
  declare({
    id: 'reconcile-obligations.daily',
    job: 'reconcile-obligations',
    repeat: { pattern: '10 0 * * *' },
    data: () => ({ periodKind: 'current', periodStart: null }),
  }),
  // Issue 4 §4: every 15 minutes, so an item that falls due at midnight is raised before the working
  // day starts and quiet-hours reminders held until 07:00 leave on time. The scan reads Postgres only.
  declare({
    id: 'scan-alerts.quarter-hourly',
    job: 'scan-alerts',
    repeat: { pattern: '*/15 * * * *' },
    data: () => ({}),
  }),
  // Issue 12 §5: the dashboard's figures follow a recorded inspection within one cycle. A tick with
  // nothing marked costs one indexed query; the job's constant id collapses overlapping ticks.
  declare({
    id: 'refresh-dashboard-rollups.every-5s',
    job: 'refresh-dashboard-rollups',
    repeat: { every: DASHBOARD_ROLLUP_EVERY_MS },
    data: () => ({}),
  }),
  // Issue 14 §2: a large draw's tasks, created after its execution. The executor adds the job at once;
  // this tick is the safety net (a queue refused or wiped): an empty check is one indexed query.
  declare({
    id: 'create-draw-tasks.every-30s',
    job: 'create-draw-tasks',
    repeat: { every: DRAW_TASKS_EVERY_MS },
    data: () => ({}),
  }),
] as const satisfies readonly SchedulerDeclaration[];

export function schedulerQueues(): QueueName[] {
  return [...new Set(schedulerDeclarations.map((d) => jobDefinition(d.job).queue))];
}

/**
 * Upserts every declared scheduler on its queue. `queueFor` returns the Queue for a queue name (the
 * caller owns and closes it). The template is validated like any producer's payload.
 */
export async function declareSchedulers(queueFor: (name: QueueName) => AnyQueue, ctx: SchedulerContext): Promise<string[]> {
  const ids: string[] = [];
  for (const d of schedulerDeclarations as readonly SchedulerDeclaration[]) {
    const def = jobDefinition(d.job);
    const data = parseJobPayload(d.job, d.data(ctx));
    // `tz` governs cron patterns; harmless for `every`, and keeps each declaration explicit.
    const repeat = typeof d.repeat === 'function' ? d.repeat(ctx) : d.repeat;
    await upsertDeclared(() =>
      queueFor(def.queue).upsertJobScheduler(
        d.id,
        { ...repeat, tz: SCHEDULER_TIME_ZONE },
        { name: d.job, data, opts: { ...def.options } },
      ),
    );
    ids.push(d.id);
  }
  return ids;
}

/**
 * BullMQ's "job ID already exists" from `upsertJobScheduler`: another worker declared the same
 * scheduler at the same moment and created its next iteration first (seen on the PostgreSQL backend
 * when two workers start together: the bench's smoke run, 2026-12-01).
 */
function isSchedulerCollision(e: unknown): boolean {
  return e instanceof Error && /job ID already exists/.test(e.message);
}

/** Attempts at one upsert before a collision is taken as the other worker's declaration standing. */
const UPSERT_ATTEMPTS = 3;

/**
 * Runs an upsert again after a collision (it then updates the scheduler the other worker created, with
 * this worker's template). If it still collides, the scheduler and its next iteration exist, which is
 * what declaring it is for: the worker starts, and re-declares it later if it vanishes.
 */
async function upsertDeclared(upsert: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await upsert();
      return;
    } catch (e) {
      if (!isSchedulerCollision(e)) throw e;
      if (attempt >= UPSERT_ATTEMPTS) return;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

/**
 * The declared schedulers that the backend no longer holds (issue 14 §3: Redis emptied under a
 * running worker). The worker checks this on a timer and re-declares them, so their work resumes
 * without a restart.
 */
export async function missingSchedulers(queueFor: (name: QueueName) => AnyQueue): Promise<string[]> {
  const missing: string[] = [];
  for (const d of schedulerDeclarations as readonly SchedulerDeclaration[]) {
    if (!(await queueFor(jobDefinition(d.job).queue).getJobScheduler(d.id))) missing.push(d.id);
  }
  return missing;
}
