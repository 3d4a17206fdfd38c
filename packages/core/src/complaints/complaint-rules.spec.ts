import { describe, expect, it } from 'vitest';
import { complaintFindings } from '../alerts/alert-rules.js';
import { escalationLevels } from '../alerts/escalation.js';
import { createCalendar } from '../calendar/working-days.js';
import { checkComplaint, complaintNumber, complaintReplyDue, repliedInTime } from './complaint-rules.js';

describe('complaints (issue 13 §4)', () => {
  it('numbers a complaint and dates its reply from the configured period', () => {
    expect(complaintNumber('2026-11-25', 42)).toBe('JB2026-000042');
    expect(complaintReplyDue('2026-11-25', 15)).toBe('2026-12-10');
    expect(() => complaintReplyDue('2026-11-25', 0)).toThrow(RangeError);
    expect(repliedInTime('2026-12-10', '2026-12-10')).toBe(true);
    expect(repliedInTime('2026-12-11', '2026-12-10')).toBe(false);
  });

  it('names every bad field', () => {
    expect(checkComplaint({ channel: 'web', regime: 'R09', content: '未登记住客' })).toEqual([]);
    expect(checkComplaint({ channel: 'fax', regime: 'R15', content: ' ', informantPhone: 'call me' })).toEqual([
      { field: 'channel', code: 'bad_channel' },
      { field: 'regime', code: 'bad_regime' },
      { field: 'content', code: 'required' },
      { field: 'informantPhone', code: 'bad_phone' },
    ]);
  });

  it('raises due soon within 3 days and overdue after the date, nothing once replied', () => {
    const c = { id: 7, replyDueOn: '2026-12-10', status: 'open' };
    expect(complaintFindings(c, '2026-12-06')).toEqual([]);
    expect(complaintFindings(c, '2026-12-07')).toEqual([
      { kind: 'complaint_reply_due_soon', subject: { type: 'complaint', id: 7 }, dueOn: '2026-12-10' },
    ]);
    expect(complaintFindings(c, '2026-12-11')[0]!.kind).toBe('complaint_reply_overdue');
    expect(complaintFindings({ ...c, status: 'replied' }, '2026-12-11')).toEqual([]);
    const cal = createCalendar([], [2026]);
    expect(escalationLevels(cal, 'complaint_reply_due_soon', '2026-12-10', '2026-12-08')).toEqual(['inspector']);
  });
});
