import { sql, type Kysely } from 'kysely';

// Frozen. The registry search (`filtered` in registry-admin.repository.ts: name, code, licence or
// address ILIKE '%…%', ordered by code, a page of 50) is planned from the columns' statistics: with a
// rare pattern (one licence number of 200,000) the planner must see it is rare to take the trigram
// index; if it guesses the pattern common, it walks entity_code_key in code order filtering every row
// (the whole table). With the default target (100: a sample of 30,000 rows) that guess changed from one
// ANALYZE to the next on the same 200,000 rows (registry-search.scale.int.spec.ts, which passed in
// earlier CI runs, found the code-index walk in the one of 2026-12-01 10:06 UTC). A target of 1,000
// samples 300,000 rows: a province's whole registry, so the statistics, and the plan, are the same
// every time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table entity
      alter column code set statistics 1000,
      alter column name set statistics 1000,
      alter column licence_no set statistics 1000,
      alter column address set statistics 1000;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table entity
      alter column code set statistics -1,
      alter column name set statistics -1,
      alter column licence_no set statistics -1,
      alter column address set statistics -1;
  `.execute(db);
}
