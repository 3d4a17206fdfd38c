import { json } from '@sveltejs/kit';
import { decideExtension } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { decisionOf, jsonBody, optionalString } from '$lib/server/draws';
import { pathId, rectApiRefusal } from '$lib/server/rectification';
import type { RequestHandler } from './$types';

/** `POST /api/v1/rectifications/extensions/{id}/decision` `{ decision: "approve" | "reject", note? }` (a leader). */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  const decision = decisionOf(body);
  try {
    return json(
      await decideExtension(getDb(), actorOf(event, user), {
        extensionId: pathId(event.params.id),
        decision,
        note: optionalString(body, 'note') ?? null,
        today: serverToday(),
      }),
    );
  } catch (e) {
    rectApiRefusal(e);
  }
});
