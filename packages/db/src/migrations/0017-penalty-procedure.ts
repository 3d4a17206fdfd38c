import { sql, type Kysely } from 'kysely';

// Frozen. Issue 10 §4: what a penalty decision rests on, beyond 0013's columns.
// - hearing_held_on: the day of the hearing a party asked for (行政处罚法 第六十四条); the decision
//   may not precede it, so it must be on the file.
// - inspection_fees_fen: R04's base, the inspection fees the agency collected (the fine is 5–10 times
//   it), kept so a stored decision can be checked again.
// - harm_or_serious_threat: R14's precondition (逾期不整改，造成损害或严重威胁安全), a fact of the case
//   the officer records; the overdue notice itself is on the rectification row.
// - One decision per document: a penalty's decision number is its official_document's (unique there).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('penalty')
    .addColumn('hearing_held_on', 'date')
    .addColumn('inspection_fees_fen', 'bigint', (c) => c.check(sql`inspection_fees_fen >= 0`))
    .addColumn('harm_or_serious_threat', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('penalty_rectification').on('penalty').column('rectification_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('penalty_rectification').execute();
  for (const c of ['hearing_held_on', 'inspection_fees_fen', 'harm_or_serious_threat']) {
    await db.schema.alterTable('penalty').dropColumn(c).execute();
  }
}
