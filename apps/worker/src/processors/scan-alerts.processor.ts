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
  clearJobCheckpoint,
  inspectionsOfObligation,
  inServiceFrom,
  inspectorRecipients,
  loadStatutoryCalendar,
  openComplaintsForAlerts,
  openObligationsDueBy,
  pendingReminders,
  r14InspectionsAwaitingNotice,
  raiseAlert,
  readJobCheckpoint,
  resolveSettledAlerts,
  roleRecipients,
  saveJobCheckpoint,
  unsettledRectifications,
  type Database,
  type NewAlert,
  type NewReminder,
  type Recipient,
} from '@supervise/db';
import { defaultDeliveryConfig, type DeliveryConfig } from '../delivery/delivery-config.js';
import { registerProcessor, stopIfAsked } from '../processor-context.js';

/** Rows per keyset page: the scan never holds a whole table in memory. */
export const SCAN_PAGE = 500;
/** Due-soon look-ahead in calendar days: 5 working days fit in it even across the Spring Festival. */
const DUE_SOON_HORIZON_DAYS = 21;
/** R14 notices: inspections older than this are not looked at (a late notice is raised long before). */
const NOTICE_LOOKBACK_DAYS = 120;
/** Deliveries enqueued per scan; the rest go at the next tick. */
const DELIVERIES_PER_SCAN = 2000;

/** The scan's checkpoint row (`job_checkpoint`): one scan at a time, so one key. */
export const SCAN_CHECKPOINT_KEY = 'scan-alerts';
type ScanPhase = 'obligations' | 'rectifications' | 'complaints' | 'notices' | 'reminders';
/** Where a stopped scan resumes: the phase and the last id done in it, valid for the same day only. */
export interface ScanCheckpoint {
  today: string;
  phase: ScanPhase;
  after: number;
}

/** The phase a checkpoint resumes at ('reminders': every scan phase was done; the length). */
function resumeIndex(resume: ScanCheckpoint | null, names: readonly ScanPhase[]): number {
  if (!resume) return 0;
  if (resume.phase === 'reminders') return names.length;
  return Math.max(0, names.indexOf(resume.phase));
}

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

  // Four keyset scans, checkpointed: on SIGTERM the scan saves (phase, last id done) in
  // Postgres and returns to the queue; its next run the same day resumes there (issue 14 §3). Raising
  // is idempotent, so a page done twice raises nothing twice.
  const saved = await readJobCheckpoint<ScanCheckpoint>(db, SCAN_CHECKPOINT_KEY);
  const resume = saved && saved.today === today ? saved : null;
  if (resume) ctx.log.info('alert scan resumed from its checkpoint', { phase: resume.phase, after: resume.after });
  // Checked after every item (a page of 500 can take seconds on a loaded machine): on SIGTERM the scan
  // saves the last item done and stops well inside the shutdown grace.
  const stopAt = (phase: ScanPhase, after: number) =>
    stopIfAsked(ctx, `${phase}>${after}`, () =>
      saveJobCheckpoint(db, SCAN_CHECKPOINT_KEY, { today, phase, after } satisfies ScanCheckpoint),
    );
  const phases: { name: ScanPhase; run: (after: number) => Promise<number | null> }[] = [
    {
      // Obligations due soon or overdue.
      name: 'obligations',
      run: async (after) => {
        const horizon = plusDays(today, DUE_SOON_HORIZON_DAYS);
        const page = await openObligationsDueBy(db, { horizon, afterId: after, limit: SCAN_PAGE });
        for (const o of page) {
          const brigadeId = o.brigadeId ?? brigadeOfRegime(o.regime);
          if (!brigadeId) continue;
          for (const finding of findings(() => obligationFindings(cal, o, today, delivery.dueSoonWorkingDays))) {
            await handle({ finding, regime: o.regime, brigadeId, inspectionIds: () => inspectionsOfObligation(db, o.id) });
          }
          await stopAt('obligations', o.id);
        }
        return page.length < SCAN_PAGE ? null : page[page.length - 1]!.id;
      },
    },
    {
      // Rectifications past their deadline; R03 reviews later than 5 working days.
      name: 'rectifications',
      run: async (after) => {
        const page = await unsettledRectifications(db, { afterId: after, limit: SCAN_PAGE });
        for (const r of page) {
          for (const finding of findings(() => rectificationFindings(cal, r, today))) {
            await handle({ finding, regime: r.regime, brigadeId: r.brigadeId, inspectionIds: async () => [r.inspectionId] });
          }
          await stopAt('rectifications', r.id);
        }
        return page.length < SCAN_PAGE ? null : page[page.length - 1]!.id;
      },
    },
    {
      // Issue 13 §4: complaints whose reply is due soon or overdue (the inspector level: the officers of
      // the inspection it opened; none yet: the brigade's scheduler stands in). Ids only, no content.
      name: 'complaints',
      run: async (after) => {
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
          await stopAt('complaints', c.id);
        }
        return page.length < SCAN_PAGE ? null : page[page.length - 1]!.id;
      },
    },
    {
      // R14 notices not served within 3 working days of the inspection's end.
      name: 'notices',
      run: async (after) => {
        const since = plusDays(today, -NOTICE_LOOKBACK_DAYS);
        const page = await r14InspectionsAwaitingNotice(db, { since, afterId: after, limit: SCAN_PAGE });
        for (const n of page) {
          for (const finding of findings(() => noticeFindings(cal, n, today))) {
            await handle({ finding, regime: n.regime, brigadeId: n.brigadeId, inspectionIds: async () => [n.inspectionId] });
          }
          await stopAt('notices', n.inspectionId);
        }
        return page.length < SCAN_PAGE ? null : page[page.length - 1]!.inspectionId;
      },
    },
  ];
  const first = resumeIndex(
    resume,
    phases.map((p) => p.name),
  );
  for (let i = first; i < phases.length; i++) {
    const phase = phases[i]!;
    let after: number | null = resume && i === first ? resume.after : 0;
    while (after !== null) {
      after = await phase.run(after);
      if (after === null) await stopAt(phases[i + 1]?.name ?? 'reminders', 0);
    }
  }

  stats.resolved = await resolveSettledAlerts(db, now);
  // Postgres is the truth: every pending reminder whose time has come is (re-)enqueued, so a lost
  // job (Redis FLUSHALL, a crash before the add) is sent at the next tick, and only once.
  for (const r of await pendingReminders(db, { dueBy: now, limit: DELIVERIES_PER_SCAN })) {
    await ctx.enqueue('deliver-reminder', { reminderId: r.id });
    stats.enqueued++;
  }
  await clearJobCheckpoint(db, SCAN_CHECKPOINT_KEY);
  ctx.log.info('alerts scanned', { today, resumed: resume !== null, ...stats });
  return stats;
});
