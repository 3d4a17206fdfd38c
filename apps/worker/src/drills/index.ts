/**
 * The long drills of issue 15 §2–3, as async functions the soak runner calls. Each makes its own
 * database and Redis prefix, spawns the real worker (dist/main.js: build first) and returns
 * `{ name, tried, ok, figures }`. Short versions run in the normal suite (`src/resilience.int.spec.ts`).
 */
export type { DrillResult } from './drill-result.js';
export { runKillDrill, type KillDrillFigures, type KillDrillOptions } from './kill-drill.js';
export {
  REDIS_WIPE_DRILL_ENTITIES,
  runRedisWipeDrill,
  type RedisWipeDrillFigures,
  type RedisWipeDrillOptions,
} from './redis-wipe-drill.js';
export { runPgTerminateDrill, type PgTerminateDrillFigures, type PgTerminateDrillOptions } from './pg-terminate-drill.js';
export { runSigtermDrill, type SigtermDrillFigures, type SigtermDrillOptions } from './sigterm-drill.js';
export { runDrawKillDrill, type DrawKillDrillFigures, type DrawKillDrillOptions } from './draw-kill-drill.js';
