import { error } from '@sveltejs/kit';
import { DocumentFontError, renderDocumentPdf, type DocumentContent } from '@supervise/documents';
import { readPenalty } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * The penalty decision (行政处罚决定书) as an A4 PDF, rendered by `@supervise/documents` from the
 * content frozen when the decision was recorded (so the PDF says what the stored hash covers).
 * `cases.view` over the penalty's entity, checked on the stored row.
 */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const penaltyId = Number(event.params.penaltyId);
  if (!Number.isSafeInteger(penaltyId) || penaltyId <= 0) error(404, 'not found');
  const r = await readPenalty(getDb(), actorOf(event, user), penaltyId);
  if (!r.ok) error(r.code === 'NOT_FOUND' ? 404 : 403, r.code === 'NOT_FOUND' ? 'not found' : 'forbidden');
  const doc = r.penalty.document;
  if (r.penalty.inspectionId !== Number(event.params.inspectionId) || !doc) error(404, 'not found');
  let pdf: Buffer;
  try {
    pdf = await renderDocumentPdf(doc.content as unknown as DocumentContent);
  } catch (e) {
    // The server lacks a CJK font: say so (the fix is in the message), rather than a bare 500.
    if (e instanceof DocumentFontError) error(503, e.message);
    throw e;
  }
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="penalty-decision-${r.penalty.id}.pdf"; filename*=UTF-8''${encodeURIComponent(`${doc.number}.pdf`)}`,
      'cache-control': 'private, no-store',
      'x-content-sha256': doc.contentSha256,
    },
  });
};
