/**
 * What an official document says: plain JSON, stored frozen (official_document.content) once served,
 * hashed with contentSha256 and rendered by renderDocumentPdf. Dates are ISO strings: 'YYYY-MM-DD' for
 * days, a full ISO timestamp with an offset (or Z) for instants; they are shown in Beijing time.
 */
export type DocumentContent = RectificationNoticeContent | PenaltyDecisionContent;

export type DocumentKind = DocumentContent['kind'];

export interface Officer {
  name: string;
  badgeNo: string;
}

export interface RegimeRef {
  code: string;
  zh: string;
}

/** 责令限期整改通知书. */
export interface RectificationNoticeContent {
  kind: 'rectification_notice';
  /** e.g. 鹿公治限改字〔2026〕0001号 */
  number: string;
  /** The issuing public-security organ, e.g. 石家庄市公安局鹿泉分局. */
  issuer: string;
  unit: { name: string; address: string; head: string | null };
  regime: RegimeRef;
  /** The day of the inspection that found the hazards. */
  inspectedOn: string;
  hazards: { severity: 'general' | 'major'; description: string }[];
  legalBasis: string[];
  /** Rectify by this day (inclusive). */
  deadlineOn: string;
  /** The rule that set the deadline, e.g. 限期整改期限最长15日 (R03 监管措施（一）), when there is one. */
  deadlineRuleZh: string | null;
  officers: Officer[];
  issuedOn: string;
  /** When the unit signed for the notice (an instant), once served. */
  servedAt: string | null;
}

/** 公安行政处罚决定书. */
export interface PenaltyDecisionContent {
  kind: 'penalty_decision';
  number: string;
  issuer: string;
  party: { type: 'unit' | 'individual'; name: string; address: string | null };
  regime: RegimeRef;
  /** 违法事实, as found. */
  facts: string;
  /** The violation, e.g. 未按规定登记承接的典当物品. */
  violationZh: string;
  legalBasis: string[];
  /** Each sanction on its own line, e.g. 罚款人民币五千元（¥5,000.00）. */
  sanctions: string[];
  /** The day the party was told of the intended decision and its hearing rights, when that happened. */
  hearingNotifiedOn: string | null;
  /** The day the organ's heads discussed the case collectively, when that happened. */
  collectiveDiscussionOn: string | null;
  officers: Officer[];
  decidedOn: string;
}
