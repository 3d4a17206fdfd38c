/**
 * Demo accounts created by `seedDemo`. They all share one password: this published one for the tests
 * and `npm start -- --demo`; `npm start` alone gives them a generated one, printed once (issue 15).
 * Never use them outside a demo database.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  username: string;
  role: 'leader' | 'scheduler' | 'inspector' | 'complaints_officer' | 'system_admin' | 'security_admin' | 'audit_admin';
  displayName: { zh: string; en: string };
  /** Scope of the role, when it is scoped to one brigade. */
  brigadeId?: string;
  /** The officer this account belongs to (by police number). */
  officerCode?: string;
  /** Or: the n-th (0-based) officer of this brigade, for accounts whose officer has no fixed number. */
  officerOfBrigade?: { brigadeId: string; index: number };
}

/** Police number of the B-ZA officer the demo inspector account is linked to. */
export const DEMO_INSPECTOR_OFFICER_CODE = '021037';

export const DEMO_ACCOUNTS = [
  { username: 'leader', role: 'leader', displayName: { zh: '局领导（演示）', en: 'Bureau leader (demo)' } },
  {
    username: 'scheduler',
    role: 'scheduler',
    brigadeId: 'B-ZA',
    // Issue 9 §6: a scheduler is an officer too (the second of B-ZA; the first is the inspector).
    officerOfBrigade: { brigadeId: 'B-ZA', index: 1 },
    displayName: { zh: '治安大队调度员（演示）', en: 'Public-order brigade scheduler (demo)' },
  },
  {
    username: 'inspector',
    role: 'inspector',
    brigadeId: 'B-ZA',
    officerCode: DEMO_INSPECTOR_OFFICER_CODE,
    displayName: { zh: '治安大队检查民警（演示）', en: 'Public-order brigade inspector (demo)' },
  },
  { username: 'sysadmin', role: 'system_admin', displayName: { zh: '系统管理员（演示）', en: 'System administrator (demo)' } },
  {
    username: 'secadmin',
    role: 'security_admin',
    displayName: { zh: '安全管理员（演示）', en: 'Security administrator (demo)' },
  },
  { username: 'auditor', role: 'audit_admin', displayName: { zh: '安全审计员（演示）', en: 'Audit administrator (demo)' } },
  {
    // Issue 13: the traffic brigade's work (R02 road permits, R03 key-vehicle units and their credit
    // grades, R04 inspection agencies' reports) needs a scheduler of that brigade to be tried.
    username: 'traffic',
    role: 'scheduler',
    brigadeId: 'B-JJ',
    officerOfBrigade: { brigadeId: 'B-JJ', index: 1 },
    displayName: { zh: '交警大队调度员（演示）', en: 'Traffic brigade scheduler (demo)' },
  },
  {
    // Issue 13 §4: the only role that sees an informant's identity (every view audited).
    username: 'complaints',
    role: 'complaints_officer',
    displayName: { zh: '举报投诉受理员（演示）', en: 'Complaints officer (demo)' },
  },
] as const satisfies readonly DemoAccount[];
