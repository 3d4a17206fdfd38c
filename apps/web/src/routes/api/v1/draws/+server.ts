import { json } from '@sveltejs/kit';
import { visibleRegimes, type RegimeCode } from '@supervise/core';
import { createCampaignDraw, listDrawSummaries } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { apiRefusal, jsonBody, newSeedHex, optionalString } from '$lib/server/draws';
import { actorOf } from '$lib/server/actor';
import type { RequestHandler } from './$types';

/** `GET /api/v1/draws`: the draws of the regimes in the caller's scope, newest first (never a seed before execution). */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  return json({ draws: await listDrawSummaries(getDb(), { regimes: visibleRegimes(user, 'draws.view') }) });
});

/**
 * `POST /api/v1/draws` `{ regime, campaign, share?, requested?, windowFrom?, windowTo? }` → 201
 * `{ id, seedCommitment, populationSha256, population, inspectors }`: the same use-case as the page and
 * `supervise draw run`; a draw outside the rules is a 400 naming the `rule` and the `field`.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  const regime = optionalString(body, 'regime');
  if (!regime || !/^R(0[1-9]|1[0-4])$/.test(regime))
    throw new ApiError(400, 'INVALID_FIELD', '监管事项应为 R01–R14', 'regime must be R01–R14', 'regime');
  const requested = body.requested;
  if (requested !== undefined && requested !== null && !(Number.isSafeInteger(requested) && (requested as number) >= 0))
    throw new ApiError(400, 'INVALID_FIELD', '抽查数应为非负整数', 'requested must be a whole number ≥ 0', 'requested');
  try {
    const created = await createCampaignDraw(getDb(), actorOf(event, user), {
      regime: regime as RegimeCode,
      campaign: optionalString(body, 'campaign') ?? '',
      share: optionalString(body, 'share'),
      requested: (requested as number | null | undefined) ?? null,
      windowFrom: optionalString(body, 'windowFrom'),
      windowTo: optionalString(body, 'windowTo'),
      today: serverToday(),
      seedHex: newSeedHex(),
    });
    return json(created, { status: 201 });
  } catch (e) {
    apiRefusal(e);
  }
});
