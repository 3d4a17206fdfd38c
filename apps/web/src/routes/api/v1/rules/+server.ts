import { json } from '@sveltejs/kit';
import { REGIME_CODES, RULEBOOK, statutesOfRegimes, type RegimeCode } from '@supervise/core';
import { requireRoute } from '$lib/server/access';
import { apiHandler, badRequest } from '$lib/server/api-error';
import type { RequestHandler } from './$types';

/**
 * GET [?regime=R09] → { regimes }: each regime's rulebook — catalogue entry (schedule rule versions,
 * penalties, record-closing requirements), named deadlines, rectification and review time, thresholds
 * and penalty gates, each with its source, and `statutes`: the statute table's laws (versions and their
 * dates) and articles (sanctions per party, verification) the regimes' penalties rest on (as
 * `rules list --json`).
 */
export const GET: RequestHandler = apiHandler(async (event) => {
  requireRoute(event);
  const raw = event.url.searchParams.get('regime');
  if (raw === null) return json({ regimes: RULEBOOK, statutes: statutesOfRegimes(RULEBOOK) });
  const code = raw.trim().toUpperCase();
  if (!(REGIME_CODES as readonly string[]).includes(code))
    throw badRequest(
      'UNKNOWN_REGIME',
      `未知的制度代码：${raw}（可用：${REGIME_CODES.join(', ')}）`,
      `unknown regime: ${raw} (valid: ${REGIME_CODES.join(', ')})`,
      'regime',
    );
  const regimes = RULEBOOK.filter((r) => r.code === (code as RegimeCode));
  return json({ regimes, statutes: statutesOfRegimes(regimes) });
});
