import { error } from '@sveltejs/kit';
import { findOfficialDocument } from '@supervise/db';
import { renderDocumentPdf, type DocumentContent } from '@supervise/documents';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { idOf, pdfDisposition, requireCaseScope } from '$lib/server/rectification';
import type { RequestHandler } from './$types';

/**
 * `GET /documents/{id}.pdf`: an official document (rectification notice, penalty decision) rendered
 * by @supervise/documents from its stored content — once served, the frozen content. Readers of the
 * case (cases.view within the case's regime/brigade/station) only.
 */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const id = idOf(event.params.id);
  const doc = id === null ? undefined : await findOfficialDocument(getDb(), id);
  if (!doc) error(404, 'not found');
  requireCaseScope(user, 'cases.view', {
    regime_code: doc.regime_code ?? '',
    brigade_id: doc.brigade_id,
    station_id: doc.station_id,
  });
  let pdf: Buffer;
  try {
    pdf = await renderDocumentPdf(doc.content as unknown as DocumentContent);
  } catch (e) {
    if (e instanceof Error && e.name === 'DocumentFontError')
      error(503, 'no Chinese font installed for documents (fonts-noto-cjk)');
    throw e;
  }
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': pdfDisposition(Number(doc.id), doc.number),
      'content-length': String(pdf.length),
      'cache-control': 'private, no-store',
      'x-content-sha256': doc.content_sha256,
    },
  });
};
