import { json } from '@sveltejs/kit';
import { REGIME_CATALOGUE, REGIME_CODES, type RegimeCode } from '@supervise/core';
import { requireRoute } from '$lib/server/access';
import { apiHandler, badRequest } from '$lib/server/api-error';
import type { RequestHandler } from './$types';

/** GET [?regime=R09] → { regimes }: the catalogue entries with their schedule rule versions and penalties (as `rules list --json`). */
export const GET: RequestHandler = apiHandler(async (event) => {
  requireRoute(event);
  const raw = event.url.searchParams.get('regime');
  if (raw === null) return json({ regimes: REGIME_CATALOGUE });
  const code = raw.trim().toUpperCase();
  if (!(REGIME_CODES as readonly string[]).includes(code))
    throw badRequest(
      'UNKNOWN_REGIME',
      `未知的制度代码：${raw}（可用：${REGIME_CODES.join(', ')}）`,
      `unknown regime: ${raw} (valid: ${REGIME_CODES.join(', ')})`,
      'regime',
    );
  return json({ regimes: REGIME_CATALOGUE.filter((r) => r.code === (code as RegimeCode)) });
});
