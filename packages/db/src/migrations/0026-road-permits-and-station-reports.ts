import { sql, type Kysely } from 'kysely';

// Frozen. Issue 13 §1 and §3: work that comes from events.
// - R02 占道施工: the approved permit (unit, approval number, plan, road section, area, dates, the patrol
//   interval — configurable, the seed gives none), its patrols (inspections with trigger 'patrol'), the
//   flags inspectors record on a patrol (逾期施工 / 超面积围挡), and the measures taken (整改通知, 停工整改,
//   通报建设/城管) with who and when.
// - R04 机动车检验机构: the agencies' reports (安全技术检验报告单) and video checks (视频巡查), each reviewed
//   once by an officer (checks, outcome, findings, the referral to 市质监局); a hazard found opens an
//   inspection whose hazard follows the rectification flow.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('road_permit')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('approval_no', 'text', (c) => c.notNull().check(sql`length(btrim(approval_no)) > 0`))
    .addColumn('plan', 'text', (c) => c.notNull().check(sql`length(btrim(plan)) > 0`))
    .addColumn('location', 'text', (c) => c.notNull().check(sql`length(btrim(location)) > 0`))
    .addColumn('area_sqm', 'numeric(12, 2)', (c) => c.notNull().check(sql`area_sqm > 0`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('patrol_every_days', 'integer', (c) => c.notNull().check(sql`patrol_every_days between 1 and 31`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('closed_on', 'date')
    .addColumn('close_reason', 'text')
    .addColumn('closed_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('road_permit_span', sql`starts_on <= ends_on`)
    .addCheckConstraint(
      'road_permit_closed',
      sql`(status = 'closed') = (closed_on is not null) and (closed_on is null or length(btrim(coalesce(close_reason, ''))) > 0)`,
    )
    .execute();
  await sql`create index road_permit_open on road_permit (ends_on) where status = 'open'`.execute(db);

  await db.schema
    .createTable('road_permit_patrol')
    .addColumn('inspection_id', 'bigint', (c) => c.primaryKey().references('inspection.id'))
    .addColumn('permit_id', 'bigint', (c) => c.notNull().references('road_permit.id'))
    .execute();
  await db.schema.createIndex('road_permit_patrol_permit').on('road_permit_patrol').column('permit_id').execute();

  await db.schema
    .createTable('road_permit_flag')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('permit_id', 'bigint', (c) => c.notNull().references('road_permit.id'))
    .addColumn('inspection_id', 'bigint', (c) => c.notNull().references('road_permit_patrol.inspection_id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('overdue', 'beyond_area')`))
    .addColumn('note', 'text', (c) => c.notNull().check(sql`length(btrim(note)) > 0`))
    .addColumn('recorded_on', 'date', (c) => c.notNull())
    .addColumn('recorded_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('road_permit_flag_permit').on('road_permit_flag').column('permit_id').execute();

  await db.schema
    .createTable('road_permit_measure')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('permit_id', 'bigint', (c) => c.notNull().references('road_permit.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('notice', 'stop_work', 'referral')`))
    .addColumn('referred_to', 'text', (c) => c.check(sql`referred_to in ('construction', 'urban_management')`))
    .addColumn('serious', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text', (c) => c.notNull().check(sql`length(btrim(note)) > 0`))
    .addColumn('taken_on', 'date', (c) => c.notNull())
    .addColumn('recorded_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('road_permit_measure_referral', sql`(kind = 'referral') = (referred_to is not null)`)
    .execute();
  await db.schema.createIndex('road_permit_measure_permit').on('road_permit_measure').column('permit_id').execute();

  await db.schema
    .createTable('station_report')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('inspection_report', 'video_check')`))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('plate', 'text')
    .addColumn('report_no', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().check(sql`length(btrim(summary)) > 0`))
    .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reviewed_on', 'date')
    .addColumn('reviewed_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('checks', 'jsonb')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('passed', 'withheld')`))
    .addColumn('findings', 'text')
    .addColumn('quality_bureau_notified', 'boolean')
    .addColumn('hazard_inspection_id', 'bigint', (c) => c.unique().references('inspection.id'))
    .addCheckConstraint(
      'station_report_inspection_report',
      sql`kind <> 'inspection_report' or (length(btrim(coalesce(plate, ''))) > 0 and length(btrim(coalesce(report_no, ''))) > 0)`,
    )
    .addCheckConstraint(
      'station_report_review',
      sql`(reviewed_on is null) = (outcome is null) and (reviewed_on is null) = (checks is null)
          and (outcome is null or length(btrim(coalesce(findings, ''))) > 0)
          and (hazard_inspection_id is null or reviewed_on is not null)`,
    )
    .execute();
  await sql`create index station_report_unreviewed on station_report (received_on) where reviewed_on is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('station_report').execute();
  await db.schema.dropTable('road_permit_measure').execute();
  await db.schema.dropTable('road_permit_flag').execute();
  await db.schema.dropTable('road_permit_patrol').execute();
  await db.schema.dropTable('road_permit').execute();
}
