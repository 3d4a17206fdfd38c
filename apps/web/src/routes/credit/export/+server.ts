import { auditActor, CREDIT_COLUMNS, creditCells, creditGradesXlsx, listCreditGrades, recordAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { creditScopeOf } from '$lib/server/credit';
import { getDb } from '$lib/server/db';
import { csvDownload, tableExportFormat, xlsxDownload } from '$lib/server/table-export';
import type { RequestHandler } from './$types';

/** The R03 grades in the reader's scope for the provincial credit platform: `?format=xlsx` or `csv`, formula-safe. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const format = tableExportFormat(event.url);
  const db = getDb();
  const rows = await listCreditGrades(db, creditScopeOf(user));
  // The file names units and their dishonesty: its download is recorded.
  await recordAudit(db, {
    ...auditActor(actorOf(event, user)),
    action: 'credit.export',
    entityType: 'credit_grade',
    entityId: null,
    details: { format, rows: rows.length },
  });
  const name = `credit-R03-${serverToday()}.${format}`;
  if (format === 'csv') return csvDownload(CREDIT_COLUMNS, rows.map(creditCells), name);
  return xlsxDownload(await creditGradesXlsx(rows, { title: name }), name);
};
