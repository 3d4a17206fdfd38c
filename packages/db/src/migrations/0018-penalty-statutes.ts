import { sql, type Kysely } from 'kysely';

// Frozen. Issue 11 §1–2: what a penalty rests on in the statute table, and its legal review.
// - act_on: the day of the act; it decides the version of the law applied (行政处罚法 第三十七条).
// - statute_article: the article applied (an id of core's statute table, or the words of the legal
//   review for one the table lacks); statute_version: the version applied (从旧兼从轻).
// - confiscate_licence: R09's 收缴《特种行业许可证》. major_case: the officer's judgement that the case is
//   major or complex (行政处罚法 第五十八条, which then needs a legal review).
// - legal_review_*: the recorded 法制审核 (reviewer, date, the article it names, the sanctions it
//   approves as JSON, its opinion): all present or all absent.
// Rows stored before this migration keep every new column empty (null / false) and stay valid.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('penalty')
    .addColumn('act_on', 'date')
    .addColumn('statute_article', 'text')
    .addColumn('statute_version', 'text')
    .addColumn('confiscate_licence', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('major_case', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('legal_reviewer', 'text')
    .addColumn('legal_reviewed_on', 'date')
    .addColumn('legal_review_article', 'text')
    .addColumn('legal_review_approved', 'jsonb')
    .addColumn('legal_review_opinion', 'text')
    .execute();
  await sql`alter table penalty add constraint penalty_act_before_decision check (act_on is null or act_on <= decided_on)`.execute(
    db,
  );
  await sql`alter table penalty add constraint penalty_legal_review_whole check (
      (legal_reviewer is null and legal_reviewed_on is null and legal_review_article is null
        and legal_review_approved is null and legal_review_opinion is null)
      or (legal_reviewer is not null and legal_reviewed_on is not null and legal_review_article is not null
        and legal_review_approved is not null and legal_review_opinion is not null
        and legal_reviewed_on <= decided_on))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table penalty drop constraint penalty_legal_review_whole`.execute(db);
  await sql`alter table penalty drop constraint penalty_act_before_decision`.execute(db);
  for (const c of [
    'act_on',
    'statute_article',
    'statute_version',
    'confiscate_licence',
    'major_case',
    'legal_reviewer',
    'legal_reviewed_on',
    'legal_review_article',
    'legal_review_approved',
    'legal_review_opinion',
  ]) {
    await db.schema.alterTable('penalty').dropColumn(c).execute();
  }
}
