/**
 * The vocabulary of sanctions shared by the penalty table (the rulebook's violations), the statute
 * table (articles of the laws it cites) and a recorded legal review (法制审核): which sanctions may be
 * imposed on which party, within which ranges, and whether each is mandatory ("处"/"并处") or optional
 * ("可以"). Money is in fen (integer, 1 yuan = 100 fen) to stay exact.
 */
import type { Bilingual } from '../shared/reason.js';

export const FEN_PER_YUAN = 100;
export const yuan = (amount: number): number => amount * FEN_PER_YUAN;

export type Severity = 'standard' | 'serious';
export type PartyType = 'unit' | 'individual';

/** Facts that must be established before a sanction may be imposed. */
export type PenaltyPrecondition =
  | 'rectification_deadline_passed_unmet'
  | 'overdue_rectification_with_harm_or_serious_threat'
  | 'major_hazard_refused_or_inadequately_rectified'
  | 'overdue_rectification_inadequate';

export const PRECONDITION_TEXT: Readonly<Record<PenaltyPrecondition, Bilingual>> = {
  rectification_deadline_passed_unmet: {
    zh: '已责令限期改正且逾期未改正',
    en: 'a rectification deadline was set and passed unmet',
  },
  overdue_rectification_with_harm_or_serious_threat: {
    zh: '逾期不整改，并造成人身伤害、财产损失或严重威胁人身、财产、公共安全',
    en: 'rectification overdue, and it caused injury or loss or seriously threatened personal, property or public safety',
  },
  major_hazard_refused_or_inadequately_rectified: {
    zh: '存在重大事故隐患拒不整改或整改不到位',
    en: 'a major hazard was left unrectified or inadequately rectified',
  },
  overdue_rectification_inadequate: { zh: '逾期整改不到位', en: 'rectification overdue or inadequate' },
};

export interface FenRange {
  minFen: number;
  maxFen: number;
}

export interface DayRange {
  minDays: number;
  maxDays: number;
}

export type FineSpec =
  | ({ kind: 'range' } & FenRange)
  /** R04: a multiple of the inspection fees collected (道路交通安全法 第九十四条). */
  | { kind: 'multiple'; minTimes: number; maxTimes: number; base: 'inspection_fees' };

/** none: not provided for; allowed: "可以"; required: "处"/"并处". */
export type Allowance = 'none' | 'allowed' | 'required';

/** What may be imposed on the party itself (the unit, or the individual offender). */
export interface PartySanctions {
  /** alternative: "处警告或者…罚款", exactly one of the two. */
  warning: Allowance | 'alternative';
  fine: FineSpec | null;
  fineRequired: boolean;
  /** Administrative detention (individuals only). */
  detention: DayRange | null;
  detentionRequired: boolean;
  /** 责令停产停业 / 停业整顿 / 停止联网. */
  suspension: Allowance;
  /** 吊销许可证 / 撤销资格. */
  revocation: Allowance;
  /** 收缴 (R09: 收缴《特种行业许可证》). */
  confiscation: Allowance;
}

/** What may be imposed on a unit's head and other directly responsible persons, each. */
export interface PersonSanctions {
  fine: FenRange | null;
  fineRequired: boolean;
  detention: DayRange | null;
  detentionRequired: boolean;
  /** When a sanction is required: on the unit's head (R14), or on at least one responsible person (R10). */
  requiredOn: 'head' | 'any';
}

export interface SanctionTier extends Bilingual {
  severity: Severity;
  unit: PartySanctions | null;
  individual: PartySanctions | null;
  /** Sanctions on a unit's responsible persons (only when the party is a unit). */
  persons: PersonSanctions | null;
  /**
   * 从重 (R04: collusion with illegal agents): within the range, above its minimum. The law sets no
   * figure for "heavier"; the bureau's discretion benchmarks (裁量基准), if any, may ask for more.
   */
  aggravated?: boolean;
}

const NOTHING: PartySanctions = {
  warning: 'none',
  fine: null,
  fineRequired: false,
  detention: null,
  detentionRequired: false,
  suspension: 'none',
  revocation: 'none',
  confiscation: 'none',
};

/** A party's sanctions: nothing unless named. */
export const sanctions = (s: Partial<PartySanctions>): PartySanctions => ({ ...NOTHING, ...s });

export const persons = (s: Partial<PersonSanctions>): PersonSanctions => ({
  fine: null,
  fineRequired: false,
  detention: null,
  detentionRequired: false,
  requiredOn: 'any',
  ...s,
});

export const fenRange = (minYuan: number, maxYuan: number): FenRange => ({ minFen: yuan(minYuan), maxFen: yuan(maxYuan) });
export const fineRange = (minYuan: number, maxYuan: number): FineSpec => ({ kind: 'range', ...fenRange(minYuan, maxYuan) });
export const days = (minDays: number, maxDays: number): DayRange => ({ minDays, maxDays });

export const sanctionTier = (
  t: Pick<SanctionTier, 'severity' | 'zh' | 'en'> & Partial<Omit<SanctionTier, 'severity' | 'zh' | 'en'>>,
): SanctionTier => ({ unit: null, individual: null, persons: null, ...t });
