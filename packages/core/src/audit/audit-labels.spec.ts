import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel, auditOutcomeLabel } from './audit-labels.js';

describe('audit labels (issue 9 §7)', () => {
  it('knows the actions every path writes, the draws and roster changes included', () => {
    for (const code of [
      'draw.create',
      'draw.execute',
      'draw.redraw',
      'roster.change',
      'roster.leave_reassign',
      'calendar.import',
      'user.role_grant',
      'dashboard.rollups_rebuild',
      'case.incident.record',
      'credit.grade',
      'window.ratings.import',
    ]) {
      expect(AUDIT_ACTION_LABELS[code], code).toBeDefined();
    }
    expect(auditActionLabel('calendar.import')).toEqual({ zh: '导入法定节假日安排', en: 'Statutory calendar imported' });
  });
  it('reads an unknown code as words, by its area when known', () => {
    expect(auditActionLabel('draw.publish_record')).toEqual({ zh: '随机抽取：publish record', en: 'Draws: publish record' });
    expect(auditActionLabel('weird_thing')).toEqual({ zh: '其他操作：weird thing', en: 'Other: weird thing' });
  });
  it('names the outcomes', () => {
    expect(auditOutcomeLabel('denied')).toEqual({ zh: '被拒绝', en: 'Refused' });
    expect(auditOutcomeLabel('odd').en).toBe('Other outcome: odd');
  });
});
