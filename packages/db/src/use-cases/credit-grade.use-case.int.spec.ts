import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCells, creditGradesXlsx } from '../export/credit-file.js';
import { creditCandidates, listCreditGrades } from '../repositories/credit-grade.repository.js';
import { createCaseFixture, createRoleActor, type CaseFixture } from '../testing/case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { Actor } from './actor.js';
import { CreditError, gradeUnit } from './credit-grade.use-case.js';

/**
 * Issue 13 §7: an R03 unit graded 一般/较重/严重失信 on one of its own records with the officer's reason;
 * scope on the unit as stored, bad input named, nothing half-written; the platform file formula-safe.
 */
const TODAY = '2026-11-25';
let t: TestDatabase;
let a: CaseFixture;
let b: CaseFixture;
let jj: Actor;
let za: Actor;
let penaltyId = 0;
let noticeA = 0;
let noticeB = 0;
let codeA = '';

const all = { all: true, brigadeIds: [], stationIds: [] };

async function notice(f: CaseFixture, no: string): Promise<number> {
  const r = await t.db
    .insertInto('rectification')
    .values({
      hazard_id: f.hazardId,
      notice_no: no,
      issued_on: '2026-11-10',
      deadline_on: '2026-11-20',
      deadline_rule: 'R03-MAJOR-15D',
      status: 'overdue',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-11-10', tag: 'cg1' });
  b = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-11-10', tag: 'cg2' });
  jj = await createRoleActor(t.db, { username: 'jj_sch', role: 'scheduler', brigadeId: 'B-JJ' });
  za = await createRoleActor(t.db, { username: 'za_sch', role: 'scheduler', brigadeId: 'B-ZA' });
  noticeA = await notice(a, '鹿公交限改字〔2026〕0001号');
  noticeB = await notice(b, '鹿公交限改字〔2026〕0002号');
  const p = await t.db
    .insertInto('penalty')
    .values({
      entity_id: a.entityId,
      regime_code: 'R03',
      violation_code: 'R03-MAJOR-HAZARD-UNRECTIFIED',
      decided_on: '2026-11-22',
      inspection_id: a.inspectionId,
      fine_fen: 2_000_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  penaltyId = Number(p.id);
  codeA = (await t.db.selectFrom('entity').select('code').where('id', '=', a.entityId).executeTakeFirstOrThrow()).code;
});

afterAll(async () => {
  await t?.drop();
});

const grades = async () => (await t.db.selectFrom('credit_grade').select('id').execute()).length;
const input = (over: Record<string, string> = {}) => ({
  entityCode: codeA,
  grade: 'serious',
  reason: '重大事故隐患逾期拒不整改，情节较重，危害较大。',
  basisKind: 'penalty',
  basisId: String(penaltyId),
  ...over,
});

describe('R03 dishonesty grades (seed R03 四（六）: the officer’s decision, no criteria in the seed)', () => {
  it('grades a unit on its penalty, with the reason; the record leaves the candidates', async () => {
    expect((await creditCandidates(t.db, all)).map((c) => `${c.kind} ${c.id}`)).toContain(`penalty ${penaltyId}`);
    const { id } = await gradeUnit(t.db, jj, input(), TODAY);
    const [row] = await listCreditGrades(t.db, all);
    expect(row).toMatchObject({
      id,
      grade: 'serious',
      gradedOn: TODAY,
      basis: { kind: 'penalty', id: penaltyId, reference: 'R03-MAJOR-HAZARD-UNRECTIFIED' },
    });
    expect((await creditCandidates(t.db, all)).map((c) => `${c.kind} ${c.id}`)).not.toContain(`penalty ${penaltyId}`);
  });

  it('names the bad field and writes nothing: a grade not of the three, a blank reason, another unit’s notice, a unit not of R03, a record graded already', async () => {
    const before = await grades();
    const bad = async (over: Record<string, string>) => {
      const e = await gradeUnit(t.db, jj, input(over), TODAY).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CreditError);
      return `${(e as CreditError).field} ${(e as CreditError).reason}`;
    };
    expect(await bad({ grade: 'critical' })).toBe('grade bad_grade');
    expect(await bad({ reason: '  ' })).toBe('reason required');
    expect(await bad({ basisKind: 'rectification', basisId: String(noticeB) })).toBe('basisId basis_not_found');
    expect(await bad({ basisId: '999999' })).toBe('basisId basis_not_found');
    expect(await bad({})).toBe('basisId basis_already_graded');
    await t.db
      .insertInto('entity')
      .values({
        code: 'T-R09-x',
        regime_code: 'R09',
        kind: 'hotel',
        name: '某宾馆',
        address: '某路',
        brigade_id: 'B-ZA',
        registered_on: '2020-01-01',
      })
      .execute();
    expect(await bad({ entityCode: 'T-R09-x' })).toBe('entityCode entity_not_r03');
    expect(await grades()).toBe(before);
  });

  it('refuses a scheduler of another brigade (denied, audited) and shows it no grade', async () => {
    await expect(
      gradeUnit(t.db, za, input({ basisKind: 'rectification', basisId: String(noticeA) }), TODAY),
    ).rejects.toMatchObject({
      code: 'CREDIT-DENIED',
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['outcome', 'actor_username'])
      .where('action', '=', 'credit.grade')
      .orderBy('id')
      .execute();
    expect(audit.map((x) => `${x.actor_username} ${x.outcome}`)).toEqual([
      'jj_sch success',
      ...Array(6).fill('jj_sch failure'),
      'za_sch denied',
    ]);
    expect(await listCreditGrades(t.db, { all: false, brigadeIds: ['B-ZA'], stationIds: [] })).toEqual([]);
    expect(await creditCandidates(t.db, { all: false, brigadeIds: ['B-ZA'], stationIds: [] })).toEqual([]);
  });

  it('grades on a notice too, and writes the platform file with every text cell formula-safe', async () => {
    await gradeUnit(
      t.db,
      jj,
      input({ grade: 'severe', basisKind: 'rectification', basisId: String(noticeA), reason: '=HYPERLINK("x")' }),
      TODAY,
    );
    const rows = await listCreditGrades(t.db, all);
    const severe = rows.find((r) => r.grade === 'severe')!;
    expect(severe.basis).toMatchObject({ kind: 'rectification', reference: '鹿公交限改字〔2026〕0001号' });
    const cells = creditCells(severe);
    expect(cells[4]).toBe('严重失信 / severe dishonesty');
    expect(cells[5]).toBe(`'=HYPERLINK("x")`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await creditGradesXlsx(rows, { title: 't' })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    expect(JSON.stringify(ws.getRow(2).values) + JSON.stringify(ws.getRow(3).values)).toContain(`'=HYPERLINK`);
  });
});
