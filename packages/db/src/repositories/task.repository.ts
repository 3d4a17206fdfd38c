import { TASK_GROUPS, taskGroupBounds, taskWindow, type IsoDate, type TaskGroup, type TaskWindow } from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * Issue 10 §1: My tasks — the inspections an officer is on (inspection_officer), grouped by core's
 * rule (`taskGroupBounds`: the same rule `taskGroupOf` states, as date bounds for the query).
 */
export interface OfficerTask {
  id: number;
  trigger: string;
  status: string;
  regime: string;
  plannedOn: IsoDate;
  inspectedOn: IsoDate | null;
  /** The end of the obligation's period the inspection fulfils (its due date), when it has one. */
  dueOn: IsoDate | null;
  entity: { code: string; name: string; address: string };
  /** The other officers on the inspection (usually one: two officers go together). */
  otherOfficers: { code: string; name: string }[];
}

export interface TaskGroupRows {
  /** Every task of the group (in the range asked for); `items` holds at most the limit. */
  count: number;
  items: OfficerTask[];
}

export interface OfficerTasks {
  /** The account's officer, or null when the account is linked to none (then no groups are read). */
  officer: { id: number; code: string; name: string } | null;
  window: TaskWindow;
  groups: Record<TaskGroup, TaskGroupRows>;
}

export interface OfficerTaskQuery {
  /** The signed-in account; its officer link (app_user.officer_id) says whose tasks these are. */
  userId: number;
  /** The bureau date (Asia/Shanghai), from the caller's clock. */
  today: IsoDate;
  /** Optional planned-date range (inclusive). Without `to`, nothing after this week's Sunday. */
  from?: IsoDate;
  to?: IsoDate;
  /** Only inspections of this trigger (e.g. 'review'); all when absent. */
  trigger?: string;
  /** Rows per group (default 200); the count still says how many there are. */
  limitPerGroup?: number;
}

export const TASKS_PER_GROUP = 200;

const maxDate = (a: IsoDate | null, b: IsoDate | undefined): IsoDate | null =>
  b === undefined ? a : a === null || b > a ? b : a;
const minDate = (a: IsoDate | null, b: IsoDate | undefined): IsoDate | null =>
  b === undefined ? a : a === null || b < a ? b : a;

export async function loadOfficerTasks(db: Kysely<DB>, q: OfficerTaskQuery): Promise<OfficerTasks> {
  const window = taskWindow(q.today);
  const empty = (): Record<TaskGroup, TaskGroupRows> => ({
    overdue: { count: 0, items: [] },
    today: { count: 0, items: [] },
    this_week: { count: 0, items: [] },
    later: { count: 0, items: [] },
  });
  const officer = await db
    .selectFrom('app_user as u')
    .innerJoin('officer as o', 'o.id', 'u.officer_id')
    .select(['o.id', 'o.code', 'o.name'])
    .where('u.id', '=', q.userId)
    .executeTakeFirst();
  if (!officer) return { officer: null, window, groups: empty() };

  const limit = q.limitPerGroup ?? TASKS_PER_GROUP;
  const bounds = taskGroupBounds(q.today);
  const groups = empty();
  for (const group of TASK_GROUPS) {
    const b = bounds[group];
    const from = maxDate(b.from, q.from);
    // `later` is read only when the caller asks for a range beyond this week.
    const to = minDate(b.to, q.to ?? window.weekEnd);
    if (from !== null && to !== null && from > to) continue;
    let query = db
      .selectFrom('inspection_officer as io')
      .innerJoin('inspection as i', 'i.id', 'io.inspection_id')
      .innerJoin('entity as e', 'e.id', 'i.entity_id')
      .leftJoin('obligation as ob', 'ob.id', 'i.obligation_id')
      .select((eb) => [
        'i.id',
        'i.trigger',
        'i.status',
        'i.regime_code as regime',
        'i.planned_on as plannedOn',
        'i.inspected_on as inspectedOn',
        'ob.period_end as dueOn',
        'e.code as entityCode',
        'e.name as entityName',
        'e.address as entityAddress',
        eb.fn.countAll<number>().over().as('total'),
      ])
      .where('io.officer_id', '=', officer.id)
      // A cancelled inspection is no task (core: taskGroupOf).
      .where('i.status', '<>', 'cancelled');
    if (from !== null) query = query.where('i.planned_on', '>=', from);
    if (to !== null) query = query.where('i.planned_on', '<=', to);
    if (b.plannedOnly) query = query.where('i.status', '=', 'planned');
    if (q.trigger !== undefined) query = query.where('i.trigger', '=', q.trigger);
    // The earliest day first (overdue: the longest overdue first), then by entity name.
    const rows = await query.orderBy('i.planned_on', 'asc').orderBy('e.name').orderBy('i.id').limit(limit).execute();
    groups[group] = {
      count: rows.length ? Number(rows[0]!.total) : 0,
      items: rows.map((r) => ({
        id: r.id,
        trigger: r.trigger,
        status: r.status,
        regime: r.regime,
        plannedOn: r.plannedOn,
        inspectedOn: r.inspectedOn,
        dueOn: r.dueOn,
        entity: { code: r.entityCode, name: r.entityName, address: r.entityAddress },
        otherOfficers: [],
      })),
    };
  }

  const ids = TASK_GROUPS.flatMap((g) => groups[g].items.map((t) => t.id));
  if (ids.length) {
    const others = await db
      .selectFrom('inspection_officer as io')
      .innerJoin('officer as o', 'o.id', 'io.officer_id')
      .select(['io.inspection_id as inspectionId', 'o.code', 'o.name'])
      .where('io.inspection_id', 'in', ids)
      .where('io.officer_id', '<>', officer.id)
      .orderBy('o.code')
      .execute();
    const byInspection = new Map<number, { code: string; name: string }[]>();
    for (const o of others) {
      const list = byInspection.get(o.inspectionId) ?? [];
      list.push({ code: o.code, name: o.name });
      byInspection.set(o.inspectionId, list);
    }
    for (const g of TASK_GROUPS) for (const t of groups[g].items) t.otherOfficers = byInspection.get(t.id) ?? [];
  }
  return { officer, window, groups };
}
