import { json } from '@sveltejs/kit';
import { can } from '@supervise/core';
import { listComplaints, receiveComplaint } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { complaintApiRefusal, complaintInputOf, complaintRegimesOf } from '$lib/server/complaints';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import type { RequestHandler } from './$types';

/** `GET /api/v1/complaints`: complaints in the caller's scope, without any informant's identity. */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const rows = await listComplaints(getDb(), { regimes: complaintRegimesOf(user) });
  return json({ complaints: rows.filter((c) => can(user, 'complaints.view', { regime: c.regime, brigadeId: c.brigadeId })) });
});

/**
 * `POST /api/v1/complaints` `{ channel: 'phone'|'window', regime, content, place?, informantName?,
 * informantPhone? }` → 201 `{ id, number, replyDueOn, replyDays }`; a refusal names the field.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  try {
    const r = await receiveComplaint(
      getDb(),
      actorOf(event, user),
      complaintInputOf((n) => body[n]),
      new Date(),
      serverToday(),
    );
    return json(r, { status: 201 });
  } catch (e) {
    complaintApiRefusal(e);
  }
});
