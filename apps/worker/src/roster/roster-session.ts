/**
 * The rosters of one reconcile job (issue 14 §3): the officers and loads of each unit are read once
 * per job, when the unit is first met, and kept here as the job rosters; no page re-reads or
 * re-aggregates them. Per page only the recusals of the page's entities are read (an officer's
 * recusals bear on those entities alone).
 *
 * The planner is fed exactly what the page-by-page reading gave it, so the rosters are the same: a page
 * of `ROSTER_PAGE` obligations, in obligation id order, starts from the counters as the database keeps
 * them. Officers' loads are counted per officer in both. A unit's day load is counted in the database
 * under the entity's own unit (its police station, else its brigade: `inspection.roster_unit`), while
 * the planner, within a page, counts an inspection it gave to a station's brigade under the brigade;
 * so the session keeps the database's count beside the planner's and hands the planner a copy of it at
 * each page.
 */
import {
  loadRecusals,
  loadRosterUnits,
  unitDayKey,
  type CensusObligationToRoster,
  type Database,
  type RosterOfficer,
  type RosteredInspection,
} from '@supervise/db';
import type { OfficerRecusalFact } from '@supervise/core';
import { planRosters, type PlanningDays } from './roster-planner.js';

/** Obligations planned together: the keyset page the rosters were always planned by. */
export const ROSTER_PAGE = 1000;

/** The units an entity's census is rostered from: its police station, else (or failing that) its brigade. */
type RosterUnitOf = Pick<CensusObligationToRoster, 'brigadeId' | 'stationId'>;

export interface RosterSessionResult {
  rostered: number;
  unrostered: number;
}

export class RosterSession {
  readonly #db: Database;
  readonly #window: { start: string; end: string };
  readonly #days: PlanningDays;
  readonly #insert: (rows: readonly RosteredInspection[]) => Promise<number>;
  readonly #stations = new Set<string>();
  readonly #brigades = new Set<string>();
  #officers: RosterOfficer[] = [];
  readonly #byId = new Map<number, RosterOfficer>();
  readonly #officerLoad = new Map<number, number>();
  /** Live inspections per (roster unit, day), as the database's counter has them. */
  readonly #unitDayLoad = new Map<string, number>();
  #pending: CensusObligationToRoster[] = [];
  rostered = 0;
  unrostered = 0;

  constructor(
    db: Database,
    window: { start: string; end: string },
    days: PlanningDays,
    insert: (rows: readonly RosteredInspection[]) => Promise<number>,
  ) {
    this.#db = db;
    this.#window = window;
    this.#days = days;
    this.#insert = insert;
  }

  /** Obligations to roster, in obligation id order; planned and written by pages of `ROSTER_PAGE`. */
  async add(items: readonly CensusObligationToRoster[]): Promise<void> {
    this.#pending.push(...items);
    while (this.#pending.length >= ROSTER_PAGE) await this.#plan(this.#pending.splice(0, ROSTER_PAGE));
  }

  /** Reads the officers and loads of these units now, in one read, rather than as pages meet them. */
  async preload(units: readonly RosterUnitOf[]): Promise<void> {
    await this.#loadUnits(units);
  }

  /** Plans and writes what is left (the last, shorter page). */
  async flush(): Promise<void> {
    if (this.#pending.length > 0) await this.#plan(this.#pending.splice(0));
  }

  async #plan(page: CensusObligationToRoster[]): Promise<void> {
    await this.#loadUnits(page);
    const recusals = await loadRecusals(this.#db, { entityIds: page.map((i) => i.entityId), from: this.#window.start });
    for (const [officerId, list] of recusals) {
      const o = this.#byId.get(officerId);
      if (o) (o.availability.recusals as OfficerRecusalFact[]).push(...list);
    }
    // The planner counts into its own copy of the unit-day loads (see above); officers' loads it
    // counts as the database does, so it keeps the session's map.
    const plan = planRosters(
      page,
      { officers: this.#officers, officerLoad: this.#officerLoad, unitDayLoad: new Map(this.#unitDayLoad) },
      this.#days,
    );
    const created = await this.#insert(plan.rostered);
    this.rostered += created;
    this.unrostered += plan.unrostered.length;
    if (created !== plan.rostered.length) {
      // Another job rostered some of these meanwhile: what the database counts is no longer what was
      // planned here. Forget every unit; the next page reads them again.
      this.#forget();
      return;
    }
    const unitOf = new Map(page.map((i) => [i.obligationId, i.stationId ?? i.brigadeId]));
    for (const r of plan.rostered) {
      const key = unitDayKey(unitOf.get(r.obligationId)!, r.plannedOn);
      this.#unitDayLoad.set(key, (this.#unitDayLoad.get(key) ?? 0) + 1);
    }
  }

  /** Reads the officers and loads of the units not met yet (once per unit and job). */
  async #loadUnits(page: readonly RosterUnitOf[]): Promise<void> {
    const stationIds = [...new Set(page.flatMap((i) => (i.stationId && !this.#stations.has(i.stationId) ? [i.stationId] : [])))];
    const brigadeIds = [...new Set(page.flatMap((i) => (this.#brigades.has(i.brigadeId) ? [] : [i.brigadeId])))];
    if (stationIds.length === 0 && brigadeIds.length === 0) return;
    const ctx = await loadRosterUnits(this.#db, {
      windowStart: this.#window.start,
      windowEnd: this.#window.end,
      stationIds,
      brigadeIds,
      entityIds: [],
    });
    for (const s of stationIds) this.#stations.add(s);
    for (const b of brigadeIds) this.#brigades.add(b);
    // Each unit's officers arrive together, ordered by code, as the planner's pools need them.
    this.#officers = [...this.#officers, ...ctx.officers];
    for (const o of ctx.officers) this.#byId.set(o.id, o);
    for (const [id, n] of ctx.officerLoad) this.#officerLoad.set(id, n);
    for (const [k, n] of ctx.unitDayLoad) this.#unitDayLoad.set(k, n);
  }

  #forget(): void {
    this.#stations.clear();
    this.#brigades.clear();
    this.#officers = [];
    this.#byId.clear();
    this.#officerLoad.clear();
    this.#unitDayLoad.clear();
  }
}
