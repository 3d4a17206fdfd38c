import { error } from '@sveltejs/kit';
import { findDrawSummary, getDrawRecord } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * `GET /public/draws/{id}.json`, no login (一公开): the full published record of an executed draw, the
 * same JSON as the scheduler's download and `supervise draw export`. Entities by code and name;
 * officers by police number and name only. A draw not yet executed has no record (its seed is secret).
 */
export const GET: RequestHandler = async (event) => {
  requireRoute(event, { public: true });
  const db = getDb();
  const draw = await findDrawSummary(db, event.params.id);
  if (!draw) error(404, 'not found');
  if (draw.status !== 'executed') error(404, 'not executed yet');
  const record = await getDrawRecord(db, draw.id);
  return new Response(JSON.stringify(record, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `inline; filename="${draw.id}.json"`,
      'access-control-allow-origin': '*',
    },
  });
};
