/**
 * The inspection tasks of an executed draw: one planned inspection per selected target, with its two
 * drawn officers (shared/verifiable-draw.md; issue 9 §3). A district's draw creates them in its
 * execution's transaction; a draw of more than `INLINE_DRAW_TASKS` targets is recorded first and its
 * tasks are created after it, a bounded batch per transaction, by the worker's `create-draw-tasks`
 * job (issue 14 §2: writing a province's 30,000 tasks with every key and trigger takes longer than
 * the whole draw may; `createPendingDrawTasks` in use-cases/draw-tasks.use-case.ts). The draw row's
 * `tasks_pending_from` is the rank from which tasks are still owed.
 */
import { INSPECTORS_PER_TARGET, type Assignment } from '@supervise/core';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import type { DrawRow } from './draw.repository.js';

/** Targets up to which a draw's tasks are created with its execution, in the same transaction. */
export const INLINE_DRAW_TASKS = 2000;

/** Targets whose tasks one transaction of the worker creates. */
export const DRAW_TASK_BATCH = 5000;

/** What a task's inspection row needs of its draw. */
export type DrawTaskHead = Pick<DrawRow, 'id' | 'regime_code' | 'share_kind' | 'window_from' | 'drawn_on'>;

/** The inspections a draw's execution created: how many, and their ids by entity code. */
interface CreatedInspections {
  count: number;
  idOf: Map<string, string>;
}

/**
 * The tasks of `targets` (some of the draw's selected, in rank order) and the officers `assignments`
 * give them. Idempotent: a task or an officer that exists is not created again. Returns how many
 * inspections were created.
 */
export async function writeDrawTasks(
  trx: Kysely<DB>,
  draw: DrawTaskHead,
  targets: readonly string[],
  assignments: readonly Assignment[],
): Promise<number> {
  const created = await insertDrawInspections(trx, draw, targets);
  await insertDrawOfficers(trx, draw.id, assignments, created);
  return created.count;
}

/**
 * One planned inspection per selected target (trigger 'campaign' for a minimum share, 'spot_check' for
 * a maximum share), in rank order. Unique (draw_id, entity_id): nothing is created twice. An unstaffed
 * target still gets its task, without officers, for the scheduler to staff by hand. Returns how many
 * were created.
 *
 * Issue 14: one statement whatever the size of the draw (the codes travel as an array and are joined to
 * their ids in the database), instead of batches of rows of bind parameters. The roster unit is given
 * as `inspection_roster_unit` would find it (the entity's station, else its brigade), which spares that
 * trigger a lookup per task.
 */
async function insertDrawInspections(
  trx: Kysely<DB>,
  draw: DrawTaskHead,
  selected: readonly string[],
): Promise<CreatedInspections> {
  if (selected.length === 0) return { count: 0, idOf: new Map() };
  const plannedOn = draw.window_from > draw.drawn_on ? draw.window_from : draw.drawn_on;
  const trigger = draw.share_kind === 'max' ? 'spot_check' : 'campaign';
  const inserted = await sql<{ id: string; code: string }>`
    with created as (
      insert into inspection (entity_id, regime_code, trigger, planned_on, status, draw_id, roster_unit)
      select e.id, ${draw.regime_code}, ${trigger}, ${plannedOn}::date, 'planned', ${draw.id}, coalesce(e.station_id, e.brigade_id)
      from unnest(${selected}::text[]) with ordinality as s(code, rank)
      join entity e on e.code = s.code
      order by s.rank
      on conflict (draw_id, entity_id) where draw_id is not null do nothing
      returning id, entity_id
    )
    select c.id, e.code from created c join entity e on e.id = c.entity_id`.execute(trx);
  return { count: inserted.rows.length, idOf: new Map(inserted.rows.map((r) => [r.code, String(r.id)])) };
}

/**
 * The drawn officers of some of the draw's inspections (those of `assignments`), in their order. The
 * inspections created by this execution are given by id (issue 14: a part of the assignments is then
 * written without looking its inspections up among the draw's); others (executing an executed draw
 * again) are looked up by draw and entity.
 */
async function insertDrawOfficers(
  trx: Kysely<DB>,
  drawId: string,
  assignments: readonly Assignment[],
  created: CreatedInspections,
): Promise<void> {
  const targets: string[] = [];
  const inspections: string[] = [];
  const officers: string[] = [];
  let allCreated = true;
  for (const a of assignments)
    for (const code of a.inspectors.slice(0, INSPECTORS_PER_TARGET)) {
      const id = created.idOf.get(a.target);
      if (id === undefined) allCreated = false;
      targets.push(a.target);
      inspections.push(id ?? '0');
      officers.push(code);
    }
  if (targets.length === 0) return;
  if (allCreated)
    await sql`
      insert into inspection_officer (inspection_id, officer_id, assigned_by)
      select p.inspection_id, o.id, 'draw'
      from unnest(${inspections}::bigint[], ${officers}::text[]) with ordinality as p(inspection_id, officer, n)
      join officer o on o.code = p.officer
      order by p.n
      on conflict (inspection_id, officer_id) do nothing`.execute(trx);
  else
    await sql`
      insert into inspection_officer (inspection_id, officer_id, assigned_by)
      select i.id, o.id, 'draw'
      from unnest(${targets}::text[], ${officers}::text[]) with ordinality as p(target, officer, n)
      join entity e on e.code = p.target
      join inspection i on i.draw_id = ${drawId} and i.entity_id = e.id
      join officer o on o.code = p.officer
      order by p.n
      on conflict (inspection_id, officer_id) do nothing`.execute(trx);
}
