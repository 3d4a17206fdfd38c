/**
 * The leaders' dashboard figures (issue 12 §1), each defined once, here. The SQL in packages/db
 * (`dashboard.repository.ts`) selects the rows behind each figure (the drill-down lists exactly those
 * rows) and counts them; this module turns the counts into the figures the page, the wall, the
 * XLSX and `GET /api/v1/dashboard` show, so every consumer computes them the same way.
 *
 * - coverage: obligations of the period with a completed inspection ÷ obligations of the period.
 *   An obligation is "of the period" when its due window ends in it. Census: one entity's obligation
 *   (met by a done inspection of that entity under the regime inside the window — the plan's
 *   definition). Campaign and spot check: the drawn targets (a draw's inspection tasks, not
 *   cancelled), each met when that inspection is done. The three kinds are shown apart and together.
 * - rectification rate: notices completed (review passed) on or before their deadline in force
 *   (the notice's, or as extended) ÷ notices whose deadline in force fell in the period and has come
 *   (or that are completed already); overdue open ones are counted beside it.
 * - reviews on time: reviews done by their due day ÷ reviews due in the period (R03: within 5
 *   working days of the request or of the deadline's expiry — the due day the review use-case stored).
 * - notices served on time: notices served by their service due day ÷ notices whose service was due
 *   in the period (R14: within 3 working days of the inspection's end — the due day stored at serving).
 * - penalties: decisions in the period: count, total fine (party plus responsible persons), by
 *   violation, by amount band; warnings (no fine) apart.
 */
import type { IsoDate } from '../shared/iso-date.js';

export const COVERAGE_KINDS = ['census', 'campaign', 'spot_check'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** A numerator over a denominator; `rate` is null when there is nothing to measure (shown as a dash, not 0 %). */
export interface Ratio {
  done: number;
  of: number;
  rate: number | null;
}

export function ratio(done: number, of: number): Ratio {
  return { done, of, rate: of > 0 ? done / of : null };
}

/**
 * Fine bands for the penalties table, in yuan. A reporting choice of this dashboard (not a statutory
 * threshold): the edges follow the rulebook's ranges (200–1,000; 1,000–5,000; 5,000–30,000;
 * 10,000–100,000 for R14 units) so a band roughly separates the minor, middle and serious ranges.
 */
export const FINE_BANDS = [
  { key: 'under_1000', minYuan: 0 },
  { key: '1000_to_4999', minYuan: 1_000 },
  { key: '5000_to_29999', minYuan: 5_000 },
  { key: '30000_and_above', minYuan: 30_000 },
] as const;
export type FineBand = (typeof FINE_BANDS)[number]['key'];

/** The band of a fine in fen (1/100 yuan); a decision without a fine (a warning) has no band. */
export function fineBandOf(fineFen: number): FineBand | null {
  if (fineFen <= 0) return null;
  let band: FineBand = FINE_BANDS[0].key;
  for (const b of FINE_BANDS) if (fineFen >= b.minYuan * 100) band = b.key;
  return band;
}

/** The counts the repository reads for one regime: the rows behind each figure, counted. */
export interface RegimeCounts {
  regime: string;
  coverage: Record<CoverageKind, { obligations: number; covered: number }>;
  inspectionsDone: number;
  hazards: number;
  rectifications: { due: number; onTime: number; overdueOpen: number };
  reviews: { due: number; onTime: number };
  service: { due: number; onTime: number };
  penalties: {
    count: number;
    fineFen: number;
    /** Decisions with a warning and no fine. */
    warnings: number;
    byViolation: { code: string; count: number; fineFen: number }[];
    byBand: Partial<Record<FineBand, number>>;
  };
}

export interface RegimeFigures {
  regime: string;
  /** All kinds together, a fraction of 1; null when the period has no obligation. */
  coverage: number | null;
  coverageByKind: Record<CoverageKind, Ratio>;
  coverageAll: Ratio;
  inspectionsDone: number;
  hazards: number;
  rectificationRate: number | null;
  rectification: Ratio & { overdueOpen: number };
  reviewsOnTime: Ratio;
  servedOnTime: Ratio;
  penalties: RegimeCounts['penalties'] & { fineYuan: number };
}

export function emptyCounts(regime: string): RegimeCounts {
  return {
    regime,
    coverage: {
      census: { obligations: 0, covered: 0 },
      campaign: { obligations: 0, covered: 0 },
      spot_check: { obligations: 0, covered: 0 },
    },
    inspectionsDone: 0,
    hazards: 0,
    rectifications: { due: 0, onTime: 0, overdueOpen: 0 },
    reviews: { due: 0, onTime: 0 },
    service: { due: 0, onTime: 0 },
    penalties: { count: 0, fineFen: 0, warnings: 0, byViolation: [], byBand: {} },
  };
}

export function figuresOf(c: RegimeCounts): RegimeFigures {
  const byKind = {
    census: ratio(c.coverage.census.covered, c.coverage.census.obligations),
    campaign: ratio(c.coverage.campaign.covered, c.coverage.campaign.obligations),
    spot_check: ratio(c.coverage.spot_check.covered, c.coverage.spot_check.obligations),
  };
  const all = ratio(
    COVERAGE_KINDS.reduce((n, k) => n + c.coverage[k].covered, 0),
    COVERAGE_KINDS.reduce((n, k) => n + c.coverage[k].obligations, 0),
  );
  const rect = ratio(c.rectifications.onTime, c.rectifications.due);
  return {
    regime: c.regime,
    coverage: all.rate,
    coverageByKind: byKind,
    coverageAll: all,
    inspectionsDone: c.inspectionsDone,
    hazards: c.hazards,
    rectificationRate: rect.rate,
    rectification: { ...rect, overdueOpen: c.rectifications.overdueOpen },
    reviewsOnTime: ratio(c.reviews.onTime, c.reviews.due),
    servedOnTime: ratio(c.service.onTime, c.service.due),
    penalties: { ...c.penalties, fineYuan: c.penalties.fineFen / 100 },
  };
}

/** The sum of several regimes' counts (the totals row, a brigade's figure). */
export function sumCounts(regime: string, rows: readonly RegimeCounts[]): RegimeCounts {
  const t = emptyCounts(regime);
  const viol = new Map<string, { code: string; count: number; fineFen: number }>();
  for (const r of rows) {
    for (const k of COVERAGE_KINDS) {
      t.coverage[k].obligations += r.coverage[k].obligations;
      t.coverage[k].covered += r.coverage[k].covered;
    }
    t.inspectionsDone += r.inspectionsDone;
    t.hazards += r.hazards;
    t.rectifications.due += r.rectifications.due;
    t.rectifications.onTime += r.rectifications.onTime;
    t.rectifications.overdueOpen += r.rectifications.overdueOpen;
    t.reviews.due += r.reviews.due;
    t.reviews.onTime += r.reviews.onTime;
    t.service.due += r.service.due;
    t.service.onTime += r.service.onTime;
    t.penalties.count += r.penalties.count;
    t.penalties.fineFen += r.penalties.fineFen;
    t.penalties.warnings += r.penalties.warnings;
    for (const v of r.penalties.byViolation) {
      const x = viol.get(v.code) ?? { code: v.code, count: 0, fineFen: 0 };
      x.count += v.count;
      x.fineFen += v.fineFen;
      viol.set(v.code, x);
    }
    for (const [band, n] of Object.entries(r.penalties.byBand) as [FineBand, number][])
      t.penalties.byBand[band] = (t.penalties.byBand[band] ?? 0) + n;
  }
  t.penalties.byViolation = [...viol.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return t;
}

/** The change of a rate against the same period a year before, in points of 1 (null when either is unknown). */
export function rateChange(now: number | null, yearBefore: number | null): number | null {
  return now === null || yearBefore === null ? null : now - yearBefore;
}

export type { IsoDate };
