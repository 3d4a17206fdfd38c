import { PassThrough, Readable } from 'node:stream';
import { recordAudit, streamEntities, writeEntitiesXlsx } from '@supervise/db';
import { auditActor } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { filtersOf, registryScope } from '$lib/server/registry';
import { actorOf } from '$lib/server/actor';
import type { RequestHandler } from './$types';

/** The registry in the reader's scope (and the list's filters) as XLSX, in the import's columns. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const filters = filtersOf(event.url);
  // The export carries contact phones: audited like a view of confidential data.
  await recordAudit(db, {
    ...auditActor(actorOf(event, user)),
    action: 'registry.export',
    entityType: 'entity',
    details: { filters },
  });
  const out = new PassThrough();
  writeEntitiesXlsx(streamEntities(db, registryScope(user), filters), out).catch((e: unknown) => out.destroy(e as Error));
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="registry.xlsx"; filename*=UTF-8''${encodeURIComponent('检查对象名录.xlsx')}`,
      'cache-control': 'no-store',
    },
  });
};
