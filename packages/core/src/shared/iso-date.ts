/**
 * Civil dates as 'YYYY-MM-DD' strings, with pure arithmetic on day numbers (days since
 * 1970-01-01). No Date object and no clock: the same input always gives the same output, and
 * there is no time zone to get wrong (the bureau works in Asia/Shanghai; callers convert an
 * instant to a civil date before they come here).
 */

/** A civil date, 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export class InvalidDateError extends RangeError {
  override readonly name = 'InvalidDateError';
  constructor(readonly input: string) {
    super(`日期无效：${input} / Invalid date: ${input} (expected YYYY-MM-DD)`);
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseIsoDate(input: IsoDate): CivilDate {
  const m = ISO_DATE.exec(input);
  if (!m) throw new InvalidDateError(input);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDateError(input);
  return { year, month, day };
}

export function isIsoDate(input: unknown): input is IsoDate {
  if (typeof input !== 'string') return false;
  try {
    parseIsoDate(input);
    return true;
  } catch {
    return false;
  }
}

export function formatIsoDate({ year, month, day }: CivilDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Day numbers already computed, by date. Every comparison of two dates goes through `toDayNumber`, and
 * a year's reconcile compares a few dates millions of times (whether an entity is active in a window,
 * an officer available on a day): parsing each with the regular expression again was 5 % of the
 * worker's time (issue 14, a CPU profile of the bench's reconcile). Bounded: emptied when full.
 */
const dayNumbers = new Map<string, number>();
const DAY_NUMBERS_KEPT = 20_000;

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). Throws on an invalid date. */
export function toDayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const n = dayNumberOf(date);
  if (dayNumbers.size >= DAY_NUMBERS_KEPT) dayNumbers.clear();
  dayNumbers.set(date, n);
  return n;
}

function dayNumberOf(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of toDayNumber (civil_from_days). */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate({ year, month, day });
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

export function yearOf(date: IsoDate): number {
  return parseIsoDate(date).year;
}

/** Plain day arithmetic, no statutory adjustment. */
export function plusDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Plain month arithmetic: the same day of the month, or the month's last day when the target
 * month is shorter (31 March + 2 months = 31 May; 31 January + 1 month = 28/29 February).
 */
export function plusMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}
