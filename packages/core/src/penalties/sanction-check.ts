/**
 * Checks the entered sanctions against one tier of sanctions (an article's, or a legal review's):
 * what is mandatory ("处"/"并处") is there, what is not provided is absent, every amount and period
 * within its range. Every reason at once, zh + en, each naming `clause`.
 */
import type { Reason } from '../shared/reason.js';
import type { Allowance, PartySanctions, PartyType, SanctionTier } from './sanctions.js';

export interface ResponsiblePersonSanction {
  personId: string;
  role: 'head' | 'directly_responsible';
  fineFen?: number | null;
  detentionDays?: number | null;
}

export interface EnteredSanctions {
  party: PartyType;
  warning?: boolean;
  fineFen?: number | null;
  /** R04: the inspection fees collected, the base of a multiple. */
  inspectionFeesFen?: number | null;
  detentionDays?: number | null;
  revokeLicence?: boolean;
  suspendBusiness?: boolean;
  confiscateLicence?: boolean;
  /** Sanctions on a unit's head and directly responsible persons. */
  individualFines?: readonly ResponsiblePersonSanction[];
}

export const fmtYuan = (fen: number): string => {
  const y = Math.trunc(fen / 100);
  const f = Math.abs(fen % 100);
  return f === 0 ? y.toLocaleString('en-US') : `${y.toLocaleString('en-US')}.${String(f).padStart(2, '0')}`;
};

export const isFen = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isDays = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

const MEASURES = [
  [
    'revocation',
    'revokeLicence',
    'REVOCATION',
    { zh: '吊销许可证件（撤销资格）', en: 'revocation of the licence or qualification' },
  ],
  ['suspension', 'suspendBusiness', 'SUSPENSION', { zh: '责令停产停业（停业整顿）', en: 'suspension of business' }],
  ['confiscation', 'confiscateLicence', 'CONFISCATION', { zh: '收缴许可证', en: 'seizure of the licence' }],
] as const;

export function checkSanctions(tier: SanctionTier, p: EnteredSanctions, clause: string): Reason[] {
  const reasons: Reason[] = [];
  const push = (code: string, zh: string, en: string) => reasons.push({ code, zh, en, clause });
  const s: PartySanctions | null = p.party === 'unit' ? tier.unit : tier.individual;
  if (!s) {
    push(
      'PENALTY-PARTY-NOT-PROVIDED',
      `该条款未规定对${p.party === 'unit' ? '单位' : '个人'}的处罚`,
      `The article provides no sanction on ${p.party === 'unit' ? 'a unit' : 'an individual'}`,
    );
    return reasons;
  }
  const fineGiven = p.fineFen != null;
  if (fineGiven && !isFen(p.fineFen))
    push('PENALTY-FINE-NOT-INTEGER-FEN', '罚款金额必须为非负整数（分）', 'The fine must be a non-negative whole number of fen');

  // Warning: "处警告或者…罚款" is one of the two; "并处警告" is mandatory; "可以" optional.
  if (s.warning === 'alternative') {
    if (p.warning && fineGiven)
      push('PENALTY-WARNING-OR-FINE-NOT-BOTH', '警告与罚款只能择一适用', 'Either a warning or a fine, not both');
    if (!p.warning && !fineGiven) push('PENALTY-WARNING-OR-FINE-MISSING', '应处警告或者罚款', 'A warning or a fine is required');
  } else if (s.warning === 'required') {
    if (!p.warning) push('PENALTY-WARNING-REQUIRED', '应当处警告', 'A warning is required');
  } else if (s.warning === 'none' && p.warning) {
    push('PENALTY-WARNING-NOT-PROVIDED', '该条款（档次）未规定警告', 'No warning is provided at this article and severity');
  }

  // The party's fine.
  const fine = s.fine;
  if (!fine) {
    if (fineGiven)
      push('PENALTY-FINE-NOT-PROVIDED', '该条款（档次）未规定罚款', 'No fine is provided at this article and severity');
  } else {
    if (!fineGiven && s.fineRequired) push('PENALTY-FINE-REQUIRED', '应当并处罚款', 'A fine is required');
    if (fine.kind === 'range' && isFen(p.fineFen)) {
      if (p.fineFen < fine.minFen || p.fineFen > fine.maxFen)
        push(
          'PENALTY-FINE-OUT-OF-RANGE',
          `罚款 ${fmtYuan(p.fineFen)} 元不在法定幅度 ${fmtYuan(fine.minFen)}–${fmtYuan(fine.maxFen)} 元内`,
          `A fine of ${fmtYuan(p.fineFen)} yuan is outside the statutory range ${fmtYuan(fine.minFen)}–${fmtYuan(fine.maxFen)} yuan`,
        );
      else if (tier.aggravated && p.fineFen === fine.minFen)
        push(
          'PENALTY-AGGRAVATED-AT-MINIMUM',
          '从重处罚不得适用法定幅度的下限',
          'An aggravated penalty cannot be the minimum of the range',
        );
    } else if (fine.kind === 'multiple') {
      if (!isFen(p.inspectionFeesFen) || p.inspectionFeesFen === 0) {
        push(
          'PENALTY-BASE-MISSING',
          '须录入所收检验费用作为罚款基数',
          'The inspection fees collected (the base of the fine) must be entered',
        );
      } else if (isFen(p.fineFen)) {
        const min = p.inspectionFeesFen * fine.minTimes;
        const max = p.inspectionFeesFen * fine.maxTimes;
        if (p.fineFen < min || p.fineFen > max)
          push(
            'PENALTY-FINE-OUT-OF-MULTIPLE-RANGE',
            `罚款 ${fmtYuan(p.fineFen)} 元不在检验费用 ${fine.minTimes}–${fine.maxTimes} 倍（${fmtYuan(min)}–${fmtYuan(max)} 元）内`,
            `A fine of ${fmtYuan(p.fineFen)} yuan is outside ${fine.minTimes}–${fine.maxTimes} times the fees (${fmtYuan(min)}–${fmtYuan(max)} yuan)`,
          );
        // R04 从重: heavier than the least the law allows.
        else if (tier.aggravated && p.fineFen === min)
          push(
            'PENALTY-AGGRAVATED-AT-MINIMUM',
            '从重处罚不得适用法定幅度的下限',
            'An aggravated penalty cannot be the minimum of the range',
          );
      }
    }
  }

  // Detention: only a person is detained.
  if (p.detentionDays != null) {
    if (p.party === 'unit')
      push(
        'PENALTY-DETENTION-OF-UNIT',
        '拘留只能适用于个人（单位的直接责任人员另行列明）',
        'Only a person can be detained (list the unit’s responsible persons)',
      );
    else if (!s.detention)
      push('PENALTY-DETENTION-NOT-PROVIDED', '该条款（档次）未规定拘留', 'No detention is provided at this article and severity');
    else if (!isDays(p.detentionDays) || p.detentionDays < s.detention.minDays || p.detentionDays > s.detention.maxDays)
      push(
        'PENALTY-DETENTION-OUT-OF-RANGE',
        `拘留 ${p.detentionDays} 日不在 ${s.detention.minDays}–${s.detention.maxDays} 日内`,
        `${p.detentionDays} days' detention is outside ${s.detention.minDays}–${s.detention.maxDays} days`,
      );
  } else if (s.detentionRequired && s.detention) {
    push(
      'PENALTY-DETENTION-REQUIRED',
      `应当处${s.detention.minDays}–${s.detention.maxDays}日拘留`,
      `${s.detention.minDays}–${s.detention.maxDays} days' detention is required`,
    );
  }

  // Revocation, suspension, seizure of the licence.
  for (const [key, flag, code, words] of MEASURES) {
    const allowance: Allowance = s[key];
    if (allowance === 'required' && !p[flag]) push(`PENALTY-${code}-REQUIRED`, `应当${words.zh}`, `The ${words.en} is required`);
    if (allowance === 'none' && p[flag])
      push(
        `PENALTY-${code}-NOT-PROVIDED`,
        `该条款（档次）未规定${words.zh}`,
        `No ${words.en} is provided at this article and severity`,
      );
  }

  reasons.push(...personReasons(tier, p, clause));

  const anything =
    p.warning ||
    fineGiven ||
    p.detentionDays != null ||
    p.revokeLicence ||
    p.suspendBusiness ||
    p.confiscateLicence ||
    (p.individualFines ?? []).some((f) => f.fineFen != null || f.detentionDays != null);
  if (!anything && reasons.length === 0) push('PENALTY-NO-SANCTION', '未录入任何处罚', 'No sanction is entered');
  return reasons;
}

/** A unit's head and directly responsible persons (R03, R10 serious, R13, R14). */
function personReasons(tier: SanctionTier, p: EnteredSanctions, clause: string): Reason[] {
  const reasons: Reason[] = [];
  const push = (code: string, zh: string, en: string) => reasons.push({ code, zh, en, clause });
  const list = p.individualFines ?? [];
  const ps = p.party === 'unit' ? tier.persons : null;
  if (!ps) {
    if (list.length > 0)
      push(
        'PENALTY-INDIVIDUAL-FINE-NOT-PROVIDED',
        '该条款未规定对单位责任人员的处罚',
        'No sanction on the unit’s responsible persons is provided',
      );
    return reasons;
  }
  const seen = new Set<string>();
  for (const f of list) {
    if (seen.has(f.personId))
      push('PENALTY-INDIVIDUAL-DUPLICATE', `责任人员 ${f.personId} 重复列明`, `Person ${f.personId} is listed twice`);
    seen.add(f.personId);
    if (f.fineFen != null) {
      if (!ps.fine)
        push('PENALTY-INDIVIDUAL-FINE-NOT-PROVIDED', '该条款未规定对责任人员罚款', 'No fine on responsible persons is provided');
      else if (!isFen(f.fineFen) || f.fineFen < ps.fine.minFen || f.fineFen > ps.fine.maxFen)
        push(
          'PENALTY-INDIVIDUAL-FINE-OUT-OF-RANGE',
          `对 ${f.personId} 的罚款不在 ${fmtYuan(ps.fine.minFen)}–${fmtYuan(ps.fine.maxFen)} 元内`,
          `The fine on ${f.personId} is outside ${fmtYuan(ps.fine.minFen)}–${fmtYuan(ps.fine.maxFen)} yuan`,
        );
    } else if (ps.fineRequired) {
      push('PENALTY-INDIVIDUAL-FINE-MISSING', `应当对 ${f.personId} 处以罚款`, `${f.personId} must be fined`);
    }
    if (f.detentionDays != null) {
      if (!ps.detention)
        push(
          'PENALTY-INDIVIDUAL-DETENTION-NOT-PROVIDED',
          '该条款未规定对责任人员拘留',
          'No detention of responsible persons is provided',
        );
      else if (!isDays(f.detentionDays) || f.detentionDays < ps.detention.minDays || f.detentionDays > ps.detention.maxDays)
        push(
          'PENALTY-INDIVIDUAL-DETENTION-OUT-OF-RANGE',
          `对 ${f.personId} 的拘留不在 ${ps.detention.minDays}–${ps.detention.maxDays} 日内`,
          `The detention of ${f.personId} is outside ${ps.detention.minDays}–${ps.detention.maxDays} days`,
        );
    } else if (ps.detentionRequired) {
      push('PENALTY-INDIVIDUAL-DETENTION-MISSING', `应当对 ${f.personId} 处以拘留`, `${f.personId} must be detained`);
    }
  }
  const on = ps.requiredOn === 'head' ? list.filter((f) => f.role === 'head') : list;
  if (ps.fineRequired && !on.some((f) => f.fineFen != null))
    push(
      'PENALTY-INDIVIDUAL-FINE-REQUIRED',
      ps.requiredOn === 'head' ? '应当同时对单位主要负责人和其他直接责任人员处以罚款' : '应当同时对单位直接责任人员处以罚款',
      ps.requiredOn === 'head'
        ? "The unit's head and other directly responsible persons must be fined as well"
        : "The unit's responsible persons must be fined as well",
    );
  if (ps.detentionRequired && !on.some((f) => f.detentionDays != null))
    push(
      'PENALTY-INDIVIDUAL-DETENTION-REQUIRED',
      '应当对单位直接负责的主管人员和其他直接责任人员处以拘留',
      "The unit's responsible persons must be detained",
    );
  return reasons;
}
