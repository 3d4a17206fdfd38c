import { renderAlertMessage } from '@supervise/core';
import { claimReminder, markReminderSent, releaseReminder, reminderForDelivery } from '@supervise/db';
import { defaultDeliveryConfig } from '../delivery/delivery-config.js';
import { mailTransport } from '../delivery/mailer.js';
import { postToRobot } from '../delivery/webhook.js';
import { registerProcessor } from '../processor-context.js';

/** A reason to give up on a reminder at once: retrying cannot help. */
class Undeliverable extends Error {}

/**
 * Issue 4 §5: delivers one e-mail or webhook reminder. The reminder is claimed in Postgres first
 * (pending → sending, conditional update): only one job run ever sends it. If the send fails before
 * the message left, the row goes back to pending and the error is thrown for BullMQ's backoff; after
 * the last attempt it is 'failed'. If the message left but marking it sent failed, the row stays
 * 'sending' and the retry finds it claimed and does nothing: at most once, never twice.
 */
export const deliverReminderProcessor = registerProcessor('deliver-reminder', async (payload, ctx) => {
  const delivery = ctx.delivery ?? defaultDeliveryConfig();
  const now = ctx.now();
  const r = await reminderForDelivery(ctx.db, payload.reminderId);
  if (!r) return { skipped: 'missing' };
  // Sent, being sent, failed for good, or an inbox entry (delivered by being written): nothing to do.
  if (r.status !== 'pending' || r.channel === 'inbox') return { skipped: r.status };
  // Quiet hours: the scan enqueues it again once its time has come.
  if (r.notBefore.getTime() > now.getTime()) return { skipped: 'quiet-hours' };
  if (!(await claimReminder(ctx.db, r.id, now))) return { skipped: 'claimed' };

  // Rendered now, from ids, zh first and en second.
  const message = renderAlertMessage({ kind: r.kind, level: r.level, regime: r.regime, reference: r.reference, dueOn: r.dueOn });
  const attempts = ctx.job.opts.attempts ?? 1;
  try {
    if (r.channel === 'email') {
      if (!delivery.mail) throw new Undeliverable('mail-not-configured');
      if (!r.email || !r.emailOptIn) throw new Undeliverable('no-email-address');
      await mailTransport(delivery.mail.url, delivery.timeoutMs).sendMail({
        from: delivery.mail.from,
        to: r.email,
        subject: message.subject,
        text: message.text,
        headers: { 'X-Supervise-Reminder': String(r.id) },
      });
    } else {
      if (!r.webhook) throw new Undeliverable('webhook-missing');
      await postToRobot(delivery.fetch, {
        provider: r.webhook.provider,
        url: r.webhook.url,
        secret: r.webhook.secret,
        msgtype: r.webhook.msgtype,
        message,
        nowMs: now.getTime(),
        timeoutMs: delivery.timeoutMs,
      });
    }
  } catch (e) {
    const undeliverable = e instanceof Undeliverable;
    const final = undeliverable || ctx.job.attemptsMade + 1 >= attempts;
    // The transport's error text only (no message body: it names the item).
    await releaseReminder(ctx.db, r.id, { error: (e as Error).message, final });
    if (undeliverable) return { skipped: (e as Error).message };
    throw e;
  }
  await markReminderSent(ctx.db, r.id, ctx.now());
  return { sent: r.channel };
});
