import { sql, type Kysely } from 'kysely';

// Frozen: this migration imports nothing from src/ and never changes once released.
// Codes R01–R14 are the stable regime codes of shared/domain.md.
const REGIME_CODE_CHECK = sql`regime_code ~ '^R(0[1-9]|1[0-4])$'`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('brigade')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('police_station')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('officer')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('brigade_id', 'text', (c) => c.references('brigade.id'))
    .addColumn('station_id', 'text', (c) => c.references('police_station.id'))
    .addColumn('credential_no', 'text')
    .addColumn('credential_expires_on', 'date')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addCheckConstraint('officer_has_unit', sql`brigade_id is not null or station_id is not null`)
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'bigint', (c) => c.references('officer.id'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .execute();

  // A role may be scoped to one brigade or one police station (e.g. a traffic-brigade scheduler).
  await db.schema
    .createTable('user_role')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('brigade_id', 'text', (c) => c.references('brigade.id'))
    .addColumn('station_id', 'text', (c) => c.references('police_station.id'))
    .execute();
  await sql`create unique index user_role_unique on user_role (user_id, role, coalesce(brigade_id, ''), coalesce(station_id, ''))`.execute(
    db,
  );

  // The session id is stored only as a SHA-256 hash of the cookie token.
  await db.schema
    .createTable('user_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

  // The registry of supervised entities (检查对象名录库). `code` is the stable public code draws use.
  await db.schema
    .createTable('entity')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('regime_code', 'text', (c) => c.notNull().check(REGIME_CODE_CHECK))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('licence_no', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('brigade_id', 'text', (c) => c.notNull().references('brigade.id'))
    .addColumn('station_id', 'text', (c) => c.references('police_station.id'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    // R03: vehicle counts by type decide whether a unit is a key-vehicle unit.
    .addColumn('vehicle_counts', 'jsonb')
    .addColumn('risk_grade', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'closed')`),
    )
    .addColumn('registered_on', 'date', (c) => c.notNull())
    .addColumn('closed_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('entity_regime_kind').on('entity').columns(['regime_code', 'kind', 'status']).execute();
  await db.schema.createIndex('entity_station').on('entity').column('station_id').execute();

  await db.schema
    .createTable('inspection')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('regime_code', 'text', (c) => c.notNull().check(REGIME_CODE_CHECK))
    .addColumn('trigger', 'text', (c) =>
      c.notNull().check(sql`trigger in ('census', 'campaign', 'spot_check', 'patrol', 'complaint', 'post_case', 'event')`),
    )
    .addColumn('planned_on', 'date', (c) => c.notNull())
    .addColumn('inspected_on', 'date')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planned')
        .check(sql`status in ('planned', 'done', 'cancelled')`),
    )
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('compliant', 'hazards_found')`))
    .addColumn('head_signed', 'boolean')
    .addColumn('head_refused_to_sign', 'boolean')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('inspection_regime_date').on('inspection').columns(['regime_code', 'inspected_on']).execute();
  await db.schema.createIndex('inspection_entity').on('inspection').column('entity_id').execute();

  await db.schema
    .createTable('inspection_officer')
    .addColumn('inspection_id', 'bigint', (c) => c.notNull().references('inspection.id').onDelete('cascade'))
    .addColumn('officer_id', 'bigint', (c) => c.notNull().references('officer.id'))
    .addPrimaryKeyConstraint('inspection_officer_pk', ['inspection_id', 'officer_id'])
    .execute();

  await db.schema
    .createTable('hazard')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('inspection_id', 'bigint', (c) => c.notNull().references('inspection.id'))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('general', 'major')`))
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hazard_inspection').on('hazard').column('inspection_id').execute();

  // 责令限期整改通知书: one notice per hazard that is not fixed on the spot.
  await db.schema
    .createTable('rectification')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('hazard_id', 'bigint', (c) => c.notNull().unique().references('hazard.id'))
    .addColumn('notice_no', 'text', (c) => c.notNull().unique())
    .addColumn('served_on', 'date', (c) => c.notNull())
    .addColumn('deadline_on', 'date', (c) => c.notNull())
    .addColumn('extended_deadline_on', 'date')
    .addColumn('completed_on', 'date')
    .addColumn('reviewed_on', 'date')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'completed', 'overdue')`),
    )
    .execute();

  await db.schema
    .createTable('penalty')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('inspection_id', 'bigint', (c) => c.references('inspection.id'))
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('regime_code', 'text', (c) => c.notNull().check(REGIME_CODE_CHECK))
    .addColumn('violation_code', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'date', (c) => c.notNull())
    .addColumn('warning', 'boolean', (c) => c.notNull().defaultTo(false))
    // Fines are kept in fen (1/100 yuan) so multiples of a fee (R04) stay exact.
    .addColumn('fine_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('detention_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('licence_revoked', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('penalty_regime_date').on('penalty').columns(['regime_code', 'decided_on']).execute();

  // The worker's pulse, written by a recurring job: /healthz and the dashboard read it.
  await db.schema
    .createTable('worker_heartbeat')
    .addColumn('worker_id', 'text', (c) => c.primaryKey())
    .addColumn('queue_backend', 'text', (c) => c.notNull())
    .addColumn('beat_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'worker_heartbeat',
    'penalty',
    'rectification',
    'hazard',
    'inspection_officer',
    'inspection',
    'entity',
    'user_session',
    'user_role',
    'app_user',
    'officer',
    'police_station',
    'brigade',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
