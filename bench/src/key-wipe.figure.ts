import { runRedisWipeDrill, type RedisWipeDrillFigures } from '@supervise/worker/drills';
import { figure, type Figure } from './measure.js';

/**
 * Issue 14's "a key wipe mid-generation followed by one reconcile leaves 0 missing and 0 duplicate
 * obligations", at the province's size (the small one is in `npm test`: apps/worker's
 * resilience.int.spec.ts). apps/worker's Redis-wipe drill, on its own database and key prefix: a worker
 * process generates a month's census for `entities` hotels; mid-run the prefix's keys are deleted and
 * its connections killed; nobody restarts the worker or adds a job. Timed from the month's reconcile
 * being added until the generation is complete (fixture included), against the same drill without a
 * wipe. Its counts are in the figure's text, and a hole or a double is a failure of the run, not a
 * slow figure.
 */
export async function keyWipeFigure(
  entities: number,
  log: (line: string) => void,
): Promise<{ figure: Figure; failure: string | null }> {
  // About one officer per 200 units, as the province has (1,000 for 200,000).
  const officers = Math.max(8, Math.round(entities / 200));
  log(`key wipe: the same month without a wipe (${entities} entities) …`);
  let start = performance.now();
  const plain = await runRedisWipeDrill({ entities, officers, wipes: 0, settleTimeoutMs: 3_600_000 });
  const plainMs = performance.now() - start;
  log('key wipe: one wipe mid-generation …');
  start = performance.now();
  const wiped = await runRedisWipeDrill({ entities, officers, wipes: 1, settleTimeoutMs: 3_600_000 });
  const wipedMs = performance.now() - start;
  const f: RedisWipeDrillFigures = wiped.figures;
  const failure = wiped.ok
    ? null
    : `key-wipe: ${JSON.stringify(f)} (plain run: ${plain.figures.missing} missing, ${plain.figures.duplicates} duplicates)`;
  return {
    failure,
    figure: figure({
      name: 'key wipe mid-generation',
      what: `${entities.toLocaleString('en')} hotels' month, ${f.wipes} wipe of the queue's keys (${f.lostQueuedJobs} queued jobs lost), worker not restarted: ${f.expected.toLocaleString('en')} obligations expected, ${f.missing} missing, ${f.duplicates} duplicate, ${f.partialRosters} half rosters`,
      baseline: 'the same month without a wipe',
      runs: 1,
      medianMs: wipedMs,
      baselineMs: plainMs,
      goal: '0 missing, 0 duplicate',
    }),
  };
}
