/**
 * How the reconcile cuts the registry. Ranges are by id value (`(k·span, (k+1)·span]`), not by row
 * count, so a batch's key stays the same however the registry grows: only the top range is new when
 * entities are registered.
 */

/**
 * Entity ids per census batch (one job). A job works its range page by page (registry pages of 1,000),
 * yields between pages and stops there on SIGTERM, and reads its units' officers and loads, the
 * calendar and the ledger once, so a wider span means fewer jobs doing that bookkeeping: 235 jobs
 * instead of 1,155 for a year at 50,000 entities. Measured through the worker (`pnpm bench --only
 * reconcile --entities 50000 --keep-province`, 2026-12-01, main's code and this one on clones of the
 * same province one after the other, bench/README.md "Goals missed"): with 5,000 ids (and the
 * roster unit passed, planned inspections unmarked) the first run 167 s → 100 s and the rerun 97 s →
 * 38 s (load average 5–11); with the rest of that day's changes, at load 3–4, the first run 56 s →
 * 45–49 s and the rerun 33 s → 18–21 s; the rosters were then the same as with 1,000 ids (md5 over
 * every column but ids and timestamps). Since the fourth session a job rosters its whole range by pages
 * of 1,000 obligations (bench/README.md, "Latest figures"). The resilience tests and drills size their
 * provinces from this constant (e.g. "at least 3 batches waiting" needs more than 3 spans of
 * entities), so it can change without them proving nothing.
 */
export const RECONCILE_ID_SPAN = 5000;

/**
 * Entity ids per quotas batch. A quotas batch only counts the campaign and spot-check kinds' entities
 * of its range (a few numbers kept, whatever the range holds), so its ranges are wider; the batch that
 * completes the period's counts plans the quotas from their sums (issue 14 §3: no job reads the whole
 * registry).
 */
export const QUOTA_ID_SPAN = 10_000;
