import { error } from '@sveltejs/kit';
import { scopeOf } from '@supervise/core';
import { auditActor, loadPlanView, planXlsx, recordAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { planQuery, readPlanFilters } from '$lib/server/plan';
import { actorOf } from '$lib/server/actor';
import type { RequestHandler } from './$types';

/** The plan of the period and filters as XLSX: the same rows as the page and `GET /api/v1/plan`. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const read = await readPlanFilters(db, event.url, today);
  if (!read.ok) error(400, `${read.problem.zh} / ${read.problem.en}`);
  const { filters } = read;
  const view = await loadPlanView(db, planQuery(user, filters, today));
  const scope = scopeOf(user, 'plan.view');
  // The export names officers and their load: recorded like the registry's export.
  await recordAudit(db, {
    ...auditActor(actorOf(event, user)),
    action: 'plan.export',
    entityType: 'plan',
    entityId: filters.period.name,
    details: { filters },
  });
  const body = await planXlsx(view, {
    period: filters.period.name,
    scope: scope.all ? '全局 / all' : [...scope.brigadeIds, ...scope.stationIds].join(', '),
  });
  const name = `plan-${filters.period.name}${filters.regime ? `-${filters.regime}` : ''}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`检查计划-${name}`)}`,
      'cache-control': 'no-store',
    },
  });
};
