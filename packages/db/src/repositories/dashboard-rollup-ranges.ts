/**
 * How a period is read from the rollups' grains (issue 12 §5): whole calendar months from the 'month'
 * cells — except the month of today, where what has come due depends on the day — and every other day
 * from the 'day' cells. The pieces tile the period in order, adjacent pieces of a grain merged.
 */
export interface GrainRange {
  grain: 'month' | 'day';
  /** 'month': the first day of the first month; 'day': the first day. */
  from: string;
  /** 'month': the first day of the last month; 'day': the last day. */
  to: string;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const parts = (d: string) => [Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1] as const;
const monthStart = (d: string) => `${d.slice(0, 8)}01`;
const monthEnd = (d: string) => {
  const [y, m] = parts(d);
  return iso(Date.UTC(y, m + 1, 0));
};
const nextMonth = (d: string) => {
  const [y, m] = parts(d);
  return iso(Date.UTC(y, m + 1, 1));
};

export function grainRanges(from: string, to: string, today: string): GrainRange[] {
  const out: GrainRange[] = [];
  const add = (grain: GrainRange['grain'], a: string, b: string) => {
    const last = out[out.length - 1];
    if (last && last.grain === grain) last.to = b;
    else out.push({ grain, from: a, to: b });
  };
  const todayMonth = monthStart(today);
  for (let m = monthStart(from); m <= to; m = nextMonth(m)) {
    const end = monthEnd(m);
    const a = m < from ? from : m;
    const b = end > to ? to : end;
    if (a === m && b === end && m !== todayMonth) add('month', m, m);
    else add('day', a, b);
  }
  return out;
}
