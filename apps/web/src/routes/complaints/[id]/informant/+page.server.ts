import { error } from '@sveltejs/kit';
import { ComplaintError, viewInformant } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { complaintInScope } from '$lib/server/complaints';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// Issue 13 §4: the informant's identity, for the complaints officer only (complaints.identity); the
// use-case audits every view. Never cached by the browser.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const complaint = await complaintInScope(user, event.params.id);
  event.setHeaders({ 'cache-control': 'no-store' });
  try {
    return {
      number: complaint.number,
      id: complaint.id,
      informant: await viewInformant(getDb(), actorOf(event, user), complaint.id),
    };
  } catch (e) {
    if (e instanceof ComplaintError && e.code === 'COMPLAINT-DENIED') error(403, 'forbidden');
    throw e;
  }
};
