import { describe, expect, it } from 'vitest';
import { checkEventApplication, eventSurveyDays, planEventStaffing, type EventApplicationInput } from './event-rules.js';
import { rankAvailableOfficers } from '../officers/officer-ranking.js';

const base: EventApplicationInput = {
  regime: 'R05',
  entityCode: 'E-1',
  place: '体育馆',
  startsAt: '2026-12-05T19:00',
  endsAt: '2026-12-05T22:00',
  expectedSize: 3000,
  onSiteOfficers: 2,
};

describe('R05/R06 applications (seed 四（五）/（六）)', () => {
  it('accepts a complete application and names each bad field', () => {
    expect(checkEventApplication(base, '2026-11-30')).toEqual([]);
    const errors = checkEventApplication(
      { ...base, regime: 'R06', endsAt: '2026-12-05T18:00', expectedSize: 0, onSiteOfficers: 1, place: ' ' },
      '2026-11-30',
    );
    expect(errors).toEqual([
      { field: 'place', code: 'required' },
      { field: 'endsAt', code: 'ends_before_start' },
      { field: 'expectedSize', code: 'bad_size' },
      { field: 'representative', code: 'required' },
      { field: 'onSiteOfficers', code: 'too_few_officers' },
    ]);
  });

  it('refuses an event starting today: no day is left for the survey (事前踏勘现场)', () => {
    expect(checkEventApplication({ ...base, startsAt: '2026-11-30T20:00', endsAt: '2026-11-30T22:00' }, '2026-11-30')).toEqual([
      { field: 'startsAt', code: 'no_day_for_survey' },
    ]);
    expect(eventSurveyDays('2026-11-30', '2026-12-02')).toEqual(['2026-11-30', '2026-12-01']);
  });

  it('plans the survey on the earliest day two officers are free and the duty through the event', () => {
    const free = (id: number, code: string, leave: { fromOn: string; toOn: string }[] = []) => ({
      id,
      code,
      availability: { active: true, credentialNo: 'X', credentialExpiresOn: '2030-01-01', leaves: leave, recusals: [] },
    });
    // Officer 2 is on leave until 12-01 (the survey takes 1 and the busier 3); all three are free for the duty.
    const officers = [free(1, 'A'), free(2, 'B', [{ fromOn: '2026-11-30', toOn: '2026-12-01' }]), free(3, 'C')];
    const load = (id: number) => (id === 3 ? 5 : 0);
    const rank = (q: { on: string; through: string }, need: number) => {
      const ok = rankAvailableOfficers(officers, { entityId: 9, ...q }, (id) => load(id));
      return ok.length >= need ? ok.slice(0, need).map((o) => o.id) : null;
    };
    const plan = planEventStaffing({
      today: '2026-11-30',
      startDay: '2026-12-05',
      endDay: '2026-12-06',
      onSiteOfficers: 3,
      rank,
    });
    expect(plan.survey).toEqual({ on: '2026-11-30', through: '2026-11-30', officerIds: [1, 3] });
    expect(plan.duty).toEqual({ on: '2026-12-05', through: '2026-12-06', officerIds: [1, 2, 3] });
    const short = planEventStaffing({
      today: '2026-11-30',
      startDay: '2026-12-05',
      endDay: '2026-12-06',
      onSiteOfficers: 4,
      rank,
    });
    expect(short.duty).toBeNull();
  });
});
