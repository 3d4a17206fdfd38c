import { m } from '$lib/paraglide/messages.js';

const ROLE_NAMES: Record<string, () => string> = {
  leader: m.role_leader,
  scheduler: m.role_scheduler,
  inspector: m.role_inspector,
  complaints_officer: m.role_complaints_officer,
  system_admin: m.role_system_admin,
  security_admin: m.role_security_admin,
  audit_admin: m.role_audit_admin,
};

export const roleLabel = (role: string): string => ROLE_NAMES[role]?.() ?? role;

/** ` (B-JJ)` for a scoped grant, nothing for an unscoped one. */
export const scopeLabel = (g: { brigadeId: string | null; stationId: string | null }): string =>
  g.brigadeId ? `（${g.brigadeId}）` : g.stationId ? `（${g.stationId}）` : '';
