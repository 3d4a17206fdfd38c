import { sql, type Kysely } from 'kysely';

// Frozen. Issue 9 §3: a redraw needs a leader's approval. In the browser a scheduler asks for a
// redraw with a reason (draw_redraw_request, pending); a leader account approves it (the new draw is
// created then, naming the old one) or rejects it. The approving leader is an account, which need
// not be an officer: draw.approved_by_user records it beside the officer approval of the CLI
// (`--approved-by OFFICER`). The draw guard of 0005 is extended to keep the new column unchanged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('draw')
    .addColumn('approved_by_user', 'bigint', (c) => c.references('app_user.id'))
    .execute();
  await sql`alter table draw drop constraint draw_redraw_approved`.execute(db);
  await sql`alter table draw add constraint draw_redraw_approved check (
      (replaces is null and replace_reason is null and approved_by is null and approved_by_user is null)
      or (replaces is not null and length(trim(replace_reason)) > 0
          and (approved_by is not null or approved_by_user is not null)))`.execute(db);

  await db.schema
    .createTable('draw_redraw_request')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('draw_id', 'text', (c) => c.notNull().references('draw.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn('requested_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('requested_by_username', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('decided_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('decided_by_username', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('new_draw_id', 'text', (c) => c.unique().references('draw.id'))
    .addCheckConstraint(
      'draw_redraw_request_decided',
      sql`(status = 'pending') = (decided_at is null)
        and (status = 'approved') = (new_draw_id is not null)
        and (decided_at is null) = (decided_by_username is null)`,
    )
    .execute();
  // One open request per draw.
  await sql`create unique index draw_redraw_request_pending on draw_redraw_request (draw_id) where status = 'pending'`.execute(
    db,
  );

  await sql`
    create or replace function draw_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception '抽取记录不可删除 / a draw is never deleted (%)', old.id using errcode = 'P0001';
      end if;
      if new.id is distinct from old.id
        or new.algorithm is distinct from old.algorithm
        or new.regime_code is distinct from old.regime_code
        or new.campaign is distinct from old.campaign
        or new.window_from is distinct from old.window_from
        or new.window_to is distinct from old.window_to
        or new.drawn_on is distinct from old.drawn_on
        or new.share_kind is distinct from old.share_kind
        or new.share_value is distinct from old.share_value
        or new.requested is distinct from old.requested
        or new.seed_commitment is distinct from old.seed_commitment
        or new.replaces is distinct from old.replaces
        or new.replace_reason is distinct from old.replace_reason
        or new.approved_by is distinct from old.approved_by
        or new.approved_by_user is distinct from old.approved_by_user
        or new.created_by is distinct from old.created_by
        or new.created_at is distinct from old.created_at then
        raise exception '抽取记录的创建字段不可修改 / the fields of a created draw never change (%)', old.id using errcode = 'P0001';
      end if;
      if not (new.status = old.status
              or (old.status = 'created' and new.status = 'frozen')
              or (old.status = 'frozen' and new.status = 'executed')) then
        raise exception '抽取状态只能 created → frozen → executed / a draw only moves created → frozen → executed (%: % → %)',
          old.id, old.status, new.status using errcode = 'P0001';
      end if;
      if old.status <> 'created' and (
           new.population is distinct from old.population
        or new.population_sha256 is distinct from old.population_sha256
        or new.inspectors is distinct from old.inspectors
        or new.excluded is distinct from old.excluded
        or new.frozen_at is distinct from old.frozen_at) then
        raise exception '已冻结的抽取对象与人员不可修改 / a frozen draw''s population and roster never change (%)', old.id using errcode = 'P0001';
      end if;
      if old.status = 'executed' and (
           new.seed is distinct from old.seed
        or new.beacon is distinct from old.beacon
        or new.k is distinct from old.k
        or new.selected is distinct from old.selected
        or new.assignments is distinct from old.assignments
        or new.unstaffed is distinct from old.unstaffed
        or new.executed_at is distinct from old.executed_at) then
        raise exception '已执行的抽取结果不可修改 / an executed draw''s result never changes (%)', old.id using errcode = 'P0001';
      end if;
      return new;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('draw_redraw_request').ifExists().execute();
  await sql`alter table draw drop constraint draw_redraw_approved`.execute(db);
  await db.schema.alterTable('draw').dropColumn('approved_by_user').execute();
  await sql`alter table draw add constraint draw_redraw_approved check (
      (replaces is null and replace_reason is null and approved_by is null)
      or (replaces is not null and length(trim(replace_reason)) > 0 and approved_by is not null))`.execute(db);
}
