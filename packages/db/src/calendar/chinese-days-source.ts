import { createRequire } from 'node:module';

/**
 * The statutory calendar for 2004–2026 from the npm package `chinese-days` (1.5.7). We read its data
 * file and never call its functions: for a year it does not know it silently answers Monday–Friday.
 */
export const PACKAGE_FIRST_YEAR = 2004;
export const PACKAGE_LAST_YEAR = 2026;
/** Years whose package data the tests check day by day against the published State Council notice. */
export const VERIFIED_YEARS: readonly number[] = [2025, 2026];

export interface StatutoryDay {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** 'Spring Festival,春节,4' → '春节 Spring Festival' */
function displayName(raw: string): string {
  const [en, zh] = raw.split(',');
  return [zh, en].filter(Boolean).join(' ');
}

export function packageCalendarDays(year: number): StatutoryDay[] {
  if (year < PACKAGE_FIRST_YEAR || year > PACKAGE_LAST_YEAR) {
    throw new Error(`chinese-days has no reliable data for ${year} (only ${PACKAGE_FIRST_YEAR}–${PACKAGE_LAST_YEAR})`);
  }
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;
  const prefix = `${year}-`;
  const days: StatutoryDay[] = [];
  for (const [date, raw] of Object.entries(data.holidays)) {
    if (date.startsWith(prefix)) days.push({ date, kind: 'holiday', name: displayName(raw) });
  }
  for (const [date, raw] of Object.entries(data.workdays)) {
    if (date.startsWith(prefix)) days.push({ date, kind: 'makeup_workday', name: displayName(raw) });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
