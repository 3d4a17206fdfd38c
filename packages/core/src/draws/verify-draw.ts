/**
 * Re-computes a published draw record from its own contents (no database, no network) and names
 * the first difference: commitment vs seed, population hash, k, the selection, the assignments.
 */
import { parseShare } from '../shared/exact-share.js';
import { canonicalIds, populationSha256 } from './consistent-sampler.js';
import {
  DRAW_ALGORITHM,
  executeDraw,
  isSeedHex,
  seedCommitment,
  type Assignment,
  type DrawRecord,
  type Exclusion,
} from './draw.js';

export type VerifyResult = { ok: true } | { ok: false; difference: string };

const fail = (difference: string): VerifyResult => ({ ok: false, difference });
const q = (v: unknown): string => JSON.stringify(v);

/** The first index where two lists differ, described; null when equal. */
function firstListDifference(field: string, recorded: readonly string[], computed: readonly string[]): string | null {
  const n = Math.max(recorded.length, computed.length);
  for (let i = 0; i < n; i++) {
    if (recorded[i] !== computed[i])
      return `${field}[${i}]: 记录为 ${q(recorded[i] ?? null)}，重算为 ${q(computed[i] ?? null)} / recorded ${q(recorded[i] ?? null)}, recomputed ${q(computed[i] ?? null)}`;
  }
  return null;
}

export function verifyDrawRecord(record: DrawRecord): VerifyResult {
  if (record.algorithm !== DRAW_ALGORITHM)
    return fail(
      `algorithm: 不支持 ${q(record.algorithm)} / unsupported algorithm ${q(record.algorithm)} (expected ${DRAW_ALGORITHM})`,
    );
  if (!isSeedHex(record.seed))
    return fail(`seed: 应为 64 位小写十六进制 / the seed must be 64 lowercase hex digits, got ${q(record.seed)}`);
  const commitment = seedCommitment(record.seed);
  if (record.seed_commitment !== commitment)
    return fail(
      `seed_commitment: 与种子不符 / does not match the seed: recorded ${record.seed_commitment}, SHA-256(seed) = ${commitment}`,
    );

  const population = canonicalIds(record.population);
  const popDiff = firstListDifference('population (sorted, unique)', record.population, population);
  if (popDiff) return fail(`population: 未去重排序 / not deduplicated and sorted by UTF-8 bytes: ${popDiff}`);
  const hash = populationSha256(population);
  if (record.population_sha256 !== hash)
    return fail(
      `population_sha256: 与名单不符 / does not match the population: recorded ${record.population_sha256}, recomputed ${hash}`,
    );
  const inspectors = canonicalIds(record.inspectors);
  const inspDiff = firstListDifference('inspectors (sorted, unique)', record.inspectors, inspectors);
  if (inspDiff) return fail(`inspectors: 未去重排序 / not deduplicated and sorted by UTF-8 bytes: ${inspDiff}`);

  if (record.share.kind !== 'min' && record.share.kind !== 'max')
    return fail(`share.kind: 应为 min 或 max / must be "min" or "max", got ${q(record.share.kind)}`);
  try {
    parseShare(record.share.value);
  } catch {
    return fail(`share.value: 比例无效 / not a decimal share in [0, 1]: ${q(record.share.value)}`);
  }
  if (record.share.kind === 'min' && record.requested !== null)
    return fail(`requested: 最低比例抽取不应有请求数 / must be null for a minimum share, got ${q(record.requested)}`);
  if (record.share.kind === 'max' && (!Number.isSafeInteger(record.requested) || (record.requested ?? -1) < 0))
    return fail(`requested: 最高比例抽取须有请求数 / a maximum share needs a whole requested number, got ${q(record.requested)}`);

  const computed = executeDraw(
    { population, inspectors, excluded: record.excluded },
    record.share,
    record.requested,
    record.seed,
    record.beacon,
  );
  if (record.k !== computed.k)
    return fail(`k: 记录为 ${record.k}，重算为 ${computed.k} / recorded ${record.k}, recomputed ${computed.k}`);
  const selDiff = firstListDifference('selected', record.selected, computed.selected);
  if (selDiff) return fail(selDiff);

  const n = Math.max(record.assignments.length, computed.assignments.length);
  for (let i = 0; i < n; i++) {
    const r = record.assignments[i];
    const c = computed.assignments[i];
    if (r?.target !== c?.target || q(r?.inspectors) !== q(c?.inspectors))
      return fail(
        `assignments[${i}]: 记录为 ${q(r ?? null)}，重算为 ${q(c ?? null)} / recorded ${q(r ?? null)}, recomputed ${q(c ?? null)}`,
      );
  }
  const unDiff = firstListDifference('unstaffed', record.unstaffed, computed.unstaffed);
  if (unDiff) return fail(unDiff);
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Reading a record from untrusted JSON

export class DrawRecordFormatError extends Error {
  override readonly name = 'DrawRecordFormatError';
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`抽取记录格式错误：${field} / malformed draw record: ${field}: ${detail}`);
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Checks the shape of a parsed JSON record; throws DrawRecordFormatError naming the first bad field. */
export function parseDrawRecord(json: unknown): DrawRecord {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new DrawRecordFormatError('(root)', 'not an object');
  const o = json as Record<string, unknown>;
  const need = (field: string, ok: boolean, what: string) => {
    if (!ok) throw new DrawRecordFormatError(field, `expected ${what}, got ${q(o[field] ?? null)}`);
  };
  for (const f of [
    'algorithm',
    'draw_id',
    'regime',
    'campaign',
    'created_at',
    'population_sha256',
    'seed_commitment',
    'seed',
    'beacon',
  ])
    need(f, isString(o[f]), 'a string');
  for (const f of ['population', 'inspectors', 'selected', 'unstaffed']) need(f, isStringArray(o[f]), 'an array of strings');
  const share = o.share as Record<string, unknown> | null | undefined;
  need('share', typeof share === 'object' && share !== null && isString(share.kind) && isString(share.value), '{ kind, value }');
  need('requested', o.requested === null || Number.isSafeInteger(o.requested), 'null or a whole number');
  need('k', Number.isSafeInteger(o.k), 'a whole number');
  need(
    'assignments',
    Array.isArray(o.assignments) &&
      o.assignments.every(
        (a: unknown) =>
          typeof a === 'object' &&
          a !== null &&
          isString((a as Assignment).target) &&
          isStringArray((a as Assignment).inspectors),
      ),
    'an array of { target, inspectors }',
  );
  need(
    'excluded',
    Array.isArray(o.excluded) &&
      o.excluded.every(
        (e: unknown) =>
          typeof e === 'object' &&
          e !== null &&
          isString((e as Exclusion).inspector) &&
          isString((e as Exclusion).target) &&
          isString((e as Exclusion).reason),
      ),
    'an array of { inspector, target, reason }',
  );
  need('replaces', o.replaces === null || isString(o.replaces), 'null or a string');
  const s = share as { kind: string; value: string };
  return {
    algorithm: o.algorithm as DrawRecord['algorithm'],
    draw_id: o.draw_id as string,
    regime: o.regime as string,
    campaign: o.campaign as string,
    created_at: o.created_at as string,
    population: o.population as string[],
    population_sha256: o.population_sha256 as string,
    inspectors: o.inspectors as string[],
    share: { kind: s.kind as 'min' | 'max', value: s.value },
    requested: o.requested as number | null,
    k: o.k as number,
    seed_commitment: o.seed_commitment as string,
    seed: o.seed as string,
    beacon: o.beacon as string,
    selected: o.selected as string[],
    assignments: (o.assignments as Assignment[]).map((a) => ({ target: a.target, inspectors: a.inspectors })),
    unstaffed: o.unstaffed as string[],
    excluded: (o.excluded as Exclusion[]).map((e) => ({ inspector: e.inspector, target: e.target, reason: e.reason })),
    replaces: o.replaces as string | null,
  };
}
