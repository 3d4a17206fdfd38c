/**
 * Penalties against a case (issue 10 §4) on the demo district in a database of its own: a lawful
 * penalty is stored with its decision number and its frozen decision; an unlawful one is refused with
 * every reason and nothing stored; the hearing notice and collective discussion are required on the
 * file (with dates the decision does not precede) where the validator says so; only an officer on
 * the inspection may record; case text is stored and returned literally; the dashboard counts the
 * penalty as it counts the demo's.
 */
import { contentSha256, type DocumentContent } from '@supervise/documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regimeCounts } from '../repositories/dashboard.repository.js';
import { seedCalendarFromPackage } from '../repositories/calendar.repository.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_INSPECTOR_OFFICER_CODE } from '../seed/demo-accounts.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { listPenaltiesOfCase, readPenalty, recordPenalty, type RecordPenaltyInput } from './penalty.use-case.js';
import { actorForUsername } from './roster-change.use-case.js';

let t: TestDatabase;
let inspector: Actor;
let colleague: Actor;
let leader: Actor;
let bankInspector: Actor;
let pawnInspection: number;
let bankInspection: number;
let bankNotice: number;

const TODAY = '2026-11-27';

async function account(username: string, officerId: number, role: string, brigade: string | null): Promise<Actor> {
  const u = await t.db
    .insertInto('app_user')
    .values({ username, display_name: username, password_hash: 'unused', officer_id: officerId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('user_role').values({ user_id: u.id, role, brigade_id: brigade }).execute();
  return (await actorForUsername(t.db, username, 'web'))!;
}

async function doneInspection(entityId: number, regime: string, officerIds: number[]): Promise<number> {
  const row = await t.db
    .insertInto('inspection')
    .values({
      entity_id: entityId,
      regime_code: regime,
      trigger: 'patrol',
      planned_on: '2026-11-02',
      inspected_on: '2026-11-02',
      status: 'done',
      outcome: 'hazards_found',
      closed_at: new Date('2026-11-02T08:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('inspection_officer')
    .values(officerIds.map((officer_id) => ({ inspection_id: row.id, officer_id })))
    .execute();
  return Number(row.id);
}

const base = (over: Partial<RecordPenaltyInput> = {}): RecordPenaltyInput => ({
  inspectionId: pawnInspection,
  violation: 'R09-PAWN-PROHIBITED-GOODS',
  party: { type: 'unit', name: '鹿泉某典当行' },
  facts: '收当公安机关明令禁止的财物',
  warning: false,
  fineFen: 800_000,
  individualFines: [],
  detentionDays: null,
  revokeLicence: false,
  suspendBusiness: false,
  inspectionFeesFen: null,
  hearingNotifiedOn: null,
  hearingRequested: null,
  collectiveDiscussionOn: null,
  collectiveDiscussionNote: null,
  actOn: '2026-11-01',
  decidedOn: '2026-11-20',
  today: TODAY,
  ...over,
});

const counts = async () => {
  const n = async (table: 'penalty' | 'official_document' | 'document_counter') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { penalty: await n('penalty'), document: await n('official_document'), counter: await n('document_counter') };
};
const audits = (outcome: string) =>
  t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'penalty.record')
    .where('outcome', '=', outcome)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: TODAY });
  await seedCalendarFromPackage(t.db);
  inspector = (await actorForUsername(t.db, 'inspector', 'web'))!;
  leader = (await actorForUsername(t.db, 'leader', 'web'))!;
  const za = await t.db
    .selectFrom('officer')
    .select(['id', 'code'])
    .where('brigade_id', '=', 'B-ZA')
    .where('station_id', 'is', null)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  const me = za.find((o) => o.code === DEMO_INSPECTOR_OFFICER_CODE)!;
  const linked = new Set(
    (await t.db.selectFrom('app_user').select('officer_id').where('officer_id', 'is not', null).execute()).map((r) =>
      Number(r.officer_id),
    ),
  );
  const free = za.filter((o) => !linked.has(Number(o.id)));
  // The partner on the inspection, and a colleague of the same brigade who was not there.
  const partner = free[0]!;
  colleague = await account('za-colleague', Number(free[1]!.id), 'inspector', 'B-ZA');
  const pawnshop = await t.db
    .selectFrom('entity')
    .select('id')
    .where('kind', '=', 'pawnshop')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  pawnInspection = await doneInspection(Number(pawnshop.id), 'R09', [Number(me.id), Number(partner.id)]);

  // R14: a bank whose notice ran out unmet; its brigade's inspector records the penalty.
  const wa = await t.db
    .selectFrom('officer')
    .select('id')
    .where('brigade_id', '=', 'B-WA')
    .where('station_id', 'is', null)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  const waFree = wa.filter((o) => !linked.has(Number(o.id)));
  bankInspector = await account('wa-inspector', Number(waFree[0]!.id), 'inspector', 'B-WA');
  const bank = await t.db
    .selectFrom('entity')
    .select('id')
    .where('regime_code', '=', 'R14')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  bankInspection = await doneInspection(Number(bank.id), 'R14', [Number(waFree[0]!.id), Number(waFree[1]!.id)]);
  const hazard = await t.db
    .insertInto('hazard')
    .values({ inspection_id: bankInspection, severity: 'major', description: '金库报警装置失效' })
    .returning('id')
    .executeTakeFirstOrThrow();
  bankNotice = Number(
    (
      await t.db
        .insertInto('rectification')
        .values({
          hazard_id: hazard.id,
          notice_no: '鹿公网限改字〔2026〕9001号',
          served_on: '2026-11-03',
          deadline_on: '2026-11-10',
          status: 'overdue',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
}, 600_000);

afterAll(async () => {
  await t?.drop();
});

describe('recordPenalty', () => {
  it('stores a lawful penalty with its decision number and its frozen decision, audited', async () => {
    const before = await counts();
    const r = await recordPenalty(t.db, inspector, base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.number).toMatch(/^鹿公\(治\)行罚决字〔2026〕\d{4}号$/);
    const after = await counts();
    expect(after.penalty).toBe(before.penalty + 1);
    expect(after.document).toBe(before.document + 1);

    const row = await t.db.selectFrom('penalty').selectAll().where('id', '=', r.penaltyId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      inspection_id: pawnInspection,
      regime_code: 'R09',
      violation_code: 'R09-PAWN-PROHIBITED-GOODS',
      decided_on: '2026-11-20',
      fine_fen: 800_000,
      party_type: 'unit',
      party_name: '鹿泉某典当行',
      created_by: inspector.id,
    });
    const doc = await t.db
      .selectFrom('official_document')
      .selectAll()
      .where('penalty_id', '=', r.penaltyId)
      .executeTakeFirstOrThrow();
    expect(doc.kind).toBe('penalty_decision');
    expect(doc.number).toBe(r.number);
    expect(doc.first_served_at).not.toBeNull();
    const content = doc.content as Record<string, unknown>;
    expect(content).toMatchObject({
      kind: 'penalty_decision',
      number: r.number,
      violationZh: '典当行收当公安机关明令禁止的财物',
      sanctions: ['罚款人民币8000元'],
      decidedOn: '2026-11-20',
      regime: { code: 'R09' },
    });
    expect((content.officers as unknown[]).length).toBe(2);
    expect(doc.content_sha256).toBe(contentSha256(content as unknown as DocumentContent));
    // Frozen: its text cannot change afterwards.
    await expect(
      t.db
        .updateTable('official_document')
        .set({ content: JSON.stringify({ ...content, facts: 'x' }) })
        .where('id', '=', doc.id)
        .execute(),
    ).rejects.toThrow(/frozen/);

    // The next decision of the brigade that year takes the next number.
    const second = await recordPenalty(t.db, inspector, base({ fineFen: 500_000 }));
    expect(second.ok && second.number).toBe(
      r.number.replace(/(\d{4})号$/, (_, n: string) => `${String(Number(n) + 1).padStart(4, '0')}号`),
    );

    const ok = await audits('success');
    expect(ok.at(-1)).toMatchObject({ actor_username: 'inspector', entity_type: 'penalty' });
    expect(ok.some((a) => a.entity_id === String(r.penaltyId))).toBe(true);

    const listed = await listPenaltiesOfCase(t.db, pawnInspection);
    expect(listed.map((p) => p.number)).toContain(r.number);
  });

  it('refuses an unlawful penalty with every reason and its legal basis, storing nothing', async () => {
    const before = await counts();
    const auditsBefore = (await audits('failure')).length;
    const r = await recordPenalty(t.db, inspector, base({ fineFen: 4_000_000, warning: true }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('REFUSED');
    const codes = r.reasons.map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['PENALTY-WARNING-NOT-PROVIDED', 'PENALTY-FINE-OUT-OF-RANGE']));
    const range = r.reasons.find((x) => x.code === 'PENALTY-FINE-OUT-OF-RANGE')!;
    expect(range.zh).toContain('5,000–30,000');
    expect(range.en).toMatch(/statutory range/);
    expect(range.clause).toBe('R09 监督检查处理 1；PAWN-2005-PROHIBITED-GOODS');
    expect(range.field).toBe('fineFen');
    expect(await counts()).toEqual(before);
    expect((await audits('failure')).length).toBe(auditsBefore + 1);
  });

  it('names each bad field and a violation of another regime', async () => {
    const before = await counts();
    const r = await recordPenalty(
      t.db,
      inspector,
      base({ violation: 'R14-BANK-SECURITY-HAZARD', facts: ' ', party: { type: 'unit', name: '' } }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.reasons.map((x) => x.field).sort()).toEqual(['facts', 'party.name', 'violation']);
    expect(await counts()).toEqual(before);
  });

  it('requires the hearing notice and the collective discussion on the file before a large fine, and the decision after them', async () => {
    const before = await counts();
    const large = { fineFen: 2_000_000 };
    const missing = await recordPenalty(t.db, inspector, base(large));
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.reasons.map((x) => x.code)).toEqual([
      'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    ]);
    // Each gate cites the law that imposes it (行政处罚法 arts. 57(2) and 63; issue 11 §3).
    expect(missing.reasons.every((x) => (x.clause ?? '').includes('《中华人民共和国行政处罚法》'))).toBe(true);

    const records = {
      ...large,
      hearingNotifiedOn: '2026-11-10',
      hearingRequested: false,
      collectiveDiscussionOn: '2026-11-18',
      collectiveDiscussionNote: '经集体讨论，同意罚款人民币20000元',
    };
    // Decided within the period in which the party may still ask for a hearing.
    const early = await recordPenalty(
      t.db,
      inspector,
      base({ ...records, decidedOn: '2026-11-16', collectiveDiscussionOn: '2026-11-12' }),
    );
    expect(!early.ok && early.reasons.map((x) => x.code)).toEqual(['PENALTY-DECIDED-WITHIN-HEARING-REQUEST-PERIOD']);
    // Decided before the collective discussion; and without its note.
    const beforeDiscussion = await recordPenalty(t.db, inspector, base({ ...records, decidedOn: '2026-11-17' }));
    expect(!beforeDiscussion.ok && beforeDiscussion.reasons.map((x) => x.code)).toEqual([
      'PENALTY-DECIDED-BEFORE-COLLECTIVE-DISCUSSION',
    ]);
    const noNote = await recordPenalty(t.db, inspector, base({ ...records, collectiveDiscussionNote: '' }));
    expect(!noNote.ok && noNote.reasons.map((x) => x.code)).toEqual(['PENALTY-COLLECTIVE-DISCUSSION-NOTE-MISSING']);
    // The party asked for a hearing: it is held before the decision.
    const asked = await recordPenalty(t.db, inspector, base({ ...records, hearingRequested: true }));
    expect(!asked.ok && asked.reasons.map((x) => x.code)).toEqual(['PENALTY-HEARING-NOT-HELD']);
    expect(await counts()).toEqual(before);

    const lawful = await recordPenalty(t.db, inspector, base(records));
    expect(lawful.ok).toBe(true);
    if (!lawful.ok) return;
    expect(lawful.notes.map((n) => n.code)).toContain('PENALTY-HEARING-REQUEST-PERIOD-UNSETTLED');
    const row = await t.db.selectFrom('penalty').selectAll().where('id', '=', lawful.penaltyId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      hearing_notified_on: '2026-11-10',
      hearing_requested: false,
      collective_discussion_on: '2026-11-18',
      collective_discussion_note: '经集体讨论，同意罚款人民币20000元',
    });
  });

  it('issue 11: an article the table lacks needs a recorded legal review; stored with the article, version, act date and review', async () => {
    const before = await counts();
    // R09 licence seizure, an act of 2026: the 2025 revision of the punishments law applies and its text
    // is not in the statute table, so the seizure needs a legal review naming the article.
    const seizure = base({
      violation: 'R09-SPECIAL-TRADE-LICENCE-SEIZURE',
      severity: 'serious',
      fineFen: null,
      confiscateLicence: true,
      hearingNotifiedOn: '2026-11-10',
      hearingRequested: false,
      collectiveDiscussionOn: '2026-11-18',
      collectiveDiscussionNote: '经集体讨论，同意收缴《特种行业许可证》',
    });
    const refused = await recordPenalty(t.db, inspector, seizure);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    const need = refused.reasons.find((x) => x.code === 'PENALTY-LEGAL-REVIEW-REQUIRED');
    expect(need).toMatchObject({ field: 'legalReview' });
    expect(need!.clause).toContain('第三十七条');
    expect(need!.clause).toContain('第五十八条');
    const noActDate = await recordPenalty(t.db, inspector, { ...seizure, actOn: null });
    expect(!noActDate.ok && noActDate.reasons.map((x) => [x.code, x.field])).toContainEqual([
      'PENALTY-ACT-DATE-REQUIRED',
      'actOn',
    ]);
    const legalReview = {
      reviewer: '法制大队 赵六',
      reviewedOn: '2026-11-19',
      article: '《中华人民共和国治安管理处罚法》（2025年修订）相应条款',
      approved: { confiscation: true },
      opinion: '事实清楚，适用法律正确，同意收缴',
    };
    const late = await recordPenalty(t.db, inspector, { ...seizure, legalReview: { ...legalReview, reviewedOn: '2026-11-21' } });
    expect(!late.ok && late.reasons.map((x) => [x.code, x.field])).toEqual([
      ['PENALTY-LEGAL-REVIEW-AFTER-DECISION', 'legalReview.reviewedOn'],
    ]);
    expect(await counts()).toEqual(before);

    const stored = await recordPenalty(t.db, inspector, { ...seizure, legalReview });
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    const row = await t.db.selectFrom('penalty').selectAll().where('id', '=', stored.penaltyId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      act_on: '2026-11-01',
      statute_version: 'PSAPL-2025',
      confiscate_licence: true,
      legal_reviewer: '法制大队 赵六',
      legal_reviewed_on: '2026-11-19',
      legal_review_article: legalReview.article,
      legal_review_approved: { confiscation: true },
      legal_review_opinion: legalReview.opinion,
    });
    expect(row.statute_article).toContain('治安管理处罚法');
    const doc = await t.db
      .selectFrom('official_document')
      .select('content')
      .where('penalty_id', '=', stored.penaltyId)
      .executeTakeFirstOrThrow();
    const content = doc.content as { legalBasis: string[]; sanctions: string[] };
    expect(content.legalBasis[0]).toBe(legalReview.article);
    expect(content.sanctions).toContain('收缴许可证');
    const view = await readPenalty(t.db, inspector, stored.penaltyId);
    expect(view.ok && view.penalty.legalReview).toMatchObject({ reviewer: '法制大队 赵六', approved: { confiscation: true } });

    // A verified article is stored with its id and version.
    const pawn = await recordPenalty(t.db, inspector, base());
    expect(pawn.ok).toBe(true);
    if (!pawn.ok) return;
    const pawnRow = await t.db.selectFrom('penalty').selectAll().where('id', '=', pawn.penaltyId).executeTakeFirstOrThrow();
    expect(pawnRow).toMatchObject({
      statute_article: 'PAWN-2005-PROHIBITED-GOODS',
      statute_version: 'PAWN-2005',
      legal_reviewer: null,
    });
  });

  it('the database refuses a half-written legal review and an act after the decision', async () => {
    const row = await t.db
      .selectFrom('penalty')
      .select('id')
      .where('legal_reviewer', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await expect(t.db.updateTable('penalty').set({ legal_reviewer: '某人' }).where('id', '=', row.id).execute()).rejects.toThrow(
      /penalty_legal_review_whole/,
    );
    await expect(t.db.updateTable('penalty').set({ act_on: '2099-01-01' }).where('id', '=', row.id).execute()).rejects.toThrow(
      /penalty_act_before_decision/,
    );
  });

  it('lets only an officer on the inspection, within scope, record; refusals audited as denied', async () => {
    const before = await counts();
    const deniedBefore = (await audits('denied')).length;
    const notThere = await recordPenalty(t.db, colleague, base());
    expect(notThere).toMatchObject({ ok: false, code: 'NOT_ON_INSPECTION' });
    const notInspector = await recordPenalty(t.db, leader, base());
    expect(notInspector).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    // A B-WA inspector on a B-ZA case: out of scope even before the roster is looked at.
    const otherBrigade = await recordPenalty(t.db, bankInspector, base());
    expect(otherBrigade).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const missing = await recordPenalty(t.db, inspector, base({ inspectionId: 987654321 }));
    expect(missing).toMatchObject({ ok: false, code: 'INSPECTION_NOT_FOUND' });
    expect(await counts()).toEqual(before);
    expect((await audits('denied')).length).toBe(deniedBefore + 3);
  });

  it('stores and returns case text literally', async () => {
    const facts = `<script>alert("x")</script> '; drop table penalty; --`;
    const r = await recordPenalty(t.db, inspector, base({ facts, party: { type: 'unit', name: '<b>典当行</b>' } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const read = await readPenalty(t.db, inspector, r.penaltyId);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.penalty.facts).toBe(facts);
    expect(read.penalty.party.name).toBe('<b>典当行</b>');
    expect((read.penalty.document!.content as { facts: string }).facts).toBe(facts);
    // Out of scope for another brigade's reader.
    expect(await readPenalty(t.db, bankInspector, r.penaltyId)).toEqual({ ok: false, code: 'OUT_OF_SCOPE' });
  });
});

describe('preconditions from the notice, and the dashboard', () => {
  it('R14: fines only on an overdue notice with harm; counted on the dashboard with the persons’ fines', async () => {
    const period = { from: '2026-01-01', to: '2026-12-31', today: TODAY };
    const q = { ...period, regimes: ['R14'], scope: { all: true as const } };
    const [before] = await regimeCounts(t.db, q);
    const input = base({
      inspectionId: bankInspection,
      violation: 'R14-BANK-OVERDUE-RECTIFICATION',
      party: { type: 'unit', name: '某银行营业网点' },
      facts: '金库报警装置逾期未修复，造成财产损失',
      fineFen: 2_000_000,
      individualFines: [{ name: '李四', role: 'head', fineFen: 100_000 }],
      hearingNotifiedOn: '2026-11-12',
      hearingRequested: false,
      collectiveDiscussionOn: '2026-11-19',
      collectiveDiscussionNote: '同意',
      decidedOn: '2026-11-20',
    });
    const noNotice = await recordPenalty(t.db, bankInspector, input);
    expect(!noNotice.ok && noNotice.reasons.map((x) => x.code)).toEqual([
      'PENALTY-PRECONDITION-OVERDUE-RECTIFICATION-WITH-HARM-OR-SERIOUS-THREAT',
    ]);
    const noHarm = await recordPenalty(t.db, bankInspector, { ...input, rectificationId: bankNotice });
    expect(noHarm.ok).toBe(false);
    const r = await recordPenalty(t.db, bankInspector, { ...input, rectificationId: bankNotice, harmOrSeriousThreat: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.number).toMatch(/^鹿公\(网\)行罚决字〔2026〕\d{4}号$/);
    const [after] = await regimeCounts(t.db, q);
    expect(after!.penalties.count).toBe(before!.penalties.count + 1);
    expect(after!.penalties.fineFen).toBe(before!.penalties.fineFen + 2_000_000 + 100_000);
  });
});
