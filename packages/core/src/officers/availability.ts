/**
 * Who may inspect an entity on a day: THE availability rule, once, for every caller (the census
 * roster planner, the verifiable draw, a scheduler's roster change, the leave-replacement offer).
 *
 * An officer may take part in an inspection of an entity on a day (or through a span of days) when:
 * - the officer is active (an account that left the service inspects nothing);
 * - the officer holds an enforcement credential (执法证) valid on every day of the span — procedure
 *   (R03, R05–R07, R09, R10, R14): officers on site show their enforcement IDs (出示执法证件), so an
 *   officer without a valid one cannot be one of the two;
 * - the officer is not on declared leave on any day of the span;
 * - the officer is not recused (回避) from the entity: a recusal is in force until the day it is
 *   withdrawn (exclusive). It binds whatever day it was declared on: the conflict of interest exists
 *   before it is declared, and an overdue inspection may still be carried out after the declaration.
 *
 * Pure: the caller loads the facts (packages/db `loadOfficerAvailability`) and passes the day.
 */
import { type IsoDate, compareIsoDates } from '../shared/iso-date.js';

export const OFFICER_UNAVAILABILITY = ['inactive', 'credential_missing', 'credential_expired', 'on_leave', 'recused'] as const;
export type OfficerUnavailability = (typeof OFFICER_UNAVAILABILITY)[number];

export interface OfficerLeaveSpan {
  fromOn: IsoDate;
  toOn: IsoDate;
}

export interface OfficerRecusalFact {
  entityId: number | string;
  /** The day the recusal ended (the conflict is gone); null while in force. */
  withdrawnOn: IsoDate | null;
}

/** What the rule needs to know about one officer. Leaves and recusals may be a superset (other days, entities). */
export interface OfficerAvailabilityFacts {
  active: boolean;
  credentialNo: string | null;
  credentialExpiresOn: IsoDate | null;
  leaves: readonly OfficerLeaveSpan[];
  recusals: readonly OfficerRecusalFact[];
}

export interface AvailabilityQuestion {
  /** The entity to inspect; omitted: only the reasons that hold for every entity. */
  entityId?: number | string;
  /** The day of the inspection, or the first day of the span. */
  on: IsoDate;
  /** The last day of the span the officer must be available through (a draw's campaign window). Default: `on`. */
  through?: IsoDate;
}

/** Why the officer may not inspect (empty: they may), in the order of OFFICER_UNAVAILABILITY. */
export function officerUnavailability(o: OfficerAvailabilityFacts, q: AvailabilityQuestion): OfficerUnavailability[] {
  const from = q.on;
  const to = q.through ?? q.on;
  if (compareIsoDates(from, to) > 0) throw new RangeError(`availability span ${from}..${to} ends before it starts`);
  const out: OfficerUnavailability[] = [];
  if (!o.active) out.push('inactive');
  // The credential must be valid on the last day of the span (then it is on every day before it).
  if (o.credentialNo == null || o.credentialNo.trim() === '' || o.credentialExpiresOn == null) out.push('credential_missing');
  else if (compareIsoDates(o.credentialExpiresOn, to) < 0) out.push('credential_expired');
  if (o.leaves.some((l) => compareIsoDates(l.fromOn, to) <= 0 && compareIsoDates(l.toOn, from) >= 0)) out.push('on_leave');
  if (
    q.entityId !== undefined &&
    o.recusals.some(
      (r) => String(r.entityId) === String(q.entityId) && (r.withdrawnOn == null || compareIsoDates(r.withdrawnOn, from) > 0),
    )
  )
    out.push('recused');
  return out;
}

/** Whether the officer may inspect: no reason against. */
export function isOfficerAvailable(o: OfficerAvailabilityFacts, q: AvailabilityQuestion): boolean {
  return officerUnavailability(o, q).length === 0;
}

/** An officer's unit, or an entity's: its brigade and, for a police station's area, the station. */
export interface UnitOf {
  brigadeId: string | null;
  stationId: string | null;
}

/**
 * Whether an officer belongs to the unit responsible for an entity (issue 4 §3): an officer of the
 * entity's police station, or an officer of its brigade who is not a station's. The roster planner
 * draws its two officers from these pools; a scheduler's change stays within them.
 */
export function officerServesEntity(officer: UnitOf, entity: UnitOf): boolean {
  if (officer.stationId) return entity.stationId != null && officer.stationId === entity.stationId;
  return officer.brigadeId != null && officer.brigadeId === entity.brigadeId;
}
