import { json } from '@sveltejs/kit';
import { viewInformant } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { complaintApiRefusal, complaintInScope } from '$lib/server/complaints';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** `GET /api/v1/complaints/{id}/informant`: the identity, complaints officer only, every view audited. */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const complaint = await complaintInScope(user, event.params.id, true);
  try {
    const informant = await viewInformant(getDb(), actorOf(event, user), complaint.id);
    return json({ informant }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    complaintApiRefusal(e);
  }
});
