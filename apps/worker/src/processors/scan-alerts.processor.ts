import {
  CalendarYearMissingError,
  brigadeOfRegime,
  createCalendar,
  deliverableAt,
  escalationLevels,
  isInService,
  noticeFindings,
  obligationFindings,
  plusDays,
  rectificationFindings,
  type AlertFinding,
  type AlertLevel,
  type StatutoryCalendar,
  bureauDate,
  complaintFindings,
} from '@supervise/core';
import {
  alertNaturalKey,
  brigadeWebhooks,
  inspectionsOfObligation,
  inServiceFrom,
  inspectorRecipients,
  loadStatutoryCalendar,
  openComplaintsForAlerts,
  openObligationsDueBy,
  pendingReminders,
  r14InspectionsAwaitingNotice,
  raiseAlert,
  resolveSettledAlerts,
  roleRecipients,
  unsettledRectifications,
  type Database,
  type NewAlert,
  type NewReminder,
  type Recipient,
} from '@supervise/db';
import { defaultDeliveryConfig, type DeliveryConfig } from '../delivery/delivery-config.js';
import { registerProcessor } from '../processor-context.js';

/** Rows per keyset page: the scan never holds a whole table in memory. */
export const SCAN_PAGE = 500;
/** Due-soon look-ahead in calendar days: 5 working days fit in it even across the Spring Festival. */
const DUE_SOON_HORIZON_DAYS = 21;
/** R14 notices: inspections older than this are not looked at (a late notice is raised long before). */
const NOTICE_LOOKBACK_DAYS = 120;
/** Deliveries enqueued per scan; the rest go at the next tick. */
const DELIVERIES_PER_SCAN = 2000;

interface ScanItem {
  finding: AlertFinding;
  regime: string;
  brigadeId: string;
  /** The inspections whose officers are "the inspector" of the item. */
  inspectionIds: () => Promise<number[]>;
}

async function statutoryCalendar(db: Database): Promise<StatutoryCalendar> {
  const { years, days } = await loadStatutoryCalendar(db);
  return createCalendar(days, years);
}

async function recipientsAt(db: Database, level: AlertLevel, item: ScanItem): Promise<Recipient[]> {
  if (level === 'inspector') {
    const officers = await inspectorRecipients(db, await item.inspectionIds());
    // No officer rostered yet (or none with an account): the item's scheduler stands in, so an
    // unassigned item is never silently dropped.
    return officers.length ? officers : roleRecipients(db, 'scheduler', item.brigadeId);
  }
  return roleRecipients(db, level, item.brigadeId);
}

function remindersFor(
  recipients: readonly Recipient[],
  webhooks: readonly { id: number; quietStart: string; quietEnd: string }[],
  alertKey: string,
  inboxKey: string,
  now: Date,
  delivery: DeliveryConfig,
): NewReminder[] {
  const nowMs = now.getTime();
  const out: NewReminder[] = [];
  for (const r of recipients) {
    // Issue 4 §5: the in-app inbox always. Issue 9 §5: once per item and person, whatever the level:
    // a scheduler standing in at the inspector level is not told again when the item escalates to
    // the scheduler level (the key has no level; the entry shows the level reached).
    out.push({
      dedupKey: `${inboxKey}.inbox.u${r.userId}`,
      channel: 'inbox',
      recipientUserId: r.userId,
      webhookEndpointId: null,
      notBefore: now,
    });
    if (delivery.mail && r.emailOptIn && r.email) {
      out.push({
        dedupKey: `${alertKey}.email.u${r.userId}`,
        channel: 'email',
        recipientUserId: r.userId,
        webhookEndpointId: null,
        notBefore: new Date(deliverableAt(nowMs, 'email', { start: r.quietStart, end: r.quietEnd })),
      });
    }
  }
  for (const w of webhooks) {
    out.push({
      dedupKey: `${alertKey}.webhook.w${w.id}`,
      channel: 'webhook',
      recipientUserId: null,
      webhookEndpointId: w.id,
      notBefore: new Date(deliverableAt(nowMs, 'webhook', { start: w.quietStart, end: w.quietEnd })),
    });
  }
  return out;
}

/**
 * Issue 4 §4: works out from Postgres what is due soon or late today (Asia/Shanghai), raises each
 * alert once per level (`alert_once`, on conflict do nothing; a rescan or a concurrent scan adds
 * nothing), closes alerts whose item is settled, then enqueues the delivery of every pending e-mail
 * or webhook reminder whose quiet hours are over (deterministic job ids: no doubles).
 */
export const scanAlertsProcessor = registerProcessor('scan-alerts', async (_payload, ctx) => {
  const { db } = ctx;
  const delivery = ctx.delivery ?? defaultDeliveryConfig();
  const now = ctx.now();
  const today = bureauDate(now);
  const cal = await statutoryCalendar(db);
  const inService = await inServiceFrom(db);
  const stats = { raised: 0, skippedCalendar: 0, skippedBeforeService: 0, resolved: 0, enqueued: 0 };
  const webhookCache = new Map<string, Awaited<ReturnType<typeof brigadeWebhooks>>>();

  const handle = async (item: ScanItem) => {
    // Issue 8 §4: nothing due before the system went into service is raised.
    if (!isInService(item.finding.dueOn, inService)) return void stats.skippedBeforeService++;
    let levels: AlertLevel[];
    try {
      levels = escalationLevels(cal, item.finding.kind, item.finding.dueOn, today, delivery.escalation);
    } catch (e) {
      if (e instanceof CalendarYearMissingError) return void stats.skippedCalendar++;
      throw e;
    }
    for (const level of levels) {
      const alert: NewAlert = {
        kind: item.finding.kind,
        subjectType: item.finding.subject.type,
        subjectId: item.finding.subject.id,
        level,
        regime: item.regime,
        brigadeId: item.brigadeId,
        dueOn: item.finding.dueOn,
        detectedOn: today,
      };
      const key = alertNaturalKey(alert);
      const id = await raiseAlert(
        db,
        alert,
        async () => {
          let hooks = webhookCache.get(item.brigadeId);
          if (!hooks) webhookCache.set(item.brigadeId, (hooks = await brigadeWebhooks(db, item.brigadeId)));
          const inboxKey = `${item.finding.kind}.${item.finding.subject.type}.${item.finding.subject.id}`;
          return remindersFor(await recipientsAt(db, level, item), hooks, key, inboxKey, now, delivery);
        },
        now,
      );
      if (id !== null) stats.raised++;
    }
  };
  const findings = (f: () => AlertFinding[]): AlertFinding[] => {
    try {
      return f();
    } catch (e) {
      // A due date in a year the calendar lacks is never guessed (no Monday–Friday fallback).
      if (e instanceof CalendarYearMissingError) {
        stats.skippedCalendar++;
        return [];
      }
      throw e;
    }
  };

  // Obligations due soon or overdue.
  const horizon = plusDays(today, DUE_SOON_HORIZON_DAYS);
  for (let after = 0; ;) {
    const page = await openObligationsDueBy(db, { horizon, afterId: after, limit: SCAN_PAGE });
    for (const o of page) {
      const brigadeId = o.brigadeId ?? brigadeOfRegime(o.regime);
      if (!brigadeId) continue;
      for (const finding of findings(() => obligationFindings(cal, o, today, delivery.dueSoonWorkingDays))) {
        await handle({ finding, regime: o.regime, brigadeId, inspectionIds: () => inspectionsOfObligation(db, o.id) });
      }
    }
    if (page.length < SCAN_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  // Rectifications past their deadline; R03 reviews later than 5 working days.
  for (let after = 0; ;) {
    const page = await unsettledRectifications(db, { afterId: after, limit: SCAN_PAGE });
    for (const r of page) {
      for (const finding of findings(() => rectificationFindings(cal, r, today))) {
        await handle({ finding, regime: r.regime, brigadeId: r.brigadeId, inspectionIds: async () => [r.inspectionId] });
      }
    }
    if (page.length < SCAN_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  // Issue 13 §4: complaints whose reply is due soon or overdue (the inspector level: the officers of
  // the inspection it opened; none yet: the brigade's scheduler stands in). Ids only, no content.
  for (let after = 0; ;) {
    const page = await openComplaintsForAlerts(db, { afterId: after, limit: SCAN_PAGE });
    for (const c of page) {
      for (const finding of complaintFindings(c, today)) {
        await handle({
          finding,
          regime: c.regime,
          brigadeId: c.brigadeId,
          inspectionIds: async () => (c.inspectionId === null ? [] : [c.inspectionId]),
        });
      }
    }
    if (page.length < SCAN_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  // R14 notices not served within 3 working days of the inspection's end.
  const since = plusDays(today, -NOTICE_LOOKBACK_DAYS);
  for (let after = 0; ;) {
    const page = await r14InspectionsAwaitingNotice(db, { since, afterId: after, limit: SCAN_PAGE });
    for (const n of page) {
      for (const finding of findings(() => noticeFindings(cal, n, today))) {
        await handle({ finding, regime: n.regime, brigadeId: n.brigadeId, inspectionIds: async () => [n.inspectionId] });
      }
    }
    if (page.length < SCAN_PAGE) break;
    after = page[page.length - 1]!.inspectionId;
  }

  stats.resolved = await resolveSettledAlerts(db, now);
  // Postgres is the truth: every pending reminder whose time has come is (re-)enqueued, so a lost
  // job (Redis FLUSHALL, a crash before the add) is sent at the next tick, and only once.
  for (const r of await pendingReminders(db, { dueBy: now, limit: DELIVERIES_PER_SCAN })) {
    await ctx.enqueue('deliver-reminder', { reminderId: r.id });
    stats.enqueued++;
  }
  ctx.log.info('alerts scanned', { today, ...stats });
  return stats;
});
