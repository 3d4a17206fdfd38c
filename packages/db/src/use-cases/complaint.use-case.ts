/**
 * Complaints and reports (举报/投诉, issue 13 §4): intake by phone or at the window (an officer) or on
 * the public form (no login, limited per address), a number and a reply deadline (core: configured
 * period, no statutory one verified), assignment to an officer, an inspection opened from it (its case
 * file follows on /cases), the reply. The informant's identity is read only by `viewInformant`, for
 * the complaints officer, and every view is audited; no audit entry, log line or job carries it.
 */
import {
  COMPLAINT_REPLY_DAYS_RANGE,
  COMPLAINT_REPLY_MAX,
  DEFAULT_COMPLAINT_REPLY_DAYS,
  PUBLIC_COMPLAINT_POLICY,
  brigadeOfRegime,
  can,
  checkComplaint,
  compareIsoDates,
  complaintNumber,
  complaintReplyDue,
  isIsoDate,
  publicComplaintThrottleKey,
  type ComplaintInput,
  type IsoDate,
} from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import {
  complaintReplyDays,
  insertComplaint,
  nextComplaintSequence,
  readInformant,
  writeComplaintReplyDays,
} from '../repositories/complaint.repository.js';
import { claimThrottleAttempt } from '../repositories/login-throttle.repository.js';
import { openCaseFromComplaint } from '../repositories/supervision-case.repository.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';
import { insertPairedInspection } from './paired-inspection.js';

export type ComplaintErrorCode =
  'COMPLAINT-BAD-INPUT' | 'COMPLAINT-NOT-FOUND' | 'COMPLAINT-DENIED' | 'COMPLAINT-STATE' | 'COMPLAINT-RATE-LIMITED';

export class ComplaintError extends Error {
  override readonly name = 'ComplaintError';
  constructor(
    readonly code: ComplaintErrorCode,
    readonly field: string | null,
    readonly reason: string,
    readonly retryAt?: Date,
  ) {
    super(`${code}${field ? ` ${field}` : ''}: ${reason}`);
  }
}

const refusal = (e: unknown) =>
  e instanceof ComplaintError
    ? { denied: e.code === 'COMPLAINT-DENIED', code: e.code, details: { field: e.field, reason: e.reason } }
    : null;

type Trx = Transaction<DB>;

export interface ReceivedComplaint {
  id: number;
  number: string;
  replyDueOn: IsoDate;
  replyDays: number;
}

async function store(
  trx: Trx,
  actorId: number | null,
  input: ComplaintInput,
  now: Date,
  today: IsoDate,
): Promise<ReceivedComplaint> {
  const errors = checkComplaint(input);
  if (errors.length > 0) throw new ComplaintError('COMPLAINT-BAD-INPUT', errors[0]!.field, errors[0]!.code);
  const replyDays = (await complaintReplyDays(trx)) ?? DEFAULT_COMPLAINT_REPLY_DAYS;
  const replyDueOn = complaintReplyDue(today, replyDays);
  const number = complaintNumber(today, await nextComplaintSequence(trx));
  const name = input.informantName?.trim() || null;
  const phone = input.informantPhone?.trim() || null;
  const id = await insertComplaint(trx, {
    number,
    channel: input.channel,
    regime: input.regime,
    brigadeId: brigadeOfRegime(input.regime)!,
    place: input.place?.trim() || null,
    content: input.content.trim(),
    receivedAt: now,
    receivedOn: today,
    replyDays,
    replyDueOn,
    createdBy: actorId,
    informant: name || phone ? { name, phone } : null,
  });
  return { id, number, replyDueOn, replyDays };
}

/** Audit details of a complaint: never its content or informant (the audit log is a log too). */
const auditDetails = (input: ComplaintInput) => ({ channel: input.channel, regime: input.regime });

/** An officer takes a complaint by phone or at the window. */
export async function receiveComplaint(
  db: Kysely<DB>,
  actor: Actor,
  input: ComplaintInput,
  now: Date,
  today: IsoDate,
): Promise<ReceivedComplaint> {
  return runAudited(
    db,
    actor,
    'complaint.receive',
    { type: 'complaint', id: null },
    auditDetails(input),
    async (trx) => {
      if (input.channel === 'web') throw new ComplaintError('COMPLAINT-BAD-INPUT', 'channel', 'bad_channel');
      // Bad input is named first (a blank regime is a missing field, not someone else's scope).
      const errors = checkComplaint(input);
      if (errors.length > 0) throw new ComplaintError('COMPLAINT-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      if (actor.principal !== null && !can(actor.principal, 'complaints.intake', { regime: input.regime }))
        throw new ComplaintError('COMPLAINT-DENIED', 'regime', 'out_of_scope');
      const result = await store(trx, actor.id, input, now, today);
      return { result, entityId: result.id, after: { number: result.number, replyDueOn: result.replyDueOn } };
    },
    refusal,
  );
}

/**
 * The public form: no account, limited to PUBLIC_COMPLAINT_POLICY per client address (the counter
 * lives in the login throttle's table under its own key). Every submission counts, stored or not.
 */
export async function receivePublicComplaint(
  db: Kysely<DB>,
  request: { address: string; userAgent: string | null },
  input: Omit<ComplaintInput, 'channel'>,
  now: Date,
  today: IsoDate,
): Promise<ReceivedComplaint> {
  const key = publicComplaintThrottleKey(request.address);
  // Counted before it is accepted, in one statement: concurrent submissions cannot exceed the limit.
  const counter = (await claimThrottleAttempt(db, [key], now, PUBLIC_COMPLAINT_POLICY.windowMs)).get(key)!;
  if (counter.failures > PUBLIC_COMPLAINT_POLICY.maxPerAddress)
    throw new ComplaintError(
      'COMPLAINT-RATE-LIMITED',
      null,
      'rate_limited',
      new Date(counter.windowStart.getTime() + PUBLIC_COMPLAINT_POLICY.windowMs),
    );
  const full: ComplaintInput = { ...input, channel: 'web' };
  const actor: Actor = {
    id: null,
    username: 'public',
    principal: null,
    via: 'web',
    ip: request.address,
    userAgent: request.userAgent,
  };
  return runAudited(
    db,
    actor,
    'complaint.receive',
    { type: 'complaint', id: null },
    auditDetails(full),
    async (trx) => {
      const result = await store(trx, null, full, now, today);
      return { result, entityId: result.id, after: { number: result.number, replyDueOn: result.replyDueOn } };
    },
    refusal,
  );
}

/** The complaint row locked, within the actor's scope for `permission`. */
async function complaintFor(trx: Trx, actor: Actor, id: number, permission: 'complaints.manage' | 'complaints.identity') {
  const c = await trx
    .selectFrom('complaint')
    .select(['id', 'regime_code', 'brigade_id', 'status', 'assigned_officer_id', 'inspection_id', 'reply_due_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!c) throw new ComplaintError('COMPLAINT-NOT-FOUND', 'id', 'not_found');
  if (actor.principal !== null && !can(actor.principal, permission, { regime: c.regime_code, brigadeId: c.brigade_id }))
    throw new ComplaintError('COMPLAINT-DENIED', null, 'out_of_scope');
  return c;
}

/** Assigns the complaint to an active officer of its brigade. */
export async function assignComplaint(
  db: Kysely<DB>,
  actor: Actor,
  input: { complaintId: number; officerCode: string },
): Promise<void> {
  await runAudited(
    db,
    actor,
    'complaint.assign',
    { type: 'complaint', id: input.complaintId },
    { officer: input.officerCode },
    async (trx) => {
      const c = await complaintFor(trx, actor, input.complaintId, 'complaints.manage');
      if (c.status !== 'open') throw new ComplaintError('COMPLAINT-STATE', null, 'already_replied');
      const officer = await trx
        .selectFrom('officer')
        .select(['id', 'brigade_id', 'station_id', 'active'])
        .where('code', '=', input.officerCode.trim())
        .executeTakeFirst();
      if (!officer || !officer.active) throw new ComplaintError('COMPLAINT-BAD-INPUT', 'officerCode', 'officer_not_found');
      if (officer.brigade_id !== c.brigade_id)
        throw new ComplaintError('COMPLAINT-BAD-INPUT', 'officerCode', 'officer_out_of_unit');
      await trx.updateTable('complaint').set({ assigned_officer_id: officer.id }).where('id', '=', c.id).execute();
      return { result: undefined, before: { officerId: c.assigned_officer_id }, after: { officerId: Number(officer.id) } };
    },
    refusal,
  );
}

/**
 * Opens an inspection (trigger 'complaint', 随报随查) of a registered entity from the complaint: the
 * assigned officer and a second officer ranked by the roster rules, both available that day; the
 * complaint becomes a case (案件, /incidents/{id}) whose case file (hazards, notices, penalties)
 * follows on /cases/{inspectionId}.
 */
export async function openComplaintInspection(
  db: Kysely<DB>,
  actor: Actor,
  input: { complaintId: number; entityCode: string; plannedOn: string },
  today: IsoDate,
): Promise<{ inspectionId: number; caseNumber: string }> {
  return runAudited(
    db,
    actor,
    'complaint.inspection.open',
    { type: 'complaint', id: input.complaintId },
    { entity: input.entityCode, plannedOn: input.plannedOn },
    async (trx) => {
      const c = await complaintFor(trx, actor, input.complaintId, 'complaints.manage');
      if (c.inspection_id !== null) throw new ComplaintError('COMPLAINT-STATE', null, 'inspection_exists');
      if (c.assigned_officer_id === null) throw new ComplaintError('COMPLAINT-STATE', 'officerCode', 'not_assigned');
      if (!isIsoDate(input.plannedOn)) throw new ComplaintError('COMPLAINT-BAD-INPUT', 'plannedOn', 'bad_date');
      if (compareIsoDates(input.plannedOn, today) < 0) throw new ComplaintError('COMPLAINT-BAD-INPUT', 'plannedOn', 'date_past');
      const entity = await trx
        .selectFrom('entity')
        .select(['id', 'regime_code', 'brigade_id', 'station_id', 'status'])
        .where('code', '=', input.entityCode.trim())
        .executeTakeFirst();
      if (!entity || entity.status !== 'active')
        throw new ComplaintError('COMPLAINT-BAD-INPUT', 'entityCode', 'entity_not_found');
      if (entity.regime_code !== c.regime_code)
        throw new ComplaintError('COMPLAINT-BAD-INPUT', 'entityCode', 'entity_other_regime');
      const entityId = Number(entity.id);
      const opened = await insertPairedInspection(trx, {
        entity: { id: entityId, brigadeId: entity.brigade_id, stationId: entity.station_id },
        regime: c.regime_code,
        trigger: 'complaint',
        plannedOn: input.plannedOn,
        leadOfficerId: Number(c.assigned_officer_id),
      });
      if ('refusal' in opened) throw new ComplaintError('COMPLAINT-BAD-INPUT', 'plannedOn', opened.refusal);
      const id = opened.inspectionId;
      // Issue 13 §5: the complaint becomes a case (案件) whose inspection this is.
      const caseNo = await openCaseFromComplaint(trx, {
        complaintId: Number(c.id),
        regime: c.regime_code,
        brigadeId: c.brigade_id,
        entityId,
        inspectionId: id,
        createdBy: actor.id,
        today,
      });
      await trx.updateTable('complaint').set({ inspection_id: id, entity_id: entityId }).where('id', '=', c.id).execute();
      return { result: { inspectionId: id, caseNumber: caseNo }, after: { inspectionId: id, caseNumber: caseNo } };
    },
    refusal,
  );
}

/** The reply to the complainant (its text is kept; the deadline met or not is read from the dates). */
export async function replyComplaint(
  db: Kysely<DB>,
  actor: Actor,
  input: { complaintId: number; reply: string },
  today: IsoDate,
): Promise<{ repliedOn: IsoDate; inTime: boolean }> {
  return runAudited(
    db,
    actor,
    'complaint.reply',
    { type: 'complaint', id: input.complaintId },
    {},
    async (trx) => {
      const c = await complaintFor(trx, actor, input.complaintId, 'complaints.manage');
      if (c.status !== 'open') throw new ComplaintError('COMPLAINT-STATE', null, 'already_replied');
      const reply = input.reply.trim();
      if (reply === '') throw new ComplaintError('COMPLAINT-BAD-INPUT', 'reply', 'required');
      if (reply.length > COMPLAINT_REPLY_MAX) throw new ComplaintError('COMPLAINT-BAD-INPUT', 'reply', 'too_long');
      await trx
        .updateTable('complaint')
        .set({ status: 'replied', reply, replied_on: today, replied_by: actor.id })
        .where('id', '=', c.id)
        .execute();
      const inTime = compareIsoDates(today, c.reply_due_on) <= 0;
      return { result: { repliedOn: today, inTime }, after: { repliedOn: today, inTime } };
    },
    refusal,
  );
}

/** The informant's identity, for the complaints officer only; every view (and every refusal) is audited. */
export async function viewInformant(
  db: Kysely<DB>,
  actor: Actor,
  complaintId: number,
): Promise<{ name: string | null; phone: string | null } | null> {
  return runAudited(
    db,
    actor,
    'complaint.informant.view',
    { type: 'complaint', id: complaintId },
    {},
    async (trx) => {
      if (actor.principal === null) throw new ComplaintError('COMPLAINT-DENIED', null, 'no_principal');
      await complaintFor(trx, actor, complaintId, 'complaints.identity');
      return { result: await readInformant(trx, complaintId) };
    },
    refusal,
  );
}

/**
 * The system administrator sets the complaint reply period (settings.manage): a configured number of
 * calendar days, since no statutory period was verified (core COMPLAINT_REPLY_PERIOD_SOURCE). It
 * applies to complaints received from then on; each keeps the period it was received with.
 */
export async function setComplaintReplyDays(db: Kysely<DB>, actor: Actor, days: number): Promise<number> {
  return runAudited(
    db,
    actor,
    'settings.complaint_reply_days',
    { type: 'service_setting', id: null },
    { requested: days },
    async (trx) => {
      if (actor.principal !== null && !can(actor.principal, 'settings.manage'))
        throw new ComplaintError('COMPLAINT-DENIED', null, 'out_of_scope');
      if (!Number.isInteger(days) || days < COMPLAINT_REPLY_DAYS_RANGE.min || days > COMPLAINT_REPLY_DAYS_RANGE.max)
        throw new ComplaintError('COMPLAINT-BAD-INPUT', 'complaintReplyDays', 'bad_reply_days');
      const before = await complaintReplyDays(trx);
      if (before === null) throw new ComplaintError('COMPLAINT-STATE', 'complaintReplyDays', 'not_in_service');
      await writeComplaintReplyDays(trx, days, actor.id);
      return { result: days, before: { days: before }, after: { days } };
    },
    refusal,
  );
}
