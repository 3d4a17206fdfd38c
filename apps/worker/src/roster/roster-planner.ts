/**
 * Census rosters (issue 4 §3), pure over a snapshot loaded by `loadRosterContext`: two officers of
 * the responsible police station (else the brigade), each available that day by core's one rule
 * (`isOfficerAvailable`: active, credential valid, not on leave, not recused); load spread greedily over the window's working
 * days (the least-loaded day of the unit first) and over officers (the two least-loaded first,
 * ties by officer code), so per unit the spread stays within one inspection while everyone is
 * available. Deterministic for the same inputs in the same order.
 */
import { type StatutoryCalendar, compareIsoDates, plusDays, rankAvailableOfficers, yearOf } from '@supervise/core';
import {
  type CensusObligationToRoster,
  type RosterContext,
  type RosterOfficer,
  type RosteredInspection,
  unitDayKey,
} from '@supervise/db';

export interface PlanningDays {
  /** Working days to spread over, in date order; null when the calendar does not cover the window. */
  days: string[] | null;
  /** The single day used when `days` is null (day-spreading skipped). */
  fallbackDay: string;
  /** e.g. 'calendar-year-missing:2027'. */
  note: string | null;
}

/**
 * The days a census inspection of `window` may be planned on: the working days from today (or the
 * window start, if later) to the window end; the whole window when that part has passed. A year the
 * statutory calendar does not cover is never guessed (core refuses it): spreading is skipped.
 */
export function planningDays(
  window: { start: string; end: string },
  today: string,
  calendar: StatutoryCalendar | null,
): PlanningDays {
  let from = compareIsoDates(today, window.start) > 0 ? today : window.start;
  if (compareIsoDates(from, window.end) > 0) from = window.start;
  const missing: number[] = [];
  for (let y = yearOf(from); y <= yearOf(window.end); y++) if (!calendar?.isCovered(y)) missing.push(y);
  if (missing.length > 0 || !calendar) {
    return { days: null, fallbackDay: from, note: `calendar-year-missing:${missing.join(',')}` };
  }
  const days: string[] = [];
  for (let d = from; compareIsoDates(d, window.end) <= 0; d = plusDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  if (days.length === 0) return { days: null, fallbackDay: from, note: null };
  return { days, fallbackDay: days[0]!, note: null };
}

export interface RosterPlan {
  rostered: RosteredInspection[];
  /** Obligations with fewer than two available officers in their unit: left for the next reconcile. */
  unrostered: number[];
}

export function planRosters(items: readonly CensusObligationToRoster[], ctx: RosterContext, days: PlanningDays): RosterPlan {
  const byStation = new Map<string, RosterOfficer[]>();
  const byBrigade = new Map<string, RosterOfficer[]>();
  for (const o of ctx.officers) {
    if (o.stationId) push(byStation, o.stationId, o);
    else if (o.brigadeId) push(byBrigade, o.brigadeId, o);
  }
  const load = (id: number) => ctx.officerLoad.get(id) ?? 0;

  const candidateDays = days.days ?? [days.fallbackDay];
  // Each unit's days, least-loaded first and by date among equals, kept in order as the loads grow
  // (one day moves a few places per inspection) instead of sorted again for every obligation.
  const orders = new Map<string, UnitDayOrder>();
  const orderOf = (unit: string) => {
    let o = orders.get(unit);
    if (!o) orders.set(unit, (o = new UnitDayOrder(candidateDays, (d) => ctx.unitDayLoad.get(unitDayKey(unit, d)) ?? 0)));
    return o;
  };
  const out: RosterPlan = { rostered: [], unrostered: [] };
  for (const item of items) {
    // The responsible unit: the police station when the entity has one, else its brigade; a station
    // without two available officers falls back to its brigade.
    const pools: { unit: string; officers: RosterOfficer[] }[] = [];
    if (item.stationId) pools.push({ unit: item.stationId, officers: byStation.get(item.stationId) ?? [] });
    pools.push({ unit: item.brigadeId, officers: byBrigade.get(item.brigadeId) ?? [] });
    let done = false;
    for (const pool of pools) {
      const order = orderOf(pool.unit);
      for (let at = 0; at < order.days.length; at++) {
        const day = candidateDays[order.days[at]!]!;
        const ok = rankAvailableOfficers(pool.officers, { entityId: item.entityId, on: day }, load);
        if (ok.length < 2) continue;
        const pair = [ok[0]!.id, ok[1]!.id] as const;
        for (const id of pair) ctx.officerLoad.set(id, load(id) + 1);
        ctx.unitDayLoad.set(unitDayKey(pool.unit, day), order.increment(at));
        out.rostered.push({
          obligationId: item.obligationId,
          entityId: item.entityId,
          regime: item.regime,
          plannedOn: day,
          officerIds: pair,
          // The entity's own unit, as the database counts it (even when its brigade stood in).
          rosterUnit: item.stationId ?? item.brigadeId,
        });
        done = true;
        break;
      }
      if (done) break;
    }
    if (!done) out.unrostered.push(item.obligationId);
  }
  return out;
}

/**
 * A unit's candidate days ordered by (load, date): `days` holds indexes into the candidate days (which
 * are in date order), least-loaded first. The order a sort by that key gives, kept as loads grow.
 */
export class UnitDayOrder {
  readonly days: number[];
  readonly #load: number[];

  constructor(candidateDays: readonly string[], loadOf: (day: string) => number) {
    this.#load = candidateDays.map(loadOf);
    this.days = candidateDays.map((_, i) => i).sort((a, b) => this.#load[a]! - this.#load[b]! || a - b);
  }

  /** Adds one to the load of the day at position `at`, moves it to its place; returns its new load. */
  increment(at: number): number {
    const day = this.days[at]!;
    const n = ++this.#load[day]!;
    let to = at;
    while (to + 1 < this.days.length) {
      const next = this.days[to + 1]!;
      if (this.#load[next]! < n || (this.#load[next] === n && next < day)) this.days[to] = next;
      else break;
      to++;
    }
    this.days[to] = day;
    return n;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  let list = m.get(k);
  if (!list) m.set(k, (list = []));
  list.push(v);
}
