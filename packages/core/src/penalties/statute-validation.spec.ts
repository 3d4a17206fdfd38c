import { describe, expect, it } from 'vitest';
import type { LegalReview } from './legal-review.js';
import { PENALTY_TABLE, fenRange, fineRange, sanctionTier, sanctions, yuan } from './penalty-table.js';
import { PROCEDURE_GATE_BASIS, validatePenalty, type ProposedPenalty } from './penalty-validator.js';
import { compareLightness } from './statutes/statute-lighter.js';
import { STATUTE_ARTICLES, STATUTE_LAWS, findStatuteLaw, findStatuteVersion, versionInForce } from './statutes/statute-table.js';
import type { StatuteArticle } from './statutes/statute-types.js';

const DATES = { actOn: '2024-06-03', decidedOn: '2024-07-01' } as const;
const HEARD = { collectiveDiscussionHeld: true, hearingRightNotified: true };
const check = (p: ProposedPenalty) => validatePenalty({ ...DATES, ...p });
const codes = (p: ProposedPenalty) => check(p).reasons.map((r) => r.code);
const review = (approved: LegalReview['approved'], over: Partial<LegalReview> = {}): LegalReview => ({
  reviewer: '法制员 王五',
  reviewedOn: '2024-06-28',
  article: '所适用条款（经审核）',
  approved,
  opinion: '事实清楚，证据确凿，适用法律正确，同意',
  ...over,
});

describe('the statute table', () => {
  it('every article names a law and a version of it, and states its verification', () => {
    for (const a of STATUTE_ARTICLES) {
      const law = findStatuteLaw(a.lawId);
      expect(law, a.id).toBeDefined();
      expect(law!.versions.map((v) => v.id)).toContain(a.versionId);
      if (a.verification.kind === 'seed') {
        expect(a.verification.clause).toMatch(/^R\d\d /);
        expect(a.verification.quote).toMatch(/[\u4e00-\u9fff]/);
      } else expect(a.verification.note).not.toBe('');
    }
    expect(new Set(STATUTE_ARTICLES.map((a) => a.id)).size).toBe(STATUTE_ARTICLES.length);
  });
  it('every law the rulebook cites for a sanction is in it, with its versions and their dates', () => {
    for (const r of PENALTY_TABLE) {
      for (const l of r.laws) expect(findStatuteLaw(l), `${r.violation}: ${l}`).toBeDefined();
      for (const p of r.provisions)
        expect(
          STATUTE_ARTICLES.some((a) => a.provision === p),
          p,
        ).toBe(true);
    }
    for (const l of STATUTE_LAWS) for (const v of l.versions) expect(v.datesSource).not.toBe('');
    expect(STATUTE_LAWS.map((l) => l.zh).join()).toContain('《中华人民共和国治安管理处罚法》');
    expect(versionInForce('PSAPL', '2025-12-31')?.id).toBe('PSAPL-2012');
    expect(versionInForce('PSAPL', '2026-01-01')?.id).toBe('PSAPL-2025');
    expect(findStatuteVersion('PSAPL-2025')?.inForceFrom).toBe('2026-01-01');
  });
  it('no row of the 2025 revision is in the table (its text is not available here)', () => {
    expect(STATUTE_ARTICLES.filter((a) => a.versionId === 'PSAPL-2025')).toEqual([]);
  });
});

describe('an article not in the table, or unverified, is never accepted silently', () => {
  it('every unverified article needs a legal review, whatever is entered', () => {
    const unverified = STATUTE_ARTICLES.filter((a) => a.verification.kind === 'unverified');
    expect(unverified.length).toBeGreaterThan(0);
    for (const a of unverified) {
      const rule = PENALTY_TABLE.find((r) => r.laws.includes(a.lawId) && r.provisions.length === 0)!;
      const r = check({ violation: rule.violation, party: rule.parties[0]!, article: a.id, warning: true, procedure: HEARD });
      expect(
        r.reasons.map((x) => x.code),
        a.id,
      ).toContain('PENALTY-LEGAL-REVIEW-REQUIRED');
      expect(r.requiresLegalReview).toBe(true);
      const reason = r.reasons.find((x) => x.code === 'PENALTY-LEGAL-REVIEW-REQUIRED')!;
      expect(reason.zh).toContain('法制审核');
      expect(reason.en).toContain('legal review');
      expect(reason.clause).toContain('第五十八条');
    }
  });
  it('R05: ¥999,999 no longer passes: an article is needed, then a review, then the reviewed range', () => {
    const p = { violation: 'R05-EVENT-VIOLATION', party: 'unit', fineFen: yuan(999_999), procedure: HEARD } as const;
    expect(codes(p)).toEqual(['PENALTY-ARTICLE-REQUIRED']);
    expect(codes({ ...p, article: 'LPE-2007-20' })).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    const reviewed = { ...p, article: 'LPE-2007-20', legalReview: review({ fine: fenRange(10_000, 50_000) }) };
    expect(codes(reviewed)).toEqual(['PENALTY-FINE-OUT-OF-RANGE']);
    const ok = check({ ...reviewed, fineFen: yuan(30_000) });
    expect(ok.reasons).toEqual([]);
    expect(ok.notes.map((n) => n.code)).toContain('PENALTY-CHECKED-AGAINST-LEGAL-REVIEW');
    expect(ok.citation).toBe('LPE-2007-20');
  });
  it('an article of another law is refused; words for an article the table lacks need a review', () => {
    expect(codes({ violation: 'R05-EVENT-VIOLATION', party: 'unit', article: 'ISBP-2002-32', warning: true })).toEqual([
      'PENALTY-ARTICLE-NOT-OF-VIOLATION',
    ]);
    const p = {
      violation: 'R07-SECURITY-SERVICE-VIOLATION',
      party: 'unit',
      article: '《保安服务管理条例》第四十二条',
      warning: true,
    } as const;
    expect(codes(p)).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    expect(codes({ ...p, legalReview: review({ warning: true }) })).toEqual([]);
    expect(check({ ...p, legalReview: review({ warning: true }) }).citation).toBe('《保安服务管理条例》第四十二条');
  });
  it('the review record itself: reviewer, article, opinion, a date before the decision', () => {
    const p = {
      violation: 'R02-CONSTRUCTION-UNRECTIFIED',
      party: 'unit',
      article: '道路交通安全法 第一百零四条',
      established: ['overdue_rectification_inadequate'],
      fineFen: yuan(1000),
    } as const;
    expect(codes({ ...p, legalReview: review({ fine: fenRange(0, 2000) }, { reviewer: ' ', opinion: '' }) })).toEqual([
      'PENALTY-LEGAL-REVIEW-REVIEWER-MISSING',
      'PENALTY-LEGAL-REVIEW-OPINION-MISSING',
    ]);
    expect(codes({ ...p, legalReview: review({ fine: fenRange(0, 2000) }, { reviewedOn: '2024-07-02' }) })).toEqual([
      'PENALTY-LEGAL-REVIEW-AFTER-DECISION',
    ]);
    expect(codes({ ...p, legalReview: review({ fine: fenRange(3000, 2000) }) })).toContain('PENALTY-LEGAL-REVIEW-RANGE-INVALID');
    expect(codes({ ...p, legalReview: review({ fine: fenRange(0, 2000) }) })).toEqual([]);
    expect(codes({ ...p, established: [], legalReview: review({ fine: fenRange(0, 2000) }) })).toEqual([
      'PENALTY-PRECONDITION-OVERDUE-RECTIFICATION-INADEQUATE',
    ]);
  });
});

describe('regimes that only cite a law: the sanctions the law allows are accepted (with a review)', () => {
  it('R11: a warning (refused before)', () => {
    const p = { violation: 'R11-INTERNET-CAFE-VIOLATION', party: 'unit', article: 'ISBP-2002-32', warning: true } as const;
    expect(codes({ ...p, legalReview: review({ warning: true, fine: fenRange(0, 15_000) }) })).toEqual([]);
    expect(codes({ ...p, warning: false, legalReview: review({ warning: true }) })).toEqual(['PENALTY-NO-SANCTION']);
  });
  it('R06: detention of an individual; never of a unit', () => {
    const p = { violation: 'R06-ASSEMBLY-VIOLATION', party: 'individual', article: 'APDL-1989-28', detentionDays: 10 } as const;
    const lr = review({ warning: true, detention: { minDays: 1, maxDays: 15 } });
    expect(codes({ ...p, legalReview: lr })).toEqual([]);
    expect(codes({ ...p, detentionDays: 16, legalReview: lr })).toEqual(['PENALTY-DETENTION-OUT-OF-RANGE']);
    expect(codes({ ...p, party: 'unit', legalReview: lr })).toEqual(['PENALTY-PARTY-NOT-PROVIDED', 'PENALTY-DETENTION-OF-UNIT']);
  });
  it('R07: a revocation, with its gates', () => {
    const p = {
      violation: 'R07-SECURITY-SERVICE-VIOLATION',
      party: 'unit',
      article: '《保安服务管理条例》（经审核条款）',
      revokeLicence: true,
    } as const;
    expect(codes({ ...p, legalReview: review({ revocation: true }) })).toEqual([
      'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    ]);
    expect(codes({ ...p, legalReview: review({ revocation: true }), procedure: HEARD })).toEqual([]);
    expect(codes({ ...p, legalReview: review({ warning: true }), procedure: HEARD })).toEqual([
      'PENALTY-REVOCATION-NOT-PROVIDED',
    ]);
  });
  it('R13: a suspension and fines on the responsible persons', () => {
    const p = {
      violation: 'R13-NETWORKED-UNIT-VIOLATION',
      party: 'unit',
      severity: 'serious',
      article: 'CINS-1997-21',
      established: ['overdue_rectification_inadequate'],
      warning: true,
      suspendBusiness: true,
      individualFines: [{ personId: '李四', role: 'head', fineFen: yuan(3000) }],
      procedure: HEARD,
    } as const;
    const lr = review({ warning: true, suspension: true, fine: fenRange(0, 15_000), personFine: fenRange(0, 5000) });
    expect(codes({ ...p, legalReview: lr })).toEqual([]);
    expect(codes({ ...p, legalReview: review({ warning: true }) })).toEqual([
      'PENALTY-SUSPENSION-NOT-PROVIDED',
      'PENALTY-INDIVIDUAL-FINE-NOT-PROVIDED',
    ]);
  });
  it('R12: only after an overdue or inadequate rectification', () => {
    const p = {
      violation: 'R12-GRADED-PROTECTION-VIOLATION',
      party: 'unit',
      article: 'MLPS-2007-40',
      warning: true,
      legalReview: review({ warning: true }),
    } as const;
    expect(codes(p)).toEqual(['PENALTY-PRECONDITION-OVERDUE-RECTIFICATION-INADEQUATE']);
    expect(codes({ ...p, established: ['overdue_rectification_inadequate'] })).toEqual([]);
  });
  it('R08: units and persons; no article of the measures is in the table, so always a review', () => {
    const p = {
      violation: 'R08-PRODUCT-REGISTRATION-VIOLATION',
      party: 'individual',
      article: '安全技术防范产品管理办法 第X条',
      fineFen: yuan(500),
    } as const;
    expect(codes(p)).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    expect(codes({ ...p, legalReview: review({ fine: fenRange(0, 1000) }) })).toEqual([]);
  });
});

describe('R09: hotels and the seizure of the special-trade licence', () => {
  it('hotels are penalised under the punishments law: the article, and its review', () => {
    const p = { violation: 'R09-HOTEL-VIOLATION', party: 'individual', article: 'PSAPL-2012-56', fineFen: yuan(300) } as const;
    expect(codes(p)).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    expect(codes({ ...p, legalReview: review({ fine: fenRange(200, 500) }) })).toEqual([]);
  });
  it('serious: the licence is seized (收缴), required, with the hearing gates; no standard tier', () => {
    const p = {
      violation: 'R09-SPECIAL-TRADE-LICENCE-SEIZURE',
      party: 'unit',
      severity: 'serious',
      confiscateLicence: true,
    } as const;
    expect(codes({ ...p, procedure: HEARD })).toEqual([]);
    expect(check({ ...p, procedure: HEARD }).citation).toBe('PSAPL-2012-SPECIAL-TRADE-LICENCE');
    expect(codes(p)).toEqual(['PENALTY-COLLECTIVE-DISCUSSION-MISSING', 'PENALTY-HEARING-RIGHT-NOT-NOTIFIED']);
    expect(codes({ ...p, confiscateLicence: false, procedure: HEARD })).toEqual(['PENALTY-CONFISCATION-REQUIRED']);
    expect(codes({ ...p, severity: 'standard', procedure: HEARD })).toEqual(['PENALTY-SEVERITY-NOT-PROVIDED']);
  });
});

describe('R10: general handling, registration and filing', () => {
  it('the general clause is optional ("可"): an article and its review', () => {
    const p = { violation: 'R10-GENERAL-VIOLATION', party: 'individual', article: 'PSAPL-2012-59', fineFen: yuan(600) } as const;
    expect(codes(p)).toEqual([]);
    expect(check(p).notes.map((n) => n.code)).toContain('PENALTY-OPTIONAL');
  });
  it('registration or filing: only when serious, after the deadline passed unmet', () => {
    const p = {
      violation: 'R10-REGISTRATION-OR-FILING',
      party: 'unit',
      article: '《治安管理处罚法》（经审核条款）',
      fineFen: yuan(500),
      legalReview: review({ fine: fenRange(0, 1000) }),
    } as const;
    expect(codes(p)).toEqual(['PENALTY-SEVERITY-NOT-PROVIDED']);
    expect(codes({ ...p, severity: 'serious' })).toEqual(['PENALTY-PRECONDITION-RECTIFICATION-DEADLINE-PASSED-UNMET']);
    expect(codes({ ...p, severity: 'serious', established: ['rectification_deadline_passed_unmet'] })).toEqual([]);
  });
});

describe('R04: aggravated (从重) for collusion with illegal agents', () => {
  const p = {
    violation: 'R04-FALSE-INSPECTION-RESULT',
    party: 'unit',
    severity: 'serious',
    inspectionFeesFen: yuan(1000),
    revokeLicence: true,
    procedure: HEARD,
  } as const;
  it('within 5–10 times the fees, above the minimum, and revoked', () => {
    expect(codes({ ...p, fineFen: yuan(8000) })).toEqual([]);
    expect(codes({ ...p, fineFen: yuan(5000) })).toEqual(['PENALTY-AGGRAVATED-AT-MINIMUM']);
    expect(codes({ ...p, severity: 'standard', fineFen: yuan(5000) })).toEqual([]);
    expect(codes({ ...p, fineFen: yuan(8000), revokeLicence: false })).toEqual(['PENALTY-REVOCATION-REQUIRED']);
  });
});

describe('从旧兼从轻: the version applied (行政处罚法 第三十七条)', () => {
  const scrap = { violation: 'R10-SCRAP-STOLEN-GOODS', party: 'individual', fineFen: yuan(800) } as const;
  it('the act and the decision before 2026: the 2012 text, verified by the rulebook', () => {
    const r = check(scrap);
    expect(r.reasons).toEqual([]);
    expect(r.article?.id).toBe('PSAPL-2012-59');
    expect(r.appliedVersion?.id).toBe('PSAPL-2012');
  });
  it('an act of 2025 decided in 2026: whether the 2025 revision is lighter is unknown here, so a review', () => {
    const r = validatePenalty({ ...scrap, actOn: '2025-12-20', decidedOn: '2026-01-10' });
    expect(r.reasons.map((x) => x.code)).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    expect(r.legalReviewGrounds.map((x) => x.code)).toEqual(['PENALTY-LATER-VERSION-UNCOMPARED']);
    expect(r.reasons[0]!.clause).toContain('第三十七条');
  });
  it('an act of 2026: the 2025 revision, which the table lacks; the 2012 row is refused', () => {
    const dates = { actOn: '2026-02-01', decidedOn: '2026-02-20' };
    const r = validatePenalty({ ...scrap, ...dates });
    expect(r.legalReviewGrounds.map((x) => x.code)).toEqual(['PENALTY-ARTICLE-VERSION-NOT-IN-TABLE']);
    expect(validatePenalty({ ...scrap, ...dates, article: 'PSAPL-2012-59' }).reasons.map((x) => x.code)).toEqual([
      'PENALTY-ARTICLE-VERSION-NOT-IN-FORCE',
    ]);
    const lr = review(
      { fine: fenRange(500, 1000) },
      { reviewedOn: '2026-02-15', article: '《治安管理处罚法》（2025年修订）相应条款' },
    );
    expect(validatePenalty({ ...scrap, ...dates, legalReview: lr }).reasons).toEqual([]);
  });
  it('the dates are required, and a decision cannot precede the act', () => {
    expect(validatePenalty(scrap).reasons.map((x) => x.code)).toEqual([
      'PENALTY-ACT-DATE-REQUIRED',
      'PENALTY-DECISION-DATE-REQUIRED',
    ]);
    expect(validatePenalty({ ...scrap, actOn: '2024-07-02', decidedOn: '2024-07-01' }).reasons.map((x) => x.code)).toEqual([
      'PENALTY-DECIDED-BEFORE-ACT',
    ]);
  });
  it('"lighter": no sanction higher and one lower; a mix is incomparable', () => {
    const base: StatuteArticle = {
      id: 'X-1',
      lawId: 'X',
      versionId: 'X-OLD',
      provision: 'X/p',
      article: '第一条',
      zh: '',
      en: '',
      preconditions: [],
      verification: { kind: 'unverified', note: 'test' },
      tiers: [
        sanctionTier({
          severity: 'standard',
          zh: '',
          en: '',
          individual: sanctions({ fine: fineRange(500, 1000), fineRequired: true }),
        }),
      ],
    };
    const withFine = (min: number, max: number, detention = false): StatuteArticle => ({
      ...base,
      id: 'X-2',
      versionId: 'X-NEW',
      tiers: [
        sanctionTier({
          severity: 'standard',
          zh: '',
          en: '',
          individual: sanctions({
            fine: fineRange(min, max),
            fineRequired: true,
            ...(detention ? { detention: { minDays: 1, maxDays: 5 } } : {}),
          }),
        }),
      ],
    });
    expect(compareLightness(base, withFine(200, 800))).toBe('lighter');
    expect(compareLightness(base, withFine(500, 1000))).toBe('same');
    expect(compareLightness(base, withFine(500, 2000))).toBe('heavier');
    expect(compareLightness(base, withFine(200, 2000))).toBe('incomparable');
    expect(compareLightness(base, withFine(200, 800, true))).toBe('incomparable');
  });
});

describe('the legal-review gate (行政处罚法 第五十八条)', () => {
  it('a case that went through a hearing, or a major one, needs a review even under a verified article', () => {
    const p = {
      violation: 'R09-PAWN-PROHIBITED-GOODS',
      party: 'unit',
      fineFen: yuan(20_000),
      procedure: { ...HEARD, hearingHeld: true },
    } as const;
    expect(codes(p)).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    expect(codes({ ...p, legalReview: review({ fine: fenRange(5000, 30_000) }) })).toEqual([]);
    // The verified article still decides the range.
    expect(codes({ ...p, fineFen: yuan(40_000), legalReview: review({ fine: fenRange(5000, 50_000) }) })).toEqual([
      'PENALTY-FINE-OUT-OF-RANGE',
    ]);
    expect(codes({ ...p, procedure: { ...HEARD, majorCase: true } })).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    expect(PROCEDURE_GATE_BASIS.legalReview).toContain('第五十八条');
  });
});
