/**
 * Verifiable draws of targets and inspectors (双随机、一公开), algorithm `consistent-sampler/v1`,
 * exactly as shared/verifiable-draw.md specifies it. Pure: the 32-byte seed and the beacon are
 * parameters; the caller draws the seed from a cryptographic source and keeps it secret until execution.
 */
import { ceilShareOf, floorShareOf, parseShare } from '../shared/exact-share.js';
import {
  canonicalIds,
  compareTicketKeys,
  compareUtf8,
  populationSha256,
  samplerSeedString,
  sampleOrder,
  sha256HexOfBytes,
  ticketKeysFor,
} from './consistent-sampler.js';
import { inspectorTicketPrefix } from './inspector-ticket-keys.js';

export const DRAW_ALGORITHM = 'consistent-sampler/v1';

/** Procedure (R03, R05–R07, R09, R10, R14): at least two officers on site. */
export const INSPECTORS_PER_TARGET = 2;

/** A minimum share ("at least 30%", campaigns) or a maximum share ("no more than 5% a year", spot checks). */
export interface DrawShare {
  kind: 'min' | 'max';
  /** An exact decimal, e.g. "0.30". */
  value: string;
}

export interface Exclusion {
  inspector: string;
  target: string;
  /** e.g. "recusal: …", "leave: …", "another station's area". */
  reason: string;
}

export interface Assignment {
  target: string;
  inspectors: string[];
}

/** The published record, field for field as shared/verifiable-draw.md shows it. */
export interface DrawRecord {
  algorithm: typeof DRAW_ALGORITHM;
  draw_id: string;
  regime: string;
  campaign: string;
  created_at: string;
  population: string[];
  population_sha256: string;
  inspectors: string[];
  share: DrawShare;
  requested: number | null;
  k: number;
  seed_commitment: string;
  seed: string;
  beacon: string;
  selected: string[];
  assignments: Assignment[];
  unstaffed: string[];
  excluded: Exclusion[];
  replaces: string | null;
  /**
   * Who the codes are, for readers of the public record (一公开): entity code → name, police number →
   * officer's name (nothing else about an officer). Not an input of the computation, not verified.
   */
  names?: { entities: Record<string, string>; officers: Record<string, string> };
}

export class InvalidSeedError extends RangeError {
  override readonly name = 'InvalidSeedError';
  constructor(readonly input: string) {
    super(`种子应为 32 字节（64 位小写十六进制）/ the seed must be 32 bytes (64 lowercase hex digits)`);
  }
}

const SEED_HEX = /^[0-9a-f]{64}$/;

export function isSeedHex(s: string): boolean {
  return SEED_HEX.test(s);
}

/** 32 raw bytes → lowercase hex. */
export function seedHexOf(seed: Uint8Array): string {
  if (seed.length !== 32) throw new InvalidSeedError(`${seed.length} bytes`);
  return Buffer.from(seed).toString('hex');
}

/** `seed_commitment = hex(SHA-256(seed bytes))`, shown at creation. */
export function seedCommitment(seedHex: string): string {
  if (!isSeedHex(seedHex)) throw new InvalidSeedError(seedHex);
  return sha256HexOfBytes(Buffer.from(seedHex, 'hex'));
}

/**
 * The number drawn from `n` entities: ceil(r × n) for a minimum share, min(requested, floor(r × n))
 * for a maximum share, 0 when there is nothing to draw from. Exact: the share is a decimal string.
 */
export function drawCount(share: DrawShare, requested: number | null, n: number): number {
  parseShare(share.value); // refuses a share outside [0, 1] even when n = 0
  if (n === 0) return 0;
  if (share.kind === 'min') return ceilShareOf(share.value, n);
  if (requested === null || !Number.isSafeInteger(requested) || requested < 0)
    throw new RangeError('a maximum share needs the requested number (a non-negative integer)');
  return Math.min(requested, floorShareOf(share.value, n));
}

/** The first `k` of the population in ticket order. */
export function selectTargets(population: readonly string[], seedString: string, k: number): string[] {
  return sampleOrder(population, seedString).slice(0, k);
}

export interface InspectorAssignment {
  assignments: Assignment[];
  unstaffed: string[];
  /** `L = ceil(2k / M)`; null when no inspector is a candidate for any target. */
  loadCap: number | null;
}

/**
 * The excluded (inspector, target) pairs as the draw uses them, without their reasons: the same pairs as
 * the record's `excluded` list, in a form that need not list an inspector excluded from every target
 * once per target (issue 14: 9 officers whose credential expires in the window are 900,000 entries of
 * a province's record). Only which pairs are excluded changes the draw, never the reasons or the order.
 */
export interface ExcludedPairs {
  /** Inspectors excluded for every target of the population. */
  everyTarget: readonly string[];
  /** The other excluded pairs (a pair may also be implied by `everyTarget`). */
  pairs: readonly { inspector: string; target: string }[];
}

/**
 * The inspectors of a draw assigned a part at a time (`step`), in rank order: the same assignments as
 * `assignInspectors`, which a caller can interleave with other work (issue 14: the database writes the
 * first tasks' officers while the next are drawn). Each step returns what it assigned.
 */
export interface InspectorAssigner {
  readonly loadCap: number | null;
  /** Targets not yet assigned. */
  readonly remaining: number;
  /**
   * The inspectors that are a candidate for at least one target (the roster minus those excluded
   * everywhere), in the order whose keys `step` takes: the columns of `inspectorTicketKeys`.
   */
  readonly candidateIds: readonly string[];
  /**
   * Assigns the next `count` targets (at least one, at most `remaining`) and returns their assignments
   * and the unstaffed among them. `keys`, if given, are those targets' keys as `inspectorTicketKeys`
   * computes them for `candidateIds` (issue 14: computed ahead, on other threads): exactly
   * `min(count, remaining) × candidateIds.length` of them. Without them the keys are computed here; the
   * result is the same either way.
   */
  step(count: number, keys?: Float64Array): { assignments: Assignment[]; unstaffed: string[] };
}

/**
 * Two inspectors per selected target, in rank order. Candidates are the roster minus the pairs
 * excluded for the target; they are sorted by (load ≥ L, ticket("inspector:" + t + ":" + i), id).
 *
 * Issue 14: a province's draw has 30,000 targets × 170 officers = 5 million tickets. Each is a key
 * (`ticketKeysFor`: one SHA-256 compression, no decimal string) and only the first two candidates are
 * kept, as sorting them all and taking two would; the full tickets decide only between equal keys.
 */
export function assignInspectors(
  selected: readonly string[],
  inspectors: readonly string[],
  excluded: readonly Exclusion[] | ExcludedPairs,
  seedString: string,
): InspectorAssignment {
  const assigner = inspectorAssigner(selected, inspectors, excluded, seedString);
  const assignments: Assignment[] = [];
  const unstaffed: string[] = [];
  while (assigner.remaining > 0) {
    const done = assigner.step(assigner.remaining);
    for (const a of done.assignments) assignments.push(a);
    for (const t of done.unstaffed) unstaffed.push(t);
  }
  return { assignments, unstaffed, loadCap: assigner.loadCap };
}

/**
 * The inspectors who may be a candidate for some target: the roster (in id order) minus those excluded
 * for every target — `InspectorAssigner.candidateIds` before the targets are drawn, so that their
 * ticket keys' threads can start while the targets are (issue 14).
 */
export function candidateInspectors(inspectors: readonly string[], excluded: readonly Exclusion[] | ExcludedPairs): string[] {
  const out = new Set(Array.isArray(excluded) ? [] : (excluded as ExcludedPairs).everyTarget);
  return canonicalIds(inspectors).filter((i) => !out.has(i));
}

/** `assignInspectors` a part at a time (see InspectorAssigner). */
export function inspectorAssigner(
  selected: readonly string[],
  inspectors: readonly string[],
  excluded: readonly Exclusion[] | ExcludedPairs,
  seedString: string,
): InspectorAssigner {
  const roster = canonicalIds(inspectors);
  const rosterIndex = new Map(roster.map((id, r) => [id, r]));
  const targets = new Set(selected);
  const { everyTarget, pairs } = Array.isArray(excluded)
    ? { everyTarget: [] as readonly string[], pairs: excluded as readonly Exclusion[] }
    : (excluded as ExcludedPairs);
  // Inspectors excluded for every target; then, per selected target, the others excluded for it. Only
  // the pairs of a selected target and a rostered inspector change anything.
  const outEverywhere = new Uint8Array(roster.length);
  for (const i of everyTarget) {
    const r = rosterIndex.get(i);
    if (r !== undefined) outEverywhere[r] = 1;
  }
  const excludedFor = new Map<string, Set<number>>();
  for (const e of pairs) {
    const r = rosterIndex.get(e.inspector);
    if (r === undefined || outEverywhere[r] || !targets.has(e.target)) continue;
    let s = excludedFor.get(e.target);
    if (!s) excludedFor.set(e.target, (s = new Set()));
    s.add(r);
  }
  // M: the inspectors that are a candidate for at least one selected target, i.e. not excluded for all.
  const excludedTimes = new Uint32Array(roster.length);
  for (let r = 0; r < roster.length; r++) if (outEverywhere[r]) excludedTimes[r] = targets.size;
  for (const s of excludedFor.values()) for (const r of s) excludedTimes[r]!++;
  const m = excludedTimes.filter((n) => n < targets.size).length;
  const k = selected.length;
  const loadCap = m === 0 ? null : Math.ceil((INSPECTORS_PER_TARGET * k) / m);
  // The roster indices that are a candidate for some target, in roster (id) order.
  const candidates = Int32Array.from(roster.keys()).filter((r) => !outEverywhere[r]);
  const candidateIds = Array.from(candidates, (r) => roster[r]!);

  const keys = ticketKeysFor(seedString);
  const idBytes = roster.map((id) => Buffer.from(id, 'utf8'));
  const load = new Uint32Array(roster.length);
  // The first INSPECTORS_PER_TARGET candidates so far, in order: roster index, full (0/1), key.
  const best: number[] = [];
  const bestFull: number[] = [];
  const bestKey: number[] = [];
  let next = 0;
  // `given`: the target's keys computed ahead (row `row` of a block of `inspectorTicketKeys`), or null.
  const assignOne = (target: string, assignments: Assignment[], unstaffed: string[], given: Float64Array | null, row: number) => {
    const out = excludedFor.get(target);
    if (candidates.length - (out?.size ?? 0) < INSPECTORS_PER_TARGET || loadCap === null) {
      unstaffed.push(target);
      return;
    }
    const prefix = inspectorTicketPrefix(target);
    if (!given) keys.setPrefix(Buffer.from(prefix, 'utf8'));
    // (full, ticket, id) order of candidate r against the kept one at position p; roster order is id order.
    // The ids' full tickets are built only for equal keys (compareTicketKeys), never for the others.
    const before = (r: number, full: number, key: number, p: number): boolean => {
      if (full !== bestFull[p]) return full < bestFull[p]!;
      if (key !== bestKey[p]) return key < bestKey[p]!;
      return (compareTicketKeys(keys, key, prefix + roster[r]!, bestKey[p]!, prefix + roster[best[p]!]!) || r - best[p]!) < 0;
    };
    best.length = bestFull.length = bestKey.length = 0;
    for (let c = 0; c < candidates.length; c++) {
      const r = candidates[c]!;
      if (out?.has(r)) continue;
      const full = load[r]! >= loadCap ? 1 : 0;
      // An excluded candidate's key, if given, is skipped like the candidate.
      const key = given ? given[row + c]! : keys.keyAfterPrefix(idBytes[r]!);
      let p = best.length;
      while (p > 0 && before(r, full, key, p - 1)) p--;
      if (p >= INSPECTORS_PER_TARGET) continue;
      best.splice(p, 0, r);
      bestFull.splice(p, 0, full);
      bestKey.splice(p, 0, key);
      if (best.length > INSPECTORS_PER_TARGET) {
        best.pop();
        bestFull.pop();
        bestKey.pop();
      }
    }
    for (const r of best) load[r]!++;
    assignments.push({ target, inspectors: best.map((r) => roster[r]!) });
  };
  return {
    loadCap,
    get remaining() {
      return selected.length - next;
    },
    candidateIds,
    step(count, given) {
      const assignments: Assignment[] = [];
      const unstaffed: string[] = [];
      const end = Math.min(selected.length, next + Math.max(1, count));
      const width = candidates.length;
      if (given && given.length !== (end - next) * width)
        throw new RangeError(
          `step(${count}) with ${selected.length - next} targets left takes ${(end - next) * width} keys (${width} candidates each), not ${given.length}`,
        );
      for (let row = 0; next < end; next++, row += width) assignOne(selected[next]!, assignments, unstaffed, given ?? null, row);
      return { assignments, unstaffed };
    },
  };
}

export interface FrozenDraw {
  population: string[];
  population_sha256: string;
  inspectors: string[];
  excluded: Exclusion[];
}

/** Freeze: canonical population and roster, the population hash, and the exclusions in a stable order. */
export function freezeDraw(input: {
  population: Iterable<string>;
  inspectors: Iterable<string>;
  excluded: readonly Exclusion[];
}): FrozenDraw {
  const population = canonicalIds(input.population);
  const inspectors = canonicalIds(input.inspectors);
  const order = (a: Exclusion, b: Exclusion) =>
    compareUtf8(a.target, b.target) || compareUtf8(a.inspector, b.inspector) || compareUtf8(a.reason, b.reason);
  // A caller may hand them over in order already (a province's draw: a million of them): checked, not sorted again.
  const inOrder = input.excluded.every((e, i) => i === 0 || order(input.excluded[i - 1]!, e) <= 0);
  const sorted = inOrder ? input.excluded : [...input.excluded].sort(order);
  // One reason per pair is enough to exclude it: the first in order.
  const excluded = firstOfEachPairInOrder(sorted) ?? firstOfEachPair(sorted);
  return { population, population_sha256: populationSha256(population), inspectors, excluded };
}

function firstOfEachPair(sorted: readonly Exclusion[]): Exclusion[] {
  const seen = new Set<string>();
  const excluded: Exclusion[] = [];
  for (const e of sorted) {
    const key = `${e.target}\n${e.inspector}`;
    if (seen.has(key)) continue;
    seen.add(key);
    excluded.push({ inspector: e.inspector, target: e.target, reason: e.reason });
  }
  return excluded;
}

/**
 * The same as `firstOfEachPair` without a set of a million keys: in (target, inspector) order a pair's
 * entries are next to each other, as long as no two different ids compare equal — which only ids with
 * lone surrogates can do (both encode as U+FFFD); then null, and the set decides.
 */
function firstOfEachPairInOrder(sorted: readonly Exclusion[]): Exclusion[] | null {
  const excluded: Exclusion[] = [];
  let prev: Exclusion | undefined;
  for (const e of sorted) {
    if (prev) {
      if (prev.target === e.target) {
        if (prev.inspector === e.inspector) continue;
        if (compareUtf8(prev.inspector, e.inspector) === 0) return null;
      } else if (compareUtf8(prev.target, e.target) === 0) return null;
    }
    excluded.push({ inspector: e.inspector, target: e.target, reason: e.reason });
    prev = e;
  }
  return excluded;
}

export interface DrawOutcome {
  k: number;
  selected: string[];
  assignments: Assignment[];
  unstaffed: string[];
}

/** The frozen lists a draw is executed on; the exclusions as the record lists them or as pairs. */
export interface DrawInputs {
  population: readonly string[];
  inspectors: readonly string[];
  excluded: readonly Exclusion[] | ExcludedPairs;
}

/**
 * Execute, in two parts: the targets (`k`, `selected`) now, and an assigner of their inspectors
 * (`inspectorAssigner`) to run a part at a time. `executeDraw` is both at once.
 */
export function startDrawExecution(
  frozen: DrawInputs,
  share: DrawShare,
  requested: number | null,
  seedHex: string,
  beacon: string,
): { k: number; selected: string[]; assigner: InspectorAssigner } {
  if (!isSeedHex(seedHex)) throw new InvalidSeedError(seedHex);
  const s = samplerSeedString(seedHex, beacon);
  const k = drawCount(share, requested, frozen.population.length);
  const selected = selectTargets(frozen.population, s, k);
  return { k, selected, assigner: inspectorAssigner(selected, frozen.inspectors, frozen.excluded, s) };
}

/** Execute: the targets and inspectors drawn with the revealed seed and the beacon. */
export function executeDraw(
  frozen: DrawInputs,
  share: DrawShare,
  requested: number | null,
  seedHex: string,
  beacon: string,
): DrawOutcome {
  if (!isSeedHex(seedHex)) throw new InvalidSeedError(seedHex);
  const s = samplerSeedString(seedHex, beacon);
  const k = drawCount(share, requested, frozen.population.length);
  const selected = selectTargets(frozen.population, s, k);
  const { assignments, unstaffed } = assignInspectors(selected, frozen.inspectors, frozen.excluded, s);
  return { k, selected, assignments, unstaffed };
}
