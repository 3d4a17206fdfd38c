import { isOfficerAvailable, type AvailabilityQuestion, type OfficerAvailabilityFacts } from './availability.js';

/** An officer as the roster rules see one: an id, a police number and the availability facts. */
export interface RankableOfficer {
  id: number;
  code: string;
  availability: OfficerAvailabilityFacts;
}

/**
 * THE roster ranking (issue 4 §3), once for the census roster planner and the event staffing: the
 * officers core's availability rule allows for the question (entity, day or span), the least loaded
 * first, ties by police number, so the same inputs always give the same officers.
 */
export function rankAvailableOfficers<T extends RankableOfficer>(
  officers: readonly T[],
  q: AvailabilityQuestion,
  load: (officerId: number) => number,
): T[] {
  return officers
    .filter((o) => isOfficerAvailable(o.availability, q))
    .sort((a, b) => load(a.id) - load(b.id) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
