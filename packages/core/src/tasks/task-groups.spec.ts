import { describe, expect, it } from 'vitest';
import { sortEntityFile, type EntityFileEntry } from './entity-file.js';
import { TASK_GROUPS, taskGroupBounds, taskGroupOf, taskHref, taskWindow } from './task-groups.js';

// 2026-11-25 is a Wednesday; its ISO week runs Monday 23 to Sunday 29 November.
const WED = '2026-11-25';

describe('taskWindow: the ISO week (Monday–Sunday) of the bureau date', () => {
  it('runs Monday to Sunday whatever the weekday', () => {
    expect(taskWindow(WED)).toEqual({ today: WED, weekStart: '2026-11-23', weekEnd: '2026-11-29' });
    expect(taskWindow('2026-11-23')).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-29' });
    // A Sunday is the last day of its week, not the first of the next.
    expect(taskWindow('2026-11-29')).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-29' });
    // Across a month and a year end.
    expect(taskWindow('2026-12-31')).toMatchObject({ weekStart: '2026-12-28', weekEnd: '2027-01-03' });
  });
});

describe('taskGroupOf', () => {
  const g = (plannedOn: string, status = 'planned', today = WED) => taskGroupOf({ plannedOn, status }, today);

  it('puts today’s inspections in today, whatever their status but cancelled', () => {
    expect(g(WED)).toBe('today');
    expect(g(WED, 'done')).toBe('today');
    expect(g(WED, 'cancelled')).toBeNull();
  });

  it('puts the rest of the ISO week in this week, up to and including Sunday', () => {
    expect(g('2026-11-26')).toBe('this_week');
    expect(g('2026-11-29')).toBe('this_week');
    expect(g('2026-11-30')).toBe('later');
    // On a Sunday nothing is left of the week.
    expect(g('2026-11-30', 'planned', '2026-11-29')).toBe('later');
  });

  it('calls a past inspection still planned overdue, and a past done or cancelled one no task', () => {
    expect(g('2026-11-24')).toBe('overdue');
    expect(g('2025-01-01')).toBe('overdue');
    // Earlier this week is past, not "this week".
    expect(g('2026-11-23')).toBe('overdue');
    expect(g('2026-11-24', 'done')).toBeNull();
    expect(g('2026-11-24', 'cancelled')).toBeNull();
  });

  it('agrees with the bounds a query uses, day by day over four weeks and each status', () => {
    for (const today of ['2026-11-23', WED, '2026-11-29', '2026-12-31']) {
      const bounds = taskGroupBounds(today);
      expect(Object.keys(bounds).sort()).toEqual([...TASK_GROUPS].sort());
      for (let d = -14; d <= 14; d++) {
        const day = new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
        for (const status of ['planned', 'done', 'cancelled']) {
          const matching = Object.values(bounds).filter(
            (b) =>
              status !== 'cancelled' &&
              (b.from === null || day >= b.from) &&
              (b.to === null || day <= b.to) &&
              (!b.plannedOnly || status === 'planned'),
          );
          expect(matching.length).toBeLessThanOrEqual(1);
          expect(matching[0]?.group ?? null, `${today} ${day} ${status}`).toBe(taskGroupOf({ plannedOn: day, status }, today));
        }
      }
    }
  });
});

describe('taskHref', () => {
  it('opens a review inspection on the review page and any other on the inspection record', () => {
    expect(taskHref({ id: 7, trigger: 'review' })).toBe('/reviews/7');
    expect(taskHref({ id: 8, trigger: 'census' })).toBe('/inspections/8');
  });
});

describe('sortEntityFile', () => {
  it('puts the newest first and, on one day, the later stage of the procedure first', () => {
    const e = (kind: EntityFileEntry['kind'], on: string, id: number) => ({ kind, on, id }) as EntityFileEntry;
    const sorted = sortEntityFile([
      e('inspection', '2026-10-01', 1),
      e('hazard', '2026-10-01', 5),
      e('rectification', '2026-10-01', 3),
      e('penalty', '2026-11-20', 2),
      e('review', '2026-10-15', 3),
      e('inspection', '2026-10-15', 9),
      e('inspection', '2026-10-01', 4),
    ]);
    expect(sorted.map((x) => `${x.on} ${x.kind} ${x.id}`)).toEqual([
      '2026-11-20 penalty 2',
      '2026-10-15 review 3',
      '2026-10-15 inspection 9',
      '2026-10-01 rectification 3',
      '2026-10-01 hazard 5',
      '2026-10-01 inspection 4',
      '2026-10-01 inspection 1',
    ]);
  });
});
