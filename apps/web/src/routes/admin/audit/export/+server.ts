import { auditBatches } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { audit } from '$lib/server/auth';
import { csvHeader, csvLine, parseAuditFilter } from '$lib/server/audit-filter';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

// CSV export of the filtered audit log (audit administrator only), streamed in batches; UTF-8 with a
// BOM so Excel in Chinese Windows opens it without garbling. The export itself is audited first.
export const GET: RequestHandler = async (event) => {
  requireRoute(event);
  const { filter, values } = parseAuditFilter(event.url.searchParams);
  const db = getDb();
  await audit(db, event, { action: 'audit.export', details: { filter: values } });
  const encoder = new TextEncoder();
  const batches = auditBatches(db, filter, 1000);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('\uFEFF' + csvHeader()));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-log-${stamp}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
};
