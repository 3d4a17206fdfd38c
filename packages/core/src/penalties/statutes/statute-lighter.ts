/**
 * 从旧兼从轻 (《中华人民共和国行政处罚法》第三十七条, 2021): the law in force when the act was committed
 * applies; where it was amended before the decision and the new provision is lighter, the new one applies.
 *
 * "Lighter", kept simple and stated here: each sanction of a tier is turned into numbers (for revocation,
 * suspension, confiscation and warning: none 0 < optional 1 < mandatory 2; the maximum detention and
 * fine; the minimum detention and fine when they are mandatory). The new provision is lighter when, for
 * every severity tier and every party, none of its numbers is higher than the old one's and at least one
 * is lower; the same when all are equal; heavier the other way round. Anything else (one number up,
 * another down; a fine range against a multiple; a tier one version has and the other lacks) is
 * `incomparable`, and the validator asks for a legal review rather than guess.
 */
import type { Allowance, PartySanctions, PersonSanctions, SanctionTier } from '../sanctions.js';
import type { StatuteArticle } from './statute-types.js';

export type Lightness = 'lighter' | 'same' | 'heavier' | 'incomparable';

const rank = (a: Allowance | 'alternative'): number => (a === 'required' ? 2 : a === 'none' ? 0 : 1);

/** [kind, numbers]: vectors are compared only when their kinds match. */
function partyVector(s: PartySanctions | null): { kind: string; v: number[] } {
  if (!s) return { kind: 'none', v: [0, 0, 0, 0, 0, 0, 0, 0] };
  const fine = s.fine;
  const fineMax = fine === null ? 0 : fine.kind === 'range' ? fine.maxFen : fine.maxTimes;
  const fineMin = fine === null || !s.fineRequired ? 0 : fine.kind === 'range' ? fine.minFen : fine.minTimes;
  return {
    kind: fine === null ? 'no-fine' : fine.kind,
    v: [
      rank(s.revocation),
      rank(s.suspension),
      rank(s.confiscation),
      rank(s.warning),
      s.detention?.maxDays ?? 0,
      s.detentionRequired ? (s.detention?.minDays ?? 0) : 0,
      fineMax,
      fineMin,
    ],
  };
}

function personVector(p: PersonSanctions | null): number[] {
  if (!p) return [0, 0, 0, 0];
  return [
    p.detention?.maxDays ?? 0,
    p.detentionRequired ? (p.detention?.minDays ?? 0) : 0,
    p.fine?.maxFen ?? 0,
    p.fineRequired ? (p.fine?.minFen ?? 0) : 0,
  ];
}

function tierVectors(t: SanctionTier): { kinds: string[]; v: number[] } {
  const unit = partyVector(t.unit);
  const individual = partyVector(t.individual);
  return { kinds: [unit.kind, individual.kind], v: [...unit.v, ...individual.v, ...personVector(t.persons)] };
}

/** A party the old version sanctions and the new one does not counts as all zeros (no sanction). */
function align(kindOld: string, kindNew: string): boolean {
  return kindOld === kindNew || kindNew === 'none' || kindNew === 'no-fine' || kindOld === 'none' || kindOld === 'no-fine';
}

/** Whether `next` (the later version's provision) is lighter than `prev` (the one in force at the act). */
export function compareLightness(prev: StatuteArticle, next: StatuteArticle): Lightness {
  let lower = false;
  let higher = false;
  for (const t of prev.tiers) {
    const n = next.tiers.find((x) => x.severity === t.severity);
    if (!n) return 'incomparable';
    const a = tierVectors(t);
    const b = tierVectors(n);
    if (!a.kinds.every((k, i) => align(k, b.kinds[i]!))) return 'incomparable';
    const len = Math.max(a.v.length, b.v.length);
    for (let i = 0; i < len; i++) {
      const x = a.v[i] ?? 0;
      const y = b.v[i] ?? 0;
      if (y < x) lower = true;
      if (y > x) higher = true;
    }
  }
  if (next.tiers.some((t) => !prev.tiers.some((x) => x.severity === t.severity))) return 'incomparable';
  if (lower && higher) return 'incomparable';
  return lower ? 'lighter' : higher ? 'heavier' : 'same';
}
