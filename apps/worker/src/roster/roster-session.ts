/**
 * The rosters of one reconcile job (issue 14 §3): the officers and loads of each unit are read once
 * per job, when the unit is first met, and kept here as the job rosters; no page re-reads or
 * re-aggregates them. A police station's brigade is read only when the station cannot staff an
 * obligation (a province's four brigades hold some 550 officers, whose loads over the window every job
 * read for the few obligations that fall back to them: a quarter of the year's reconcile, bench/README).
 * Per page only the recusals of the page's entities are read (an officer's recusals bear on those
 * entities alone).
 *
 * A page of `ROSTER_PAGE` obligations, in obligation id order, starts from the counters as the database
 * keeps them. Officers' loads are counted per officer in both. A unit's day load is counted in the database
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
  readonly #officerLoad = new Map<number, number>();
  /** Live inspections per (roster unit, day), as the database's counter has them. */
  readonly #unitDayLoad = new Map<string, number>();
  #pending: CensusObligationToRoster[] = [];
  readonly #expected: RosterUnitOf[] = [];
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

  /**
   * The units the job's obligations will come from: read together when the first page is planned,
   * rather than as pages meet them (and not at all when nothing is to be rostered: a rerun).
   */
  expectUnits(units: readonly RosterUnitOf[]): void {
    this.#expected.push(...units);
  }

  /** Plans and writes what is left (the last, shorter page). */
  async flush(): Promise<void> {
    if (this.#pending.length > 0) await this.#plan(this.#pending.splice(0));
  }

  async #plan(page: CensusObligationToRoster[]): Promise<void> {
    await this.#loadUnits([...this.#expected.splice(0), ...page]);
    const recusals = await loadRecusals(this.#db, { entityIds: page.map((i) => i.entityId), from: this.#window.start });
    this.#addRecusals(recusals, this.#officers);
    const plan = this.#planRosters(page);
    // A station without two available officers falls back to its brigade, whose officers are read
    // only now (a province's brigades hold hundreds of officers that most jobs never need); those
    // obligations are planned again with them. Nothing was planned on those brigades yet.
    const fallback = new Set(plan.unrostered);
    const retry = page.filter((i) => fallback.has(i.obligationId) && !this.#brigades.has(i.brigadeId));
    if (retry.length > 0) {
      const added = await this.#loadBrigades(retry.map((i) => i.brigadeId));
      this.#addRecusals(recusals, added);
      const again = this.#planRosters(retry);
      const retried = new Set(retry.map((i) => i.obligationId));
      plan.rostered.push(...again.rostered);
      plan.unrostered = [...plan.unrostered.filter((id) => !retried.has(id)), ...again.unrostered];
    }
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

  /**
   * The planner over the officers held: it counts into its own copy of the unit-day loads (see above);
   * officers' loads it counts as the database does, so it keeps the session's map.
   */
  #planRosters(items: readonly CensusObligationToRoster[]) {
    return planRosters(
      items,
      { officers: this.#officers, officerLoad: this.#officerLoad, unitDayLoad: new Map(this.#unitDayLoad) },
      this.#days,
    );
  }

  #addRecusals(recusals: ReadonlyMap<number, readonly OfficerRecusalFact[]>, officers: readonly RosterOfficer[]): void {
    for (const o of officers) {
      const list = recusals.get(o.id);
      if (list) (o.availability.recusals as OfficerRecusalFact[]).push(...list);
    }
  }

  /**
   * Reads the officers and loads of the units not met yet (once per unit and job): the police
   * stations, and the brigades of entities without one (a station's brigade only when it must stand in).
   */
  async #loadUnits(units: readonly RosterUnitOf[]): Promise<void> {
    const stationIds = [...new Set(units.flatMap((i) => (i.stationId && !this.#stations.has(i.stationId) ? [i.stationId] : [])))];
    const brigadeIds = [...new Set(units.flatMap((i) => (i.stationId || this.#brigades.has(i.brigadeId) ? [] : [i.brigadeId])))];
    await this.#load(stationIds, brigadeIds);
  }

  /** Reads these brigades' officers and loads, if not met yet; returns the officers read. */
  async #loadBrigades(brigadeIds: readonly string[]): Promise<RosterOfficer[]> {
    return this.#load([], [...new Set(brigadeIds.filter((b) => !this.#brigades.has(b)))]);
  }

  async #load(stationIds: readonly string[], brigadeIds: readonly string[]): Promise<RosterOfficer[]> {
    if (stationIds.length === 0 && brigadeIds.length === 0) return [];
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
    for (const [id, n] of ctx.officerLoad) this.#officerLoad.set(id, n);
    for (const [k, n] of ctx.unitDayLoad) this.#unitDayLoad.set(k, n);
    return ctx.officers;
  }

  #forget(): void {
    this.#stations.clear();
    this.#brigades.clear();
    this.#officers = [];
    this.#officerLoad.clear();
    this.#unitDayLoad.clear();
  }
}
