import { sql, type Kysely } from 'kysely';

// Frozen. Verifiable random draws (双随机、一公开), algorithm `consistent-sampler/v1`
// (shared/verifiable-draw.md). A draw is created (seed committed), frozen (population and roster
// fixed), executed (seed revealed, targets and inspectors drawn). It is never deleted and its frozen
// fields never change: a redraw is a new row naming the draw it replaces, with reason and approver.
export async function up(db: Kysely<any>): Promise<void> {
  // Readable public ids: DRAW-2026-00001.
  await sql`create sequence draw_number_seq`.execute(db);

  await db.schema
    .createTable('draw')
    .addColumn('id', 'text', (c) =>
      c
        .primaryKey()
        .defaultTo(
          sql`'DRAW-' || to_char(now() at time zone 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('draw_number_seq')::text, 5, '0')`,
        ),
    )
    .addColumn('algorithm', 'text', (c) => c.notNull().defaultTo('consistent-sampler/v1'))
    .addColumn('regime_code', 'text', (c) => c.notNull().check(sql`regime_code ~ '^R(0[1-9]|1[0-4])$'`))
    .addColumn('campaign', 'text', (c) => c.notNull().check(sql`length(trim(campaign)) > 0`))
    // The campaign's window: officers on leave overlapping it are left out; tasks are planned in it.
    .addColumn('window_from', 'date', (c) => c.notNull())
    .addColumn('window_to', 'date', (c) => c.notNull())
    // The draw date: officers need a credential valid on it.
    .addColumn('drawn_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('created')
        .check(sql`status in ('created', 'frozen', 'executed')`),
    )
    .addColumn('share_kind', 'text', (c) => c.notNull().check(sql`share_kind in ('min', 'max')`))
    .addColumn('share_value', 'text', (c) => c.notNull().check(sql`share_value ~ '^(0(\\.[0-9]+)?|1(\\.0+)?)$'`))
    .addColumn('requested', 'integer', (c) => c.check(sql`requested >= 0`))
    .addColumn('seed_commitment', 'text', (c) => c.notNull().check(sql`seed_commitment ~ '^[0-9a-f]{64}$'`))
    // Revealed only at execution; until then it lives in draw_seed_escrow, which no public query reads.
    .addColumn('seed', 'text', (c) => c.check(sql`seed ~ '^[0-9a-f]{64}$'`))
    .addColumn('beacon', 'text')
    .addColumn('population', sql`text[]`)
    .addColumn('population_sha256', 'text', (c) => c.check(sql`population_sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('inspectors', sql`text[]`)
    // [{ inspector, target, reason }]
    .addColumn('excluded', 'jsonb')
    .addColumn('k', 'integer', (c) => c.check(sql`k >= 0`))
    .addColumn('selected', sql`text[]`)
    // [{ target, inspectors: [a, b] }]
    .addColumn('assignments', 'jsonb')
    .addColumn('unstaffed', sql`text[]`)
    .addColumn('replaces', 'text', (c) => c.unique().references('draw.id'))
    .addColumn('replace_reason', 'text')
    .addColumn('approved_by', 'bigint', (c) => c.references('officer.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('frozen_at', 'timestamptz')
    .addColumn('executed_at', 'timestamptz')
    .addCheckConstraint('draw_window', sql`window_from <= window_to`)
    // A minimum share has no requested number; a maximum share always has one.
    .addCheckConstraint(
      'draw_requested',
      sql`(share_kind = 'min' and requested is null) or (share_kind = 'max' and requested is not null)`,
    )
    .addCheckConstraint(
      'draw_seed_matches_commitment',
      sql`seed is null or encode(sha256(decode(seed, 'hex')), 'hex') = seed_commitment`,
    )
    .addCheckConstraint(
      'draw_frozen_fields',
      sql`(status = 'created') = (population is null)
        and (population is null) = (population_sha256 is null)
        and (population is null) = (inspectors is null)
        and (population is null) = (excluded is null)
        and (population is null) = (frozen_at is null)`,
    )
    .addCheckConstraint(
      'draw_executed_fields',
      sql`(status = 'executed') = (seed is not null)
        and (seed is null) = (beacon is null)
        and (seed is null) = (k is null)
        and (seed is null) = (selected is null)
        and (seed is null) = (assignments is null)
        and (seed is null) = (unstaffed is null)
        and (seed is null) = (executed_at is null)`,
    )
    .addCheckConstraint(
      'draw_redraw_approved',
      sql`(replaces is null and replace_reason is null and approved_by is null)
        or (replaces is not null and length(trim(replace_reason)) > 0 and approved_by is not null)`,
    )
    .addCheckConstraint('draw_not_self_replacing', sql`replaces is null or replaces <> id`)
    .execute();
  await db.schema.createIndex('draw_regime_campaign').on('draw').columns(['regime_code', 'campaign']).execute();

  // The secret seed between creation and execution. Never exposed by a public query or export.
  await db.schema
    .createTable('draw_seed_escrow')
    .addColumn('draw_id', 'text', (c) => c.primaryKey().references('draw.id'))
    .addColumn('seed', 'text', (c) => c.notNull().check(sql`seed ~ '^[0-9a-f]{64}$'`))
    .execute();

  // Never deleted, never overwritten: the guard lets a draw move created → frozen → executed, each
  // step filling its own fields once.
  await sql`
    create function draw_guard() returns trigger language plpgsql as $$
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
  await sql`create trigger draw_guard before update or delete on draw for each row execute function draw_guard()`.execute(db);
  await sql`
    create function draw_no_truncate() returns trigger language plpgsql as $$
    begin
      raise exception '抽取记录不可删除 / draws are never deleted' using errcode = 'P0001';
    end
    $$`.execute(db);
  await sql`create trigger draw_no_truncate before truncate on draw for each statement execute function draw_no_truncate()`.execute(
    db,
  );

  // The inspection tasks a draw creates: one per selected target, at most once (executing twice, or a
  // retried job, creates nothing twice).
  await db.schema
    .alterTable('inspection')
    .addColumn('draw_id', 'text', (c) => c.references('draw.id'))
    .execute();
  await sql`create unique index inspection_draw_entity on inspection (draw_id, entity_id) where draw_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists inspection_draw_entity`.execute(db);
  await db.schema.alterTable('inspection').dropColumn('draw_id').execute();
  await db.schema.dropTable('draw_seed_escrow').ifExists().execute();
  await sql`drop table if exists draw`.execute(db);
  await sql`drop function if exists draw_guard()`.execute(db);
  await sql`drop function if exists draw_no_truncate()`.execute(db);
  await sql`drop sequence if exists draw_number_seq`.execute(db);
}
