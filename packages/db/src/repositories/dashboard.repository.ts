import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * The leaders' dashboard series. Periods are calendar dates ('YYYY-MM-DD', inclusive), worked out by
 * the caller in Asia/Shanghai; nothing here reads the clock.
 */
export interface DashboardPeriod {
  from: string;
  to: string;
}

export interface MonthlyRegimeCount {
  /** 'YYYY-MM' */
  month: string;
  regimeCode: string;
  count: number;
}

/** Completed inspections per month and regime, by inspection date. Months without any are absent. */
export async function inspectionsPerMonthByRegime(db: Kysely<DB>, period: DashboardPeriod): Promise<MonthlyRegimeCount[]> {
  const month = sql<string>`to_char(date_trunc('month', inspected_on), 'YYYY-MM')`;
  const rows = await db
    .selectFrom('inspection')
    .select([month.as('month'), 'regime_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'done')
    .where('inspected_on', '>=', period.from)
    .where('inspected_on', '<=', period.to)
    .groupBy([month, 'regime_code'])
    .orderBy('month')
    .orderBy('regime_code')
    .execute();
  return rows.map((r) => ({ month: r.month, regimeCode: r.regime_code, count: Number(r.n) }));
}

export interface RegimeSummary {
  regimeCode: string;
  /** Active entities in the registry today. */
  entities: number;
  /** Completed inspections in the period. */
  inspections: number;
  /** Hazards found by those inspections. */
  hazards: number;
  /**
   * Rectification notices of those hazards that are due: the deadline in force (the notice's, or as
   * extended or reopened: `coalesce(extended_deadline_on, deadline_on)`) has passed by `today`, or
   * the notice is completed, or a review found it not put right (status `reopened`). A notice whose
   * review is requested (`review_requested`) is due only once its deadline has passed: the unit's
   * word is not a completion.
   */
  rectificationsDue: number;
  /**
   * Of those, the ones completed: `completed_on` is set, which the review use-case does only when the
   * review passes (status `completed`). A reopened notice is not completed. So one notice going
   * issue → served → review passed adds exactly one to both figures of its regime.
   */
  rectificationsCompleted: number;
  /** Penalty decisions in the period. */
  penalties: number;
  /** Their fines, in fen (1/100 yuan): the party's and its responsible persons'. */
  fineFen: number;
}

/**
 * One row per requested regime (zeros where there is nothing), in the order given.
 * `today` decides which rectifications are due.
 */
export async function regimeSummaries(
  db: Kysely<DB>,
  period: DashboardPeriod & { today: string },
  regimeCodes: readonly string[],
): Promise<RegimeSummary[]> {
  const [entities, inspections, hazards, rectifications, penalties] = await Promise.all([
    db
      .selectFrom('entity')
      .select(['regime_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'active')
      .groupBy('regime_code')
      .execute(),
    db
      .selectFrom('inspection')
      .select(['regime_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'done')
      .where('inspected_on', '>=', period.from)
      .where('inspected_on', '<=', period.to)
      .groupBy('regime_code')
      .execute(),
    db
      .selectFrom('hazard as h')
      .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
      .select(['i.regime_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('i.inspected_on', '>=', period.from)
      .where('i.inspected_on', '<=', period.to)
      .groupBy('i.regime_code')
      .execute(),
    db
      .selectFrom('rectification as r')
      .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
      .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
      .select([
        'i.regime_code',
        (eb) => eb.fn.countAll<number>().filterWhere('r.completed_on', 'is not', null).as('completed'),
        (eb) => eb.fn.countAll<number>().as('due'),
      ])
      .where('i.inspected_on', '>=', period.from)
      .where('i.inspected_on', '<=', period.to)
      // Due: the deadline in force has passed, or the work is done (review passed) early, or a
      // review found it not done (reopened). See RegimeSummary for the definitions.
      .where((eb) =>
        eb.or([
          eb(eb.fn.coalesce('r.extended_deadline_on', 'r.deadline_on'), '<=', period.today),
          eb('r.completed_on', 'is not', null),
          eb('r.status', '=', 'reopened'),
        ]),
      )
      .groupBy('i.regime_code')
      .execute(),
    db
      .selectFrom('penalty')
      .select([
        'regime_code',
        (eb) => eb.fn.countAll<number>().as('n'),
        // The party's fine plus the fines on a unit's responsible persons (R14), which a penalty entered
        // through the case file (and the demo's R14 decisions) keep in individual_fines (null → 0).
        sql<number>`coalesce(sum(fine_fen + coalesce((select sum((f->>'fineFen')::bigint)
            from jsonb_array_elements(individual_fines) as f), 0)), 0)`.as('fine_fen'),
      ])
      .where('decided_on', '>=', period.from)
      .where('decided_on', '<=', period.to)
      .groupBy('regime_code')
      .execute(),
  ]);

  const by = <T extends { regime_code: string }>(rows: T[]) => new Map(rows.map((r) => [r.regime_code, r]));
  const e = by(entities);
  const ins = by(inspections);
  const hz = by(hazards);
  const rc = by(rectifications);
  const pe = by(penalties);
  return regimeCodes.map((code) => ({
    regimeCode: code,
    entities: Number(e.get(code)?.n ?? 0),
    inspections: Number(ins.get(code)?.n ?? 0),
    hazards: Number(hz.get(code)?.n ?? 0),
    rectificationsDue: Number(rc.get(code)?.due ?? 0),
    rectificationsCompleted: Number(rc.get(code)?.completed ?? 0),
    penalties: Number(pe.get(code)?.n ?? 0),
    // sum(bigint) is numeric, which pg returns as a string: fen totals fit in a JS number.
    fineFen: Number(pe.get(code)?.fine_fen ?? 0),
  }));
}
