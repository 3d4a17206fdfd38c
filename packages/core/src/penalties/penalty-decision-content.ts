/**
 * What a penalty decision (行政处罚决定书) says, as plain JSON: the content `@supervise/documents`
 * renders (its `PenaltyDecisionContent`) and the database freezes with its hash when the decision is
 * recorded. Built from the validated penalty; nothing here formats dates for a locale (ISO dates).
 */
import type { IsoDate } from '../shared/iso-date.js';
import type { PartyType, PenaltyRule } from './penalty-table.js';

export interface PenaltyDecisionContent {
  kind: 'penalty_decision';
  number: string;
  issuer: string;
  party: { type: PartyType; name: string; address: string | null };
  regime: { code: string; zh: string };
  facts: string;
  violationZh: string;
  legalBasis: string[];
  sanctions: string[];
  hearingNotifiedOn: string | null;
  collectiveDiscussionOn: string | null;
  officers: { name: string; badgeNo: string }[];
  decidedOn: string;
}

/** The issuing bureau, as on its documents. */
export const PENALTY_DECISION_ISSUER = '石家庄市公安局鹿泉分局';

export interface DecidedSanctions {
  warning: boolean;
  fineFen: number | null;
  individualFines: readonly {
    name: string;
    role: 'head' | 'directly_responsible';
    fineFen: number | null;
    detentionDays?: number | null;
  }[];
  detentionDays: number | null;
  revokeLicence: boolean;
  suspendBusiness: boolean;
  confiscateLicence?: boolean;
}

/** 5000元, 5000.50元: yuan from fen, exact. */
export function yuanText(fen: number): string {
  const y = Math.trunc(fen / 100);
  const f = Math.abs(fen % 100);
  return f === 0 ? `${y}元` : `${y}.${String(f).padStart(2, '0')}元`;
}

const ROLE_ZH = { head: '主要负责人', directly_responsible: '直接责任人员' } as const;

/** The sanctions in the decision's words, in the order the law lists them (警告、罚款、拘留、吊销、停产停业). */
export function sanctionsZh(s: DecidedSanctions): string[] {
  const out: string[] = [];
  if (s.warning) out.push('警告');
  if (s.fineFen !== null) out.push(`罚款人民币${yuanText(s.fineFen)}`);
  if (s.detentionDays !== null && s.detentionDays > 0) out.push(`行政拘留${s.detentionDays}日`);
  for (const f of s.individualFines) {
    if (f.fineFen != null) out.push(`对${ROLE_ZH[f.role]}${f.name}罚款人民币${yuanText(f.fineFen)}`);
    if (f.detentionDays != null && f.detentionDays > 0) out.push(`对${ROLE_ZH[f.role]}${f.name}行政拘留${f.detentionDays}日`);
  }
  if (s.revokeLicence) out.push('吊销许可证件（撤销资格）');
  if (s.suspendBusiness) out.push('责令停产停业');
  if (s.confiscateLicence) out.push('收缴许可证');
  return out;
}

export function buildPenaltyDecisionContent(input: {
  number: string;
  rule: PenaltyRule;
  /** The article applied, in words (the statute table's label, or the legal review's words). */
  articleZh?: string | null;
  regimeZh: string;
  party: { type: PartyType; name: string; address: string | null };
  facts: string;
  sanctions: DecidedSanctions;
  hearingNotifiedOn: IsoDate | null;
  collectiveDiscussionOn: IsoDate | null;
  officers: readonly { name: string; badgeNo: string }[];
  decidedOn: IsoDate;
}): PenaltyDecisionContent {
  return {
    kind: 'penalty_decision',
    number: input.number,
    issuer: PENALTY_DECISION_ISSUER,
    party: { ...input.party },
    regime: { code: input.rule.regime, zh: input.regimeZh },
    facts: input.facts,
    violationZh: input.rule.zh,
    // The law the rulebook cites, and the rulebook's own clause (监督检查处理 of the regime).
    // The article applied (statute table or legal review), the law the rulebook cites, and the
    // rulebook's own clause (监督检查处理 of the regime).
    legalBasis: [
      ...(input.articleZh ? [input.articleZh] : []),
      input.rule.legalBasis.zh,
      `鹿泉区公安局事中事后监督管理制度 ${input.rule.clause}`,
    ],
    sanctions: sanctionsZh(input.sanctions),
    hearingNotifiedOn: input.hearingNotifiedOn,
    collectiveDiscussionOn: input.collectiveDiscussionOn,
    officers: input.officers.map((o) => ({ name: o.name, badgeNo: o.badgeNo })),
    decidedOn: input.decidedOn,
  };
}
