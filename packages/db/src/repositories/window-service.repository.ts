import { DEFAULT_WINDOW_THRESHOLDS, satisfactionRate, windowFlags, type WindowThresholds } from '@supervise/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/** R01 window service (issue 13 §6): staff, the raters' results, complaints with follow-ups, measures. */
type Db = Kysely<DB> | Transaction<DB>;

export async function windowThresholds(db: Db): Promise<WindowThresholds> {
  const row = await db
    .selectFrom('service_setting')
    .select(['window_min_satisfaction_pct', 'window_max_complaints'])
    .executeTakeFirst();
  return row
    ? { minSatisfactionPct: row.window_min_satisfaction_pct, maxComplaints: row.window_max_complaints }
    : { ...DEFAULT_WINDOW_THRESHOLDS };
}

export interface WindowStaffMonth {
  staffId: number;
  code: string;
  name: string;
  rated: number;
  satisfied: number;
  rate: number | null;
  complaints: number;
  flags: ('low_satisfaction' | 'many_complaints')[];
  measure: { measure: string; note: string; decidedOn: string } | null;
}

/** Every staff member's month: the rater's result, the complaints received in it, the flag, the measure. */
export async function windowMonth(db: Db, month: string, t: WindowThresholds): Promise<WindowStaffMonth[]> {
  const rows = await db
    .selectFrom('window_staff as s')
    .leftJoin('window_rating as r', (j) => j.onRef('r.staff_id', '=', 's.id').on('r.month', '=', month))
    .leftJoin('window_measure as m', (j) => j.onRef('m.staff_id', '=', 's.id').on('m.month', '=', month))
    .select((eb) => [
      's.id',
      's.code',
      's.name',
      'r.rated',
      'r.satisfied',
      'm.measure',
      'm.note',
      'm.decided_on',
      eb
        .selectFrom('window_complaint as c')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('c.staff_id', '=', 's.id')
        .where(sql<boolean>`to_char(c.received_on, 'YYYY-MM') = ${month}`)
        .as('complaints'),
    ])
    .where('s.active', '=', true)
    .orderBy('s.code')
    .execute();
  return rows.map((r) => {
    const rated = r.rated ?? 0;
    const satisfied = r.satisfied ?? 0;
    const complaints = Number(r.complaints ?? 0);
    return {
      staffId: Number(r.id),
      code: r.code,
      name: r.name,
      rated,
      satisfied,
      rate: satisfactionRate(rated, satisfied),
      complaints,
      flags: windowFlags({ rated, satisfied, complaints }, t),
      measure: r.measure && r.note && r.decided_on ? { measure: r.measure, note: r.note, decidedOn: r.decided_on } : null,
    };
  });
}

export interface WindowComplaintRow {
  id: number;
  staff: { code: string; name: string };
  channel: string;
  receivedOn: string;
  content: string;
  followUp: { kind: string; on: string; note: string } | null;
}

/** The complaints received in the month, newest first. */
export async function windowComplaints(db: Db, month: string): Promise<WindowComplaintRow[]> {
  const rows = await db
    .selectFrom('window_complaint as c')
    .innerJoin('window_staff as s', 's.id', 'c.staff_id')
    .select([
      'c.id',
      's.code',
      's.name',
      'c.channel',
      'c.received_on',
      'c.content',
      'c.follow_up',
      'c.follow_up_on',
      'c.follow_up_note',
    ])
    .where(sql<boolean>`to_char(c.received_on, 'YYYY-MM') = ${month}`)
    .orderBy('c.received_on', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    staff: { code: r.code, name: r.name },
    channel: r.channel,
    receivedOn: r.received_on,
    content: r.content,
    followUp: r.follow_up && r.follow_up_on ? { kind: r.follow_up, on: r.follow_up_on, note: r.follow_up_note ?? '' } : null,
  }));
}
