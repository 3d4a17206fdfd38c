/** Test helper: a calendar built from the 2025 and 2026 State Council notices. */
import { stateCouncilDays2025And2026 } from '../calendar/state-council-notices.js';
import { type StatutoryCalendar, createCalendar } from '../calendar/working-days.js';

export function calendar2025And2026(): StatutoryCalendar {
  const { days, coveredYears } = stateCouncilDays2025And2026();
  return createCalendar(days, coveredYears);
}
