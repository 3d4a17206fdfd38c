/**
 * Issue 14 §3, issue 15 §2: SIGTERM to the real worker with the alert scan in hand. The process must
 * exit within 10 s, the scan's checkpoint saved in Postgres and the job back in the queue; the next
 * worker resumes from the checkpoint and raises what the stopped scan had not (a full rescan
 * afterwards raises nothing new).
 */
import { countObligations, countOwedReconcileBatches, readJobCheckpoint } from '@supervise/db';
import { silentLogger } from '../logger.js';
import { SCAN_CHECKPOINT_KEY, scanAlertsProcessor } from '../processors/scan-alerts.processor.js';
import { periodSpan } from '../processors/reconcile-period.js';
import { DRILL_MONTH, DRILL_NOW, createDrillFixture, waitFor } from './drill-fixture.js';
import type { DrillResult } from './drill-result.js';
import { killHard, spawnWorkerProcess, type WorkerProcess } from './worker-process.js';
import type { Job } from '@supervise/queue';

export interface SigtermDrillOptions {
  /** Synthetic entities, each an obligation due soon: the scan's size. Default 20,000. */
  entities?: number;
  /** The exit must come within this (ms). Default 10,000. */
  exitWithinMs?: number;
}

export interface SigtermDrillFigures {
  entities: number;
  /** ms from SIGTERM to the process's exit. */
  exitMs: number;
  exitCode: number | null;
  /** The scan was stopped mid-way (a checkpoint was saved) rather than finished before the signal. */
  checkpointSaved: boolean;
  /** The job's state right after the exit ('waiting': returned to the queue). */
  jobStateAfterExit: string;
  /** Alerts the stopped scan had raised, and all raised once the next worker finished it. */
  alertsAtStop: number;
  alertsAfterResume: number;
  /** Alerts a full rescan raised afterwards (0: the resumed scan missed nothing). */
  missedByResume: number;
}

async function countAlerts(db: Parameters<typeof countObligations>[0]): Promise<number> {
  const r = await db
    .selectFrom('alert')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function runSigtermDrill(options: SigtermDrillOptions = {}): Promise<DrillResult<SigtermDrillFigures>> {
  const entities = options.entities ?? 20_000;
  const exitWithinMs = options.exitWithinMs ?? 10_000;
  const span = periodSpan(DRILL_MONTH);
  // No officers: the census stays unrostered and every obligation is an alert at the scheduler's level.
  const fx = await createDrillFixture({ entities, officers: 0 });
  let w: WorkerProcess | undefined;
  try {
    w = spawnWorkerProcess({ databaseUrl: fx.t.url, config: fx.config, workerId: 'sigterm-drill-1' });
    await w.started;
    await fx.producer.add('reconcile-obligations', { periodKind: DRILL_MONTH.kind, periodStart: DRILL_MONTH.start });
    await waitFor(
      async () =>
        (await countOwedReconcileBatches(fx.t.db)) === 0 &&
        (await countObligations(fx.t.db, { periodStart: span.start, periodEnd: span.end })) >= entities,
      240_000,
      250,
    );
    await fx.producer.add('scan-alerts', {});
    await waitFor(async () => (await countAlerts(fx.t.db)) > 0, 120_000, 20);
    const t0 = Date.now();
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    const exitMs = Date.now() - t0;
    const alertsAtStop = await countAlerts(fx.t.db);
    const checkpointSaved = (await readJobCheckpoint(fx.t.db, SCAN_CHECKPOINT_KEY)) !== null;
    const jobStateAfterExit = await fx.producer.queue('alerts').getJobState('scan-alerts');

    // The next worker takes the returned job and resumes it from the checkpoint.
    w = spawnWorkerProcess({ databaseUrl: fx.t.url, config: fx.config, workerId: 'sigterm-drill-2' });
    await w.started;
    await waitFor(
      async () =>
        (await readJobCheckpoint(fx.t.db, SCAN_CHECKPOINT_KEY)) === null &&
        (await fx.producer.queue('alerts').getJobState('scan-alerts')) === 'unknown',
      240_000,
      250,
    );
    const alertsAfterResume = await countAlerts(fx.t.db);
    w.child.kill('SIGTERM');
    await w.exited;
    const rescan = (await scanAlertsProcessor.process(
      {},
      {
        db: fx.t.db,
        workerId: 'sigterm-drill-check',
        queueBackend: 'redis',
        now: DRILL_NOW,
        log: silentLogger,
        job: { opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job,
        enqueue: async (name) => ({ jobId: `${name}.not-queued` }),
        signal: new AbortController().signal,
        jobState: async () => 'unknown',
      },
    )) as { raised: number };
    const figures: SigtermDrillFigures = {
      entities,
      exitMs,
      exitCode: exit.code,
      checkpointSaved,
      jobStateAfterExit,
      alertsAtStop,
      alertsAfterResume,
      missedByResume: rescan.raised,
    };
    const ok =
      exitMs <= exitWithinMs &&
      exit.code === 0 &&
      checkpointSaved &&
      jobStateAfterExit === 'waiting' &&
      alertsAfterResume > alertsAtStop &&
      rescan.raised === 0;
    return { name: 'sigterm-drill', tried: `SIGTERM with the alert scan in hand over ${entities} obligations`, ok, figures };
  } finally {
    if (w) await killHard(w);
    await fx.dispose();
  }
}
