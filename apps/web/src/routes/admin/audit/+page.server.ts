import { AUDIT_ACTION_LABELS, auditActionLabel, auditOutcomeLabel } from '@supervise/core';
import { auditActions, searchAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { audit } from '$lib/server/auth';
import { parseAuditFilter } from '$lib/server/audit-filter';
import { getDb } from '$lib/server/db';
import { pageNumber } from '$lib/server/security-headers';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

// The audit log, for the audit administrator only (三权分立); reading it is itself audited.
export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  const { filter, values } = parseAuditFilter(event.url.searchParams);
  const page = pageNumber(event.url.searchParams.get('page'));
  const db = getDb();
  await audit(db, event, { action: 'audit.view', details: { filter: values, page } });
  const [result, actions] = await Promise.all([
    searchAudit(db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    auditActions(db),
  ]);
  return {
    values,
    page,
    pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    total: result.total,
    // Issue 9 §7: actions and outcomes in words (zh-CN / en), every known action offered in the filter.
    actions: [...new Set([...Object.keys(AUDIT_ACTION_LABELS), ...actions])]
      .map((code) => ({ code, label: auditActionLabel(code) }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    rows: result.rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorUsername,
      ip: r.ip,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      outcome: r.outcome,
      outcomeLabel: auditOutcomeLabel(r.outcome),
      reason: r.reason,
      entity: r.entityType ? `${r.entityType}:${r.entityId ?? ''}` : '',
      change: r.before || r.after ? JSON.stringify({ before: r.before, after: r.after }) : '',
    })),
  };
};
