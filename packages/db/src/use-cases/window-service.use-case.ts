/**
 * R01 window service (issue 13 §6; core `window-service.ts`, seed R01 三–六). The scheduler imports the
 * raters' monthly results (the registry import's upload guard and parser; every bad row named with
 * file, row and field; all or nothing), records complaints per staff member and their follow-up call or
 * visit; the leader sets the two configured thresholds (no number in the rulebook) and decides the
 * measure — retraining or a move — for a member flagged in a month.
 */
import {
  can,
  checkWindowComplaint,
  checkWindowFollowUp,
  checkWindowThresholds,
  isMonth,
  validateWindowRatings,
  WINDOW_MEASURES,
  WINDOW_TEXT_MAX,
  windowFlags,
  type IsoDate,
  type Permission,
  type WindowComplaintInput,
  type WindowRatingIssue,
  type WindowThresholds,
} from '@supervise/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { readRegistryFile, UploadRefusedError } from '../import/registry-file.js';
import { windowThresholds } from '../repositories/window-service.repository.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';

export type WindowErrorCode = 'WINDOW-BAD-INPUT' | 'WINDOW-BAD-FILE' | 'WINDOW-DENIED' | 'WINDOW-NOT-FOUND' | 'WINDOW-STATE';

export class WindowError extends Error {
  override readonly name = 'WindowError';
  constructor(
    readonly code: WindowErrorCode,
    readonly field: string | null,
    readonly reason: string,
    /** The file's problems, each with file, row and field (WINDOW-BAD-FILE). */
    readonly issues: WindowRatingIssue[] = [],
  ) {
    super(`${code}${field ? ` ${field}` : ''}: ${reason}`);
  }
}

const refusal = (e: unknown) =>
  e instanceof WindowError
    ? {
        denied: e.code === 'WINDOW-DENIED',
        code: e.code,
        details: {
          field: e.field,
          reason: e.reason,
          issues: e.issues.length,
          firstIssues: e.issues.slice(0, 5).map((i) => `${i.row} ${i.field ?? ''} ${i.code}`),
        },
      }
    : null;

function allow(actor: Actor, permission: Permission): void {
  // R01 is the exit-entry brigade's: the scope is the regime's.
  if (actor.principal !== null && !can(actor.principal, permission, { regime: 'R01' }))
    throw new WindowError('WINDOW-DENIED', null, 'out_of_scope');
}

/** Imports the raters' results: every row stored (staff created or renamed, a month's result replaced) or none. */
export async function importWindowRatings(
  db: Kysely<DB>,
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array },
): Promise<{ rows: number; staffCreated: number; replaced: number }> {
  const file = input.fileName.trim() || 'upload';
  return runAudited(
    db,
    actor,
    'window.ratings.import',
    { type: 'window_rating', id: null },
    { fileName: file, bytes: input.bytes.length },
    async (trx) => {
      allow(actor, 'window.manage');
      let table;
      try {
        table = (await readRegistryFile(input.bytes)).table;
      } catch (e) {
        if (!(e instanceof UploadRefusedError)) throw e;
        const r = e.refusal;
        throw new WindowError('WINDOW-BAD-FILE', 'file', r.code, [
          { file, row: 1, field: null, code: 'unreadable_file', zh: r.zh, en: r.en },
        ]);
      }
      const { rows, issues } = validateWindowRatings(table, file);
      if (issues.length > 0) throw new WindowError('WINDOW-BAD-FILE', 'file', 'bad_rows', issues);
      let staffCreated = 0;
      let replaced = 0;
      for (const r of rows) {
        const staff = await trx
          .insertInto('window_staff')
          .values({ code: r.code, name: r.name })
          .onConflict((c) => c.column('code').doUpdateSet({ name: r.name, active: true }))
          .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
          .executeTakeFirstOrThrow();
        if (staff.inserted) staffCreated++;
        const rating = await trx
          .insertInto('window_rating')
          .values({
            staff_id: staff.id,
            month: r.month,
            rated: r.rated,
            satisfied: r.satisfied,
            source_file: file,
            imported_by: actor.id,
          })
          .onConflict((c) =>
            c.columns(['staff_id', 'month']).doUpdateSet({
              rated: r.rated,
              satisfied: r.satisfied,
              source_file: file,
              imported_by: actor.id,
              imported_at: sql`now()`,
            }),
          )
          .returning(sql<boolean>`xmax = 0`.as('inserted'))
          .executeTakeFirstOrThrow();
        if (!rating.inserted) replaced++;
      }
      const result = { rows: rows.length, staffCreated, replaced };
      return { result, after: result };
    },
    refusal,
  );
}

async function staffByCode(trx: Transaction<DB>, code: string) {
  const s = await trx.selectFrom('window_staff').select(['id', 'active']).where('code', '=', code.trim()).executeTakeFirst();
  if (!s) throw new WindowError('WINDOW-BAD-INPUT', 'staffCode', 'staff_not_found');
  return s;
}

/** A complaint about a window staff member (监督电话, 意见箱, 现场, 行风监督). */
export async function recordWindowComplaint(
  db: Kysely<DB>,
  actor: Actor,
  input: WindowComplaintInput,
  today: IsoDate,
): Promise<{ id: number }> {
  return runAudited(
    db,
    actor,
    'window.complaint.record',
    { type: 'window_complaint', id: null },
    { staff: input.staffCode, channel: input.channel },
    async (trx) => {
      const errors = checkWindowComplaint(input, today);
      if (errors.length > 0) throw new WindowError('WINDOW-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      allow(actor, 'window.manage');
      const staff = await staffByCode(trx, input.staffCode);
      const { id } = await trx
        .insertInto('window_complaint')
        .values({
          staff_id: staff.id,
          channel: input.channel,
          received_on: input.receivedOn,
          content: input.content.trim(),
          recorded_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { result: { id: Number(id) }, entityId: Number(id) };
    },
    refusal,
  );
}

/** The follow-up call or visit of a complaint (五（2）电话回访或者登门走访), once. */
export async function recordWindowFollowUp(
  db: Kysely<DB>,
  actor: Actor,
  input: { complaintId: number; kind: string; on: string; note: string },
  today: IsoDate,
): Promise<void> {
  await runAudited(
    db,
    actor,
    'window.complaint.follow_up',
    { type: 'window_complaint', id: input.complaintId },
    { kind: input.kind, on: input.on },
    async (trx) => {
      allow(actor, 'window.manage');
      const c = await trx
        .selectFrom('window_complaint')
        .select(['id', 'received_on', 'follow_up'])
        .where('id', '=', input.complaintId)
        .forUpdate()
        .executeTakeFirst();
      if (!c) throw new WindowError('WINDOW-NOT-FOUND', 'complaintId', 'not_found');
      if (c.follow_up !== null) throw new WindowError('WINDOW-STATE', null, 'already_followed_up');
      const errors = checkWindowFollowUp(input, c.received_on, today);
      if (errors.length > 0) throw new WindowError('WINDOW-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      await trx
        .updateTable('window_complaint')
        .set({ follow_up: input.kind, follow_up_on: input.on, follow_up_note: input.note.trim() })
        .where('id', '=', c.id)
        .execute();
      return { result: undefined, after: { kind: input.kind, on: input.on } };
    },
    refusal,
  );
}

/** The leader's measure for a member flagged in the month (六（1）培训整改 / 调离、调整岗位), once a month. */
export async function decideWindowMeasure(
  db: Kysely<DB>,
  actor: Actor,
  input: { staffCode: string; month: string; measure: string; note: string },
  today: IsoDate,
): Promise<void> {
  await runAudited(
    db,
    actor,
    'window.measure.decide',
    { type: 'window_staff', id: null },
    { staff: input.staffCode, month: input.month, measure: input.measure },
    async (trx) => {
      allow(actor, 'window.decide');
      if (!isMonth(input.month)) throw new WindowError('WINDOW-BAD-INPUT', 'month', 'bad_month');
      if (!(WINDOW_MEASURES as readonly string[]).includes(input.measure))
        throw new WindowError('WINDOW-BAD-INPUT', 'measure', 'bad_measure');
      const note = input.note.trim();
      if (note === '') throw new WindowError('WINDOW-BAD-INPUT', 'note', 'required');
      if (note.length > WINDOW_TEXT_MAX) throw new WindowError('WINDOW-BAD-INPUT', 'note', 'too_long');
      const staff = await staffByCode(trx, input.staffCode);
      const rating = await trx
        .selectFrom('window_rating')
        .select(['rated', 'satisfied'])
        .where('staff_id', '=', staff.id)
        .where('month', '=', input.month)
        .executeTakeFirst();
      const complaints = await trx
        .selectFrom('window_complaint')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('staff_id', '=', staff.id)
        .where(sql<boolean>`to_char(received_on, 'YYYY-MM') = ${input.month}`)
        .executeTakeFirstOrThrow();
      const flags = windowFlags(
        { rated: rating?.rated ?? 0, satisfied: rating?.satisfied ?? 0, complaints: Number(complaints.n) },
        await windowThresholds(trx),
      );
      // The measure is the rule's answer to a flag: none for a member the thresholds do not flag.
      if (flags.length === 0) throw new WindowError('WINDOW-STATE', 'staffCode', 'not_flagged');
      const taken = await trx
        .selectFrom('window_measure')
        .select('id')
        .where('staff_id', '=', staff.id)
        .where('month', '=', input.month)
        .executeTakeFirst();
      if (taken) throw new WindowError('WINDOW-STATE', 'staffCode', 'measure_exists');
      await trx
        .insertInto('window_measure')
        .values({ staff_id: staff.id, month: input.month, measure: input.measure, note, decided_on: today, decided_by: actor.id })
        .execute();
      return { result: undefined, entityId: Number(staff.id), after: { month: input.month, measure: input.measure, flags } };
    },
    refusal,
  );
}

/** The leader sets the two thresholds (configured: the rulebook gives no number). */
export async function setWindowThresholds(db: Kysely<DB>, actor: Actor, t: WindowThresholds): Promise<WindowThresholds> {
  return runAudited(
    db,
    actor,
    'settings.window_thresholds',
    { type: 'service_setting', id: null },
    { requested: t },
    async (trx) => {
      allow(actor, 'window.decide');
      const bad = checkWindowThresholds(t);
      if (bad.length > 0) throw new WindowError('WINDOW-BAD-INPUT', bad[0]!, 'bad_threshold');
      const before = await windowThresholds(trx);
      const n = await trx
        .updateTable('service_setting')
        .set({
          window_min_satisfaction_pct: t.minSatisfactionPct,
          window_max_complaints: t.maxComplaints,
          updated_by: actor.id,
          updated_at: new Date(),
        })
        .executeTakeFirst();
      if (Number(n.numUpdatedRows) === 0) throw new WindowError('WINDOW-STATE', null, 'not_in_service');
      return { result: t, before, after: t };
    },
    refusal,
  );
}
