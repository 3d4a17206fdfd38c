import { fail } from '@sveltejs/kit';
import { reminderStatusCounts, recordAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { isQueueName, queueOverview, retryFailedJob } from '$lib/server/queues';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  const [queues, reminders] = await Promise.all([queueOverview(), reminderStatusCounts(getDb())]);
  return { queues, reminders };
};

export const actions: Actions = {
  retry: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    const queue = String(form.get('queue') ?? '');
    const jobId = String(form.get('jobId') ?? '');
    if (!isQueueName(queue) || !/^[A-Za-z0-9._:-]{1,200}$/.test(jobId)) return fail(400, { error: 'invalid' });
    const retried = await retryFailedJob(queue, jobId);
    await recordAudit(getDb(), {
      action: 'queue.retry',
      outcome: retried ? 'success' : 'failure',
      actorId: user.id,
      actorUsername: user.username,
      ip: event.getClientAddress(),
      userAgent: event.request.headers.get('user-agent'),
      entityType: 'job',
      entityId: `${queue}/${jobId}`,
    });
    return retried ? { retried: jobId } : fail(409, { error: 'not_failed' });
  },
};
