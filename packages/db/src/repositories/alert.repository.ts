/**
 * Alerts and reminders (issue 4 §4–§5). Postgres is the truth: an alert is raised once per
 * (kind, subject, level) by the unique key `alert_once`, a reminder once per recipient and channel by
 * `dedup_key`, and a delivery is claimed with a conditional update (pending → sending) before anything
 * leaves the building, so a retried or doubled job never sends twice.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { isAlertSettled, reportedDoneOn, type AlertKind, type InboxSubjectFacts } from '@supervise/core';
import type { DB } from '../generated/db.js';

type Db = Kysely<DB>;

export type AlertKindValue =
  | 'obligation_due_soon'
  | 'obligation_overdue'
  | 'rectification_overdue'
  | 'review_late'
  | 'notice_late'
  | 'complaint_reply_due_soon'
  | 'complaint_reply_overdue';
export type AlertLevelValue = 'inspector' | 'scheduler' | 'leader';
export type ReminderChannelValue = 'inbox' | 'email' | 'webhook';

// ---------------------------------------------------------------------------------------------
// What the scan reads (keyset pages by id; constant memory however large the district)
// ---------------------------------------------------------------------------------------------

export interface ObligationAlertFacts {
  id: number;
  regime: string;
  brigadeId: string | null;
  windowStart: string;
  windowEnd: string;
  status: string;
}

/** Open obligations whose window ends on or before `horizon` (due soon or overdue), by id after `afterId`. */
export async function openObligationsDueBy(
  db: Db,
  p: { horizon: string; afterId: number; limit: number },
): Promise<ObligationAlertFacts[]> {
  const rows = await db
    .selectFrom('obligation as o')
    .leftJoin('entity as e', 'e.id', 'o.entity_id')
    .select(['o.id', 'o.regime', 'e.brigade_id', 'o.window_start', 'o.window_end', 'o.status'])
    .where('o.status', '=', 'open')
    .where('o.window_end', '<=', p.horizon)
    .where('o.id', '>', p.afterId)
    .orderBy('o.id')
    .limit(p.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    regime: r.regime,
    brigadeId: r.brigade_id,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    status: r.status,
  }));
}

export interface RectificationAlertFacts {
  id: number;
  regime: string;
  brigadeId: string;
  inspectionId: number;
  deadlineOn: string;
  extendedDeadlineOn: string | null;
  completedOn: string | null;
  reviewedOn: string | null;
  status: string;
}

/** Rectifications still open, or completed but not reviewed (R03 review), by id after `afterId`. */
export async function unsettledRectifications(db: Db, p: { afterId: number; limit: number }): Promise<RectificationAlertFacts[]> {
  const rows = await db
    .selectFrom('rectification as r')
    .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
    .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .select([
      'r.id',
      'i.regime_code',
      'e.brigade_id',
      'i.id as inspection_id',
      'r.deadline_on',
      'r.extended_deadline_on',
      'r.completed_on',
      'r.reviewed_on',
      'r.status',
      'r.review_requested_on',
    ])
    .where((w) => w.or([w('r.completed_on', 'is', null), w('r.reviewed_on', 'is', null)]))
    .where('r.id', '>', p.afterId)
    .orderBy('r.id')
    .limit(p.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    regime: r.regime_code,
    brigadeId: r.brigade_id,
    inspectionId: r.inspection_id,
    deadlineOn: r.deadline_on,
    extendedDeadlineOn: r.extended_deadline_on,
    completedOn: reportedDoneOn({ completedOn: r.completed_on, status: r.status, reviewRequestedOn: r.review_requested_on }),
    reviewedOn: r.reviewed_on,
    status: r.status,
  }));
}

/** Issue 10 §3: a hazard (joined `h` with its notice `r`) has no notice served: none, or issued but not yet served. */
function withoutServedNotice(w: ExpressionBuilder<DB & { h: DB['hazard']; r: DB['rectification'] }, 'h' | 'r'>) {
  return w.or([w('r.id', 'is', null), w.and([w('r.served_on', 'is', null), w('r.served_at', 'is', null)])]);
}

export interface NoticeAlertFacts {
  inspectionId: number;
  regime: string;
  brigadeId: string;
  inspectedOn: string;
  noticeServed: boolean;
}

/**
 * R14 inspections that found hazards, ended on or after `since`, with at least one hazard still
 * without a served rectification notice.
 */
export async function r14InspectionsAwaitingNotice(
  db: Db,
  p: { since: string; afterId: number; limit: number },
): Promise<NoticeAlertFacts[]> {
  const rows = await db
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .select(['i.id', 'i.regime_code', 'e.brigade_id', 'i.inspected_on'])
    .where('i.regime_code', '=', 'R14')
    .where('i.status', '=', 'done')
    .where('i.inspected_on', '>=', p.since)
    .where('i.id', '>', p.afterId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('hazard as h')
          .leftJoin('rectification as r', 'r.hazard_id', 'h.id')
          .select(sql`1`.as('one'))
          .whereRef('h.inspection_id', '=', 'i.id')
          .where(withoutServedNotice),
      ),
    )
    .orderBy('i.id')
    .limit(p.limit)
    .execute();
  return rows
    .filter((r) => r.inspected_on !== null)
    .map((r) => ({
      inspectionId: r.id,
      regime: r.regime_code,
      brigadeId: r.brigade_id,
      inspectedOn: r.inspected_on!,
      noticeServed: false,
    }));
}

// ---------------------------------------------------------------------------------------------
// Recipients
// ---------------------------------------------------------------------------------------------

export interface Recipient {
  userId: number;
  email: string | null;
  emailOptIn: boolean;
  quietStart: string;
  quietEnd: string;
}

function recipientQuery(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('notification_channel as n', 'n.user_id', 'u.id')
    .select(['u.id', 'n.email', 'n.email_opt_in', 'n.quiet_start', 'n.quiet_end'])
    .where('u.disabled_at', 'is', null);
}

function toRecipient(r: {
  id: number;
  email: string | null;
  email_opt_in: boolean | null;
  quiet_start: string | null;
  quiet_end: string | null;
}): Recipient {
  return {
    userId: r.id,
    email: r.email,
    emailOptIn: r.email_opt_in ?? false,
    quietStart: r.quiet_start ?? '22:00',
    quietEnd: r.quiet_end ?? '07:00',
  };
}

/** The accounts of the officers on an inspection (the inspector level). */
export async function inspectorRecipients(db: Db, inspectionIds: readonly number[]): Promise<Recipient[]> {
  if (inspectionIds.length === 0) return [];
  const rows = await recipientQuery(db)
    .innerJoin('inspection_officer as io', 'io.officer_id', 'u.officer_id')
    .where('io.inspection_id', 'in', [...inspectionIds])
    .distinct()
    .orderBy('u.id')
    .execute();
  return rows.map(toRecipient);
}

/** Inspections that fulfil an obligation (its rostered census inspection, if any). */
export async function inspectionsOfObligation(db: Db, obligationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection')
    .select('id')
    .where('obligation_id', '=', obligationId)
    .where('status', '<>', 'cancelled')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Holders of `role` for a brigade: grants scoped to that brigade, and unscoped grants (the bureau's
 * own schedulers and leaders see every brigade).
 */
export async function roleRecipients(db: Db, role: 'scheduler' | 'leader', brigadeId: string): Promise<Recipient[]> {
  const rows = await recipientQuery(db)
    .innerJoin('user_role as ur', 'ur.user_id', 'u.id')
    .where('ur.role', '=', role)
    .where((w) =>
      w.or([w('ur.brigade_id', '=', brigadeId), w.and([w('ur.brigade_id', 'is', null), w('ur.station_id', 'is', null)])]),
    )
    .distinct()
    .orderBy('u.id')
    .execute();
  return rows.map(toRecipient);
}

export interface WebhookEndpointRow {
  id: number;
  provider: 'dingtalk' | 'wecom';
  quietStart: string;
  quietEnd: string;
}

export async function brigadeWebhooks(db: Db, brigadeId: string): Promise<WebhookEndpointRow[]> {
  const rows = await db
    .selectFrom('webhook_endpoint')
    .select(['id', 'provider', 'quiet_start', 'quiet_end'])
    .where('brigade_id', '=', brigadeId)
    .where('enabled', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider as 'dingtalk' | 'wecom',
    quietStart: r.quiet_start,
    quietEnd: r.quiet_end,
  }));
}

// ---------------------------------------------------------------------------------------------
// Raising
// ---------------------------------------------------------------------------------------------

export interface NewAlert {
  kind: AlertKindValue;
  subjectType: 'obligation' | 'rectification' | 'inspection' | 'complaint';
  subjectId: number;
  level: AlertLevelValue;
  regime: string;
  brigadeId: string;
  dueOn: string;
  detectedOn: string;
}

export interface NewReminder {
  dedupKey: string;
  channel: ReminderChannelValue;
  recipientUserId: number | null;
  webhookEndpointId: number | null;
  notBefore: Date;
}

export function alertNaturalKey(a: Pick<NewAlert, 'kind' | 'subjectType' | 'subjectId' | 'level'>): string {
  return `${a.kind}.${a.subjectType}.${a.subjectId}.${a.level}`;
}

/**
 * Raises an alert and its reminders in one transaction. The alert is inserted on conflict do nothing:
 * when it already exists (a rescan, a concurrent scan) nothing else happens and `null` comes back.
 * The inbox reminders are delivered by being written (status 'sent').
 */
export async function raiseAlert(
  db: Db,
  a: NewAlert,
  reminders: readonly NewReminder[] | (() => Promise<readonly NewReminder[]>),
  now: Date,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('alert')
      .values({
        kind: a.kind,
        subject: `${a.subjectType}.${a.subjectId}`,
        obligation_id: a.subjectType === 'obligation' ? a.subjectId : null,
        rectification_id: a.subjectType === 'rectification' ? a.subjectId : null,
        inspection_id: a.subjectType === 'inspection' ? a.subjectId : null,
        complaint_id: a.subjectType === 'complaint' ? a.subjectId : null,
        level: a.level,
        regime_code: a.regime,
        brigade_id: a.brigadeId,
        due_on: a.dueOn,
        detected_on: a.detectedOn,
        raised_at: now,
      })
      .onConflict((oc) => oc.constraint('alert_once').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    // Recipients are looked up only for a new alert: a rescan of a known one costs one insert.
    const list = typeof reminders === 'function' ? await reminders() : reminders;
    if (list.length) {
      await trx
        .insertInto('reminder')
        .values(
          list.map((r) => ({
            dedup_key: r.dedupKey,
            alert_id: inserted.id,
            channel: r.channel,
            recipient_user_id: r.recipientUserId,
            webhook_endpoint_id: r.webhookEndpointId,
            status: r.channel === 'inbox' ? 'sent' : 'pending',
            sent_at: r.channel === 'inbox' ? now : null,
            not_before: r.notBefore,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.column('dedup_key').doNothing())
        .execute();
    }
    return inserted.id;
  });
}

/** Open alerts read per page when closing the settled ones. */
const SETTLE_PAGE = 500;

/**
 * Closes alerts whose item has since been settled (done, completed, reviewed, notice served). What
 * "settled" means is core's one definition (`isAlertSettled`, the same predicates the scan's findings
 * read); this reads each open alert's item, in keyset pages, and closes those core calls settled.
 */
export async function resolveSettledAlerts(db: Db, now: Date): Promise<number> {
  let resolved = 0;
  for (let after = 0; ;) {
    const page = await db
      .selectFrom('alert as a')
      .leftJoin('obligation as o', 'o.id', 'a.obligation_id')
      .leftJoin('rectification as rc', 'rc.id', 'a.rectification_id')
      .leftJoin('complaint as c', 'c.id', 'a.complaint_id')
      .select(['a.id', 'a.kind', 'o.status as obligation_status', 'c.status as complaint_status'])
      .select(['rc.id as rectification_id', 'rc.completed_on', 'rc.reviewed_on', 'rc.status', 'rc.review_requested_on'])
      .select((eb) =>
        eb
          .case()
          .when('a.inspection_id', 'is', null)
          .then(sql<boolean | null>`null`)
          .else(
            eb.not(
              eb.exists(
                eb
                  .selectFrom('hazard as h')
                  .leftJoin('rectification as r', 'r.hazard_id', 'h.id')
                  .select(sql`1`.as('one'))
                  .whereRef('h.inspection_id', '=', 'a.inspection_id')
                  .where(withoutServedNotice),
              ),
            ),
          )
          .end()
          .as('notice_served'),
      )
      .where('a.resolved_at', 'is', null)
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(SETTLE_PAGE)
      .execute();
    const settled = page
      .filter((a) =>
        isAlertSettled(a.kind as AlertKind, {
          obligationStatus: a.obligation_status,
          rectification:
            a.rectification_id === null || a.status === null
              ? null
              : {
                  completedOn: reportedDoneOn({
                    completedOn: a.completed_on,
                    status: a.status,
                    reviewRequestedOn: a.review_requested_on,
                  }),
                  reviewedOn: a.reviewed_on,
                  status: a.status,
                },
          noticeServed: a.notice_served === null ? null : Boolean(a.notice_served),
          complaintStatus: a.complaint_status,
        }),
      )
      .map((a) => a.id);
    if (settled.length) {
      const r = await db
        .updateTable('alert')
        .set({ resolved_at: now })
        .where('id', 'in', settled)
        .where('resolved_at', 'is', null)
        .executeTakeFirst();
      resolved += Number(r.numUpdatedRows);
    }
    if (page.length < SETTLE_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  return resolved;
}

/** Pending e-mail / webhook reminders whose time has come, oldest first: the scan (re-)enqueues their delivery. */
export async function pendingReminders(db: Db, p: { dueBy: Date; limit: number }): Promise<{ id: number; notBefore: Date }[]> {
  const rows = await db
    .selectFrom('reminder')
    .select(['id', 'not_before'])
    .where('status', '=', 'pending')
    .where('not_before', '<=', p.dueBy)
    .orderBy('not_before')
    .orderBy('id')
    .limit(p.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, notBefore: new Date(r.not_before) }));
}

// ---------------------------------------------------------------------------------------------
// Delivering
// ---------------------------------------------------------------------------------------------

export interface ReminderDelivery {
  id: number;
  channel: ReminderChannelValue;
  status: string;
  notBefore: Date;
  attempts: number;
  kind: AlertKindValue;
  level: AlertLevelValue;
  regime: string;
  dueOn: string;
  /** Notice number, obligation key or `#<inspection id>`. */
  reference: string;
  email: string | null;
  emailOptIn: boolean;
  locale: string | null;
  webhook: { provider: 'dingtalk' | 'wecom'; url: string; secret: string | null; msgtype: 'text' | 'markdown' } | null;
}

/** Everything a delivery needs, read at send time (the job carries the reminder id only). */
export async function reminderForDelivery(db: Db, id: number): Promise<ReminderDelivery | undefined> {
  const r = await db
    .selectFrom('reminder as m')
    .innerJoin('alert as a', 'a.id', 'm.alert_id')
    .leftJoin('obligation as o', 'o.id', 'a.obligation_id')
    .leftJoin('rectification as r', 'r.id', 'a.rectification_id')
    .leftJoin('complaint as c', 'c.id', 'a.complaint_id')
    .leftJoin('app_user as u', 'u.id', 'm.recipient_user_id')
    .leftJoin('notification_channel as n', 'n.user_id', 'm.recipient_user_id')
    .leftJoin('webhook_endpoint as w', 'w.id', 'm.webhook_endpoint_id')
    .select([
      'm.id',
      'm.channel',
      'm.status',
      'm.not_before',
      'm.attempts',
      'a.kind',
      'a.level',
      'a.regime_code',
      'a.due_on',
      'a.inspection_id',
      'o.key as obligation_key',
      'r.notice_no',
      'c.number as complaint_number',
      'n.email',
      'n.email_opt_in',
      'u.locale',
      'w.provider',
      'w.url',
      'w.secret',
      'w.msgtype',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    channel: r.channel as ReminderChannelValue,
    status: r.status,
    notBefore: new Date(r.not_before),
    attempts: r.attempts,
    kind: r.kind as AlertKindValue,
    level: r.level as AlertLevelValue,
    regime: r.regime_code,
    dueOn: r.due_on,
    reference: r.notice_no ?? r.obligation_key ?? r.complaint_number ?? `#${r.inspection_id}`,
    email: r.email,
    emailOptIn: r.email_opt_in ?? false,
    locale: r.locale,
    webhook:
      r.provider && r.url
        ? {
            provider: r.provider as 'dingtalk' | 'wecom',
            url: r.url,
            secret: r.secret,
            msgtype: (r.msgtype ?? 'markdown') as 'text' | 'markdown',
          }
        : null,
  };
}

/**
 * Claims a reminder for sending: pending → sending, only if it is still pending and its time has
 * come. Exactly one caller wins; a retry of a job whose reminder is sending or sent gets `false`.
 */
export async function claimReminder(db: Db, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('reminder')
    .set((eb) => ({ status: 'sending', claimed_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('not_before', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markReminderSent(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable('reminder')
    .set({ status: 'sent', sent_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * After a send that failed before the message left (connection refused, SMTP rejection, HTTP error):
 * back to pending so the job's retry may claim it again, or 'failed' after the last attempt. The
 * error text is the transport's, never the message.
 */
export async function releaseReminder(db: Db, id: number, p: { error: string; final: boolean }): Promise<void> {
  await db
    .updateTable('reminder')
    .set({ status: p.final ? 'failed' : 'pending', last_error: p.error.slice(0, 500) })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The in-app inbox
// ---------------------------------------------------------------------------------------------

export interface InboxEntry {
  reminderId: number;
  alertId: number;
  kind: AlertKindValue;
  /** The highest level the item has reached (the entry is one per item and person, issue 9 §5). */
  level: AlertLevelValue;
  regime: string;
  dueOn: string;
  /** What `describeInboxSubject` (core) needs to name the item in words. */
  entity: InboxSubjectFacts['entity'];
  obligation: InboxSubjectFacts['obligation'];
  noticeNo: string | null;
  complaintNumber: string | null;
  createdAt: Date;
  readAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export const INBOX_STATES = ['unread', 'read', 'acknowledged', 'resolved'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

export interface InboxFilter {
  kind?: AlertKindValue;
  /** unread; read but not acknowledged; acknowledged; resolved (the item was settled). */
  state?: InboxState;
  regime?: string;
}

/** The alert kinds in the order the inbox groups them (most urgent first). */
const KIND_ORDER = sql<number>`array_position(array['obligation_overdue','rectification_overdue','review_late','notice_late','complaint_reply_overdue','obligation_due_soon','complaint_reply_due_soon']::text[], a.kind)`;
const LEVEL_RANK = sql`case a2.level when 'leader' then 3 when 'scheduler' then 2 else 1 end`;

function inboxQuery(db: Db, userId: number, f: InboxFilter) {
  let q = db
    .selectFrom('reminder as m')
    .innerJoin('alert as a', 'a.id', 'm.alert_id')
    .where('m.channel', '=', 'inbox')
    .where('m.recipient_user_id', '=', userId);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.regime) q = q.where('a.regime_code', '=', f.regime);
  switch (f.state) {
    case 'unread':
      q = q.where('m.read_at', 'is', null).where('a.acknowledged_at', 'is', null).where('a.resolved_at', 'is', null);
      break;
    case 'read':
      q = q.where('m.read_at', 'is not', null).where('a.acknowledged_at', 'is', null).where('a.resolved_at', 'is', null);
      break;
    case 'acknowledged':
      q = q.where('a.acknowledged_at', 'is not', null).where('a.resolved_at', 'is', null);
      break;
    case 'resolved':
      q = q.where('a.resolved_at', 'is not', null);
      break;
  }
  return q;
}

/**
 * One page of the user's inbox: one entry per item (the scan writes one inbox reminder per item and
 * person), grouped by kind (most urgent first) and due date (earliest first), with what it takes to
 * name the item in words (entity, obligation, notice), and how many entries match in all.
 */
export async function inboxPage(
  db: Db,
  userId: number,
  f: InboxFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: InboxEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    inboxQuery(db, userId, f)
      .leftJoin('obligation as o', 'o.id', 'a.obligation_id')
      .leftJoin('rectification as r', 'r.id', 'a.rectification_id')
      .leftJoin('hazard as h', 'h.id', 'r.hazard_id')
      .leftJoin('inspection as i', (j) => j.on(sql<boolean>`i.id = coalesce(a.inspection_id, h.inspection_id)`))
      .leftJoin('entity as e', (j) => j.on(sql<boolean>`e.id = coalesce(o.entity_id, i.entity_id)`))
      .leftJoin('complaint as c', 'c.id', 'a.complaint_id')
      .select((eb) => [
        'c.number as complaint_number',
        'm.id',
        'a.id as alert_id',
        'a.kind',
        'a.regime_code',
        'a.due_on',
        'o.type as obligation_type',
        'o.purpose',
        'o.kind as obligation_kind',
        'o.sequence',
        'o.per_year',
        'o.period_start',
        'r.notice_no',
        'e.code as entity_code',
        'e.name as entity_name',
        'm.created_at',
        'm.read_at',
        'a.acknowledged_at',
        'a.resolved_at',
        eb
          .selectFrom('alert as a2')
          .select(sql<number>`max(${LEVEL_RANK})`.as('rank'))
          .whereRef('a2.kind', '=', 'a.kind')
          .whereRef('a2.subject', '=', 'a.subject')
          .as('level_rank'),
      ])
      .orderBy(KIND_ORDER)
      .orderBy('a.due_on')
      .orderBy('m.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    inboxQuery(db, userId, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const levels: AlertLevelValue[] = ['inspector', 'scheduler', 'leader'];
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      reminderId: r.id,
      alertId: r.alert_id,
      kind: r.kind as AlertKindValue,
      level: levels[Math.max(0, Number(r.level_rank ?? 1) - 1)] ?? 'inspector',
      regime: r.regime_code,
      dueOn: r.due_on,
      entity: r.entity_code && r.entity_name ? { code: r.entity_code, name: r.entity_name } : null,
      obligation:
        r.obligation_type && r.obligation_kind && r.period_start
          ? {
              type: r.obligation_type,
              purpose: r.purpose,
              entityKind: r.obligation_kind,
              sequence: r.sequence,
              perYear: r.per_year,
              periodStart: r.period_start,
            }
          : null,
      noticeNo: r.notice_no,
      complaintNumber: r.complaint_number,
      createdAt: new Date(r.created_at),
      readAt: r.read_at ? new Date(r.read_at) : null,
      acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
      resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
    })),
  };
}

/** The regimes in a user's inbox (for the filter's list). */
export async function inboxRegimes(db: Db, userId: number): Promise<string[]> {
  const rows = await inboxQuery(db, userId, {}).select('a.regime_code').distinct().orderBy('a.regime_code').execute();
  return rows.map((r) => r.regime_code);
}

export async function unreadInboxCount(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('reminder')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', 'inbox')
    .where('recipient_user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the user's own inbox entries read; false when it is not theirs or already read. */
export async function markInboxRead(db: Db, userId: number, reminderId: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('reminder')
    .set({ read_at: now })
    .where('id', '=', reminderId)
    .where('channel', '=', 'inbox')
    .where('recipient_user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Acknowledges an alert the user was reminded of (their inbox holds it) and marks the entry read.
 * Returns the alert id when this call acknowledged it, null otherwise. Each statement is idempotent;
 * the caller may wrap it in a transaction with its audit record.
 */
export async function acknowledgeAlert(db: Db, userId: number, reminderId: number, now: Date): Promise<number | null> {
  const own = await db
    .selectFrom('reminder')
    .select('alert_id')
    .where('id', '=', reminderId)
    .where('channel', '=', 'inbox')
    .where('recipient_user_id', '=', userId)
    .executeTakeFirst();
  if (!own) return null;
  await db.updateTable('reminder').set({ read_at: now }).where('id', '=', reminderId).where('read_at', 'is', null).execute();
  const r = await db
    .updateTable('alert')
    .set({ acknowledged_at: now, acknowledged_by: userId })
    .where('id', '=', own.alert_id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? own.alert_id : null;
}

/** Reminder counts by channel and status, for the admin queue page. */
export async function reminderStatusCounts(db: Db): Promise<{ channel: string; status: string; n: number }[]> {
  const rows = await db
    .selectFrom('reminder')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['channel', 'status'])
    .orderBy('channel')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) }));
}

// ---------------------------------------------------------------------------------------------
// Contact preferences and webhooks
// ---------------------------------------------------------------------------------------------

export async function setNotificationChannel(
  db: Db,
  userId: number,
  p: { email: string | null; emailOptIn: boolean; quietStart?: string; quietEnd?: string },
): Promise<void> {
  const values = {
    user_id: userId,
    email: p.email,
    email_opt_in: p.emailOptIn,
    quiet_start: p.quietStart ?? '22:00',
    quiet_end: p.quietEnd ?? '07:00',
    updated_at: sql<Date>`now()`,
  };
  await db
    .insertInto('notification_channel')
    .values(values)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, user_id: undefined }))
    .execute();
}

export async function addWebhookEndpoint(
  db: Db,
  p: {
    brigadeId: string;
    provider: 'dingtalk' | 'wecom';
    url: string;
    secret?: string | null;
    msgtype?: 'text' | 'markdown';
    quietStart?: string;
    quietEnd?: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('webhook_endpoint')
    .values({
      brigade_id: p.brigadeId,
      provider: p.provider,
      url: p.url,
      secret: p.secret ?? null,
      msgtype: p.msgtype ?? 'markdown',
      quiet_start: p.quietStart ?? '22:00',
      quiet_end: p.quietEnd ?? '07:00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
