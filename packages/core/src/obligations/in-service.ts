/**
 * The day the platform went into service (issue 8 §4). Work whose period ended before it belongs to
 * the time before the system existed: the reconcile creates no obligation for it and the alert scan
 * raises nothing about it, so a first start mid-year does not flood the inbox with "overdue" items
 * nobody could have done. `null`: no bound (every period is in service).
 */
import { type IsoDate, compareIsoDates } from '../shared/iso-date.js';

/** Whether something due on (or whose window ends on) `lastDay` falls within the system's service. */
export function isInService(lastDay: IsoDate, inServiceFrom: IsoDate | null): boolean {
  return inServiceFrom === null || compareIsoDates(lastDay, inServiceFrom) >= 0;
}
