import { CREDIT_REGIME } from '@supervise/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { anyOf } from './any-of.js';

/**
 * R03 dishonesty grades (issue 13 §7): the records a grade may rest on (the R03 units' penalties and
 * rectification notices) and the grades given. Rows are filtered by the units' brigade and station
 * (`scope`) here, in SQL, as the registry's are.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface CreditScope {
  all: boolean;
  brigadeIds: readonly string[];
  stationIds: readonly string[];
}

export interface CreditRecord {
  kind: 'penalty' | 'rectification';
  id: number;
  entity: { code: string; name: string };
  /** The decision's or the notice's number (a penalty without a served decision: its violation code). */
  reference: string;
  on: string | null;
  status: string;
}

export interface CreditGradeRow {
  id: number;
  entity: { code: string; name: string; licenceNo: string | null; address: string };
  grade: string;
  reason: string;
  basis: { kind: 'penalty' | 'rectification'; id: number; reference: string; on: string | null };
  gradedOn: string;
  gradedBy: string | null;
}

const scopeSql = (s: CreditScope) =>
  s.all
    ? sql<boolean>`true`
    : sql<boolean>`(e.brigade_id = ${anyOf(s.brigadeIds, 'text')} or e.station_id = ${anyOf(s.stationIds, 'text')})`;

/** The R03 penalties and notices in scope that no grade rests on yet, newest first. */
export async function creditCandidates(db: Db, scope: CreditScope, limit = 100): Promise<CreditRecord[]> {
  const penalties = await db
    .selectFrom('penalty as p')
    .innerJoin('entity as e', 'e.id', 'p.entity_id')
    .leftJoin('official_document as od', 'od.penalty_id', 'p.id')
    .leftJoin('credit_grade as g', 'g.penalty_id', 'p.id')
    .select(['p.id', 'e.code', 'e.name', 'od.number', 'p.violation_code', 'p.decided_on'])
    .where('p.regime_code', '=', CREDIT_REGIME)
    .where('g.id', 'is', null)
    .where(scopeSql(scope))
    .orderBy('p.decided_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
  const notices = await db
    .selectFrom('rectification as r')
    .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
    .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .leftJoin('credit_grade as g', 'g.rectification_id', 'r.id')
    .select(['r.id', 'e.code', 'e.name', 'r.notice_no', 'r.issued_on', 'r.status'])
    .where('i.regime_code', '=', CREDIT_REGIME)
    .where('g.id', 'is', null)
    .where(scopeSql(scope))
    .orderBy('r.issued_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return [
    ...penalties.map((p) => ({
      kind: 'penalty' as const,
      id: Number(p.id),
      entity: { code: p.code, name: p.name },
      reference: p.number ?? p.violation_code,
      on: p.decided_on,
      status: 'decided',
    })),
    ...notices.map((n) => ({
      kind: 'rectification' as const,
      id: Number(n.id),
      entity: { code: n.code, name: n.name },
      reference: n.notice_no,
      on: n.issued_on,
      status: n.status,
    })),
  ];
}

/** The grades in scope, newest first (the list and the file for the provincial credit platform). */
export async function listCreditGrades(db: Db, scope: CreditScope, limit = 5000): Promise<CreditGradeRow[]> {
  const rows = await db
    .selectFrom('credit_grade as g')
    .innerJoin('entity as e', 'e.id', 'g.entity_id')
    .leftJoin('penalty as p', 'p.id', 'g.penalty_id')
    .leftJoin('official_document as od', 'od.penalty_id', 'p.id')
    .leftJoin('rectification as r', 'r.id', 'g.rectification_id')
    .leftJoin('app_user as u', 'u.id', 'g.graded_by')
    .select([
      'g.id',
      'e.code',
      'e.name',
      'e.licence_no',
      'e.address',
      'g.grade',
      'g.reason',
      'g.penalty_id',
      'g.rectification_id',
      'od.number as decisionNo',
      'p.violation_code',
      'p.decided_on',
      'r.notice_no',
      'r.issued_on',
      'g.graded_on',
      'u.display_name',
    ])
    .where(scopeSql(scope))
    .orderBy('g.graded_on', 'desc')
    .orderBy('g.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    entity: { code: r.code, name: r.name, licenceNo: r.licence_no, address: r.address },
    grade: r.grade,
    reason: r.reason,
    basis:
      r.penalty_id !== null
        ? { kind: 'penalty', id: Number(r.penalty_id), reference: r.decisionNo ?? r.violation_code ?? '', on: r.decided_on }
        : { kind: 'rectification', id: Number(r.rectification_id), reference: r.notice_no ?? '', on: r.issued_on },
    gradedOn: r.graded_on,
    gradedBy: r.display_name,
  }));
}
