/**
 * Issue 9 §7: a year's State Council notice enters the statutory calendar through this one use-case,
 * whether from the CLI (`supervise calendar import`), the /admin/calendar page or POST
 * /api/v1/calendar/import. The year is replaced whole and the `calendar.import` audit entry written
 * in the same transaction; a refusal (not a system administrator, a notice with errors) is audited
 * too, and then nothing is stored.
 */
import type { Kysely } from 'kysely';
import { can, parseStateCouncilNotice, type NoticeFormat, type NoticeImportIssue } from '@supervise/core';
import type { DB } from '../generated/db.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { importCalendarNotice, type CalendarImportResult } from '../repositories/calendar-import.repository.js';
import { auditActor, type Actor } from './actor.js';

export interface CalendarImportInput {
  text: string;
  /** Undefined: the parser sniffs JSON or CSV. */
  format?: NoticeFormat;
  /** Overrides the notice's own title. */
  notice?: string | null;
  /** The file name (or `api`), for the audit log. */
  source: string;
}

export type CalendarImportUseCaseResult =
  | { ok: true; result: CalendarImportResult }
  | { ok: false; refused: 'not_allowed' }
  | { ok: false; refused: 'invalid'; format: NoticeFormat | null; issues: NoticeImportIssue[] };

/** Issues kept in the audit entry of a refused notice (the first ones name the problem). */
const AUDITED_ISSUES = 20;

export async function calendarImportUseCase(
  db: Kysely<DB>,
  actor: Actor,
  input: CalendarImportInput,
): Promise<CalendarImportUseCaseResult> {
  const base = { ...auditActor(actor), action: 'calendar.import', entityType: 'calendar_year' } as const;
  // The system actor (an operator on the server) is trusted; anyone else needs calendar.manage.
  if (actor.principal !== null && !can(actor.principal, 'calendar.manage')) {
    await recordAudit(db, {
      ...base,
      outcome: 'denied',
      reason: 'not_allowed',
      details: { via: actor.via, source: input.source },
    });
    return { ok: false, refused: 'not_allowed' };
  }
  const parsed = parseStateCouncilNotice(input.text, input.format ? { format: input.format } : {});
  if (!parsed.ok) {
    await recordAudit(db, {
      ...base,
      outcome: 'failure',
      reason: 'notice_invalid',
      details: {
        via: actor.via,
        source: input.source,
        format: parsed.format,
        issueCount: parsed.issues.length,
        issues: parsed.issues.slice(0, AUDITED_ISSUES),
      },
    });
    return { ok: false, refused: 'invalid', format: parsed.format, issues: parsed.issues };
  }
  const notice = input.notice?.trim() || parsed.notice.notice;
  const result = await db.transaction().execute(async (trx) => {
    const r = await importCalendarNotice(trx, { parsed: parsed.notice, notice, importedBy: actor.id });
    await recordAudit(trx, {
      ...base,
      entityId: r.year,
      before: r.previousSource ? { source: r.previousSource } : null,
      after: { year: r.year, notice: r.notice, outcome: r.outcome, holidays: r.holidays, makeupWorkdays: r.makeupWorkdays },
      details: { via: actor.via, source: input.source },
    });
    return r;
  });
  return { ok: true, result };
}
