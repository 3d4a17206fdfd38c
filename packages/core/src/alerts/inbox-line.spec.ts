import { describe, expect, it } from 'vitest';
import { describeInboxSubject } from './inbox-line.js';

describe('describeInboxSubject (issue 9 §5)', () => {
  it('names a campaign from the catalogue and links to the plan of its month, never the raw key', () => {
    const line = describeInboxSubject({
      kind: 'obligation_overdue',
      regime: 'R09',
      dueOn: '2026-09-30',
      entity: null,
      obligation: {
        type: 'campaign',
        purpose: null,
        entityKind: 'seal_engraver',
        sequence: 3,
        perYear: 4,
        periodStart: '2026-01-01',
      },
      noticeNo: null,
    });
    expect(line.subject.zh).toBe('R09 印章、旅馆、典当等特种行业 专项督察 · 印章刻制业 · 2026年第3次（共4次）');
    expect(line.subject.en).toContain('special campaign · seal engraver · 2026 no. 3 of 4');
    expect(line.subject.zh).not.toContain('R09-SPECIAL');
    expect(line.target).toEqual({ type: 'plan', regime: 'R09', period: '2026-09' });
  });
  it('names the entity of a census obligation and of a rectification, and links to it', () => {
    const entity = { code: 'R09-HOTEL-0001', name: '鹿泉宾馆' };
    const census = describeInboxSubject({
      kind: 'obligation_due_soon',
      regime: 'R09',
      dueOn: '2026-11-30',
      entity,
      obligation: {
        type: 'census',
        purpose: 'routine_patrol',
        entityKind: 'hotel',
        sequence: null,
        perYear: null,
        periodStart: '2026-11-01',
      },
      noticeNo: null,
    });
    expect(census.subject.zh).toBe('鹿泉宾馆（R09-HOTEL-0001） · R09 印章、旅馆、典当等特种行业 日常巡查');
    expect(census.target).toEqual({ type: 'entity', code: 'R09-HOTEL-0001' });
    const rect = describeInboxSubject({
      kind: 'rectification_overdue',
      regime: 'R09',
      dueOn: '2026-11-20',
      entity,
      obligation: null,
      noticeNo: '鹿公(治)限字〔2026〕12号',
    });
    expect(rect.subject.en).toBe('鹿泉宾馆 (R09-HOTEL-0001) · rectification notice 鹿公(治)限字〔2026〕12号');
    expect(rect.target).toEqual({ type: 'entity', code: 'R09-HOTEL-0001' });
  });
  it('describes a spot check and an R14 inspection', () => {
    const spot = describeInboxSubject({
      kind: 'obligation_due_soon',
      regime: 'R14',
      dueOn: '2026-12-31',
      entity: null,
      obligation: {
        type: 'spot_check',
        purpose: null,
        entityKind: 'bank_outlet',
        sequence: null,
        perYear: null,
        periodStart: '2026-01-01',
      },
      noticeNo: null,
    });
    expect(spot.subject.zh).toContain('抽查 · ');
    expect(spot.target).toEqual({ type: 'plan', regime: 'R14', period: '2026-12' });
    const notice = describeInboxSubject({
      kind: 'notice_late',
      regime: 'R14',
      dueOn: '2026-11-25',
      entity: { code: 'R14-BANK-0002', name: '某银行网点' },
      obligation: null,
      noticeNo: null,
    });
    expect(notice.subject.zh).toContain('某银行网点（R14-BANK-0002）');
  });
});
