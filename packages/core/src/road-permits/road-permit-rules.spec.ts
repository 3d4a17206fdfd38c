import { describe, expect, it } from 'vitest';
import {
  ROAD_PERMIT_PATROL_SOURCE,
  checkPatrolFlag,
  checkRoadPermit,
  checkRoadPermitMeasure,
  patrolSlots,
  patrolsToCancel,
  planPatrols,
  roadPermitFlags,
  type RoadPermitInput,
} from './road-permit-rules.js';

const base: RoadPermitInput = {
  entityCode: 'R02-001',
  approvalNo: '鹿交占审〔2026〕12号',
  plan: '半幅围挡，设置施工提示及绕行标志',
  location: '胜利北街 100–300 米',
  areaSqm: 240,
  startsOn: '2026-11-25',
  endsOn: '2026-12-10',
  patrolEveryDays: 7,
};

describe('R02 road-occupation permits (seed 四（二）)', () => {
  it('accepts a complete permit and names each bad field', () => {
    expect(checkRoadPermit(base, '2026-11-25')).toEqual([]);
    expect(checkRoadPermit({ ...base, plan: ' ', areaSqm: 0, endsOn: '2026-11-20', patrolEveryDays: 0 }, '2026-11-25')).toEqual([
      { field: 'plan', code: 'required' },
      { field: 'areaSqm', code: 'bad_area' },
      { field: 'endsOn', code: 'ends_before_start' },
      { field: 'patrolEveryDays', code: 'bad_interval' },
    ]);
    expect(checkRoadPermit({ ...base, startsOn: '2026-11-01', endsOn: '2026-11-20' }, '2026-11-25')).toEqual([
      { field: 'endsOn', code: 'already_ended' },
    ]);
  });

  it('keeps the patrol interval configurable and says it is unverified (五 1 日常巡查 gives no frequency)', () => {
    expect(ROAD_PERMIT_PATROL_SOURCE.statutoryVerified).toBe(false);
    expect(checkRoadPermit({ ...base, patrolEveryDays: 32 }, '2026-11-25')).toEqual([
      { field: 'patrolEveryDays', code: 'bad_interval' },
    ]);
  });

  it('cuts the last patrol window at the end day: no patrol after the works end', () => {
    expect(patrolSlots('2026-11-25', '2026-12-10', 7)).toEqual([
      { from: '2026-11-25', to: '2026-12-01' },
      { from: '2026-12-02', to: '2026-12-08' },
      { from: '2026-12-09', to: '2026-12-10' },
    ]);
    expect(patrolSlots('2026-12-11', '2026-12-10', 7)).toEqual([]);
  });

  it('plans each patrol on the first day of its window two officers are free, and refuses an unstaffed window', () => {
    const busy = new Set(['2026-11-25', '2026-11-26']);
    const plan = planPatrols(patrolSlots('2026-11-25', '2026-12-10', 7), (d, need) =>
      busy.has(d) ? null : [1, 2].slice(0, need),
    );
    expect(plan).toEqual({
      ok: true,
      patrols: [
        { on: '2026-11-27', officerIds: [1, 2] },
        { on: '2026-12-02', officerIds: [1, 2] },
        { on: '2026-12-09', officerIds: [1, 2] },
      ],
    });
    const none = planPatrols(patrolSlots('2026-11-25', '2026-11-26', 7), () => null);
    expect(none).toEqual({ ok: false, unstaffed: { from: '2026-11-25', to: '2026-11-26' } });
  });

  it('cancels the patrols not yet done on closing, and those after the new end when shortened, never one under way', () => {
    const patrols = [
      { inspectionId: 1, plannedOn: '2026-11-25', status: 'done', started: true },
      { inspectionId: 2, plannedOn: '2026-12-02', status: 'planned', started: false },
      { inspectionId: 3, plannedOn: '2026-12-09', status: 'planned', started: false },
      { inspectionId: 4, plannedOn: '2026-11-30', status: 'planned', started: true },
    ];
    // The patrol whose record is under way (4) stays.
    expect(patrolsToCancel(patrols, { close: true })).toEqual([2, 3]);
    expect(patrolsToCancel(patrols, { newEndsOn: '2026-12-05' })).toEqual([3]);
    expect(patrolsToCancel(patrols, { newEndsOn: '2026-12-09' })).toEqual([]);
  });

  it('flags 逾期施工 by itself after the end day while open, and keeps what inspectors recorded (二 3)', () => {
    expect(roadPermitFlags({ status: 'open', endsOn: '2026-12-10', recorded: [], today: '2026-12-10' })).toEqual([]);
    expect(roadPermitFlags({ status: 'open', endsOn: '2026-12-10', recorded: [], today: '2026-12-11' })).toEqual(['overdue']);
    expect(roadPermitFlags({ status: 'closed', endsOn: '2026-12-10', recorded: ['beyond_area'], today: '2026-12-11' })).toEqual([
      'beyond_area',
    ]);
  });

  it('records a flag on a patrol only from its day, with a note', () => {
    expect(
      checkPatrolFlag({ kind: 'beyond_area', note: '围挡超出约 20 平方米', patrolPlannedOn: '2026-11-25', today: '2026-11-25' }),
    ).toBeNull();
    expect(checkPatrolFlag({ kind: 'beyond_area', note: 'x', patrolPlannedOn: '2026-11-26', today: '2026-11-25' })).toBe(
      'patrol_not_yet',
    );
    expect(checkPatrolFlag({ kind: 'beyond_area', note: ' ', patrolPlannedOn: '2026-11-25', today: '2026-11-25' })).toBe(
      'note_required',
    );
    expect(checkPatrolFlag({ kind: 'noise', note: 'x', patrolPlannedOn: '2026-11-25', today: '2026-11-25' })).toBe('bad_kind');
  });

  it('refers to 建设/城管 only after a notice or stop-work order, or when serious (六 2)', () => {
    const referral = { kind: 'referral', referredTo: 'urban_management', note: '逾期未整改' };
    expect(checkRoadPermitMeasure(referral, [])).toEqual({ field: 'serious', code: 'referral_needs_notice_or_serious' });
    expect(checkRoadPermitMeasure(referral, ['stop_work'])).toBeNull();
    expect(checkRoadPermitMeasure({ ...referral, serious: true }, [])).toBeNull();
    expect(checkRoadPermitMeasure({ ...referral, referredTo: null }, ['notice'])).toEqual({
      field: 'referredTo',
      code: 'required',
    });
    expect(checkRoadPermitMeasure({ kind: 'stop_work', note: '' }, [])).toEqual({ field: 'note', code: 'required' });
    expect(checkRoadPermitMeasure({ kind: 'notice', referredTo: 'construction', note: 'x' }, [])).toEqual({
      field: 'referredTo',
      code: 'only_for_referral',
    });
  });
});
