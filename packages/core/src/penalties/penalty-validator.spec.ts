import { describe, expect, it } from 'vitest';
import { PENALTY_TABLE, VIOLATION_CODES, yuan } from './penalty-table.js';
import {
  DEFAULT_LARGE_FINE_THRESHOLD,
  PROCEDURE_GATE_BASIS,
  type ProposedPenalty,
  validatePenalty,
} from './penalty-validator.js';

/** Act and decision in 2024: the versions in force before the 2025 revision of the punishments law. */
const DATES = { actOn: '2024-06-03', decidedOn: '2024-07-01' } as const;
const check = (p: ProposedPenalty, opts?: Parameters<typeof validatePenalty>[1]) => validatePenalty({ ...DATES, ...p }, opts);
const codes = (p: ProposedPenalty, opts?: Parameters<typeof validatePenalty>[1]): string[] =>
  check(p, opts).reasons.map((r) => r.code);
const HEARD = { collectiveDiscussionHeld: true, hearingRightNotified: true };

describe('penalty table', () => {
  it('violation codes are unique and stable', () => {
    expect(new Set(VIOLATION_CODES).size).toBe(VIOLATION_CODES.length);
    expect(VIOLATION_CODES).toContain('R09-PAWN-PROHIBITED-GOODS');
    for (const r of PENALTY_TABLE) {
      expect(r.violation.startsWith(`${r.regime}-`)).toBe(true);
      expect(r.legalBasis.zh).not.toBe('');
    }
  });
  it('every reason has Chinese and English text', () => {
    const r = check({
      violation: 'R14-BANK-OVERDUE-RECTIFICATION',
      party: 'unit',
      fineFen: yuan(200_000),
      warning: true,
      detentionDays: 3,
    });
    expect(r.reasons.length).toBeGreaterThan(3);
    for (const x of r.reasons) {
      expect(x.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(x.en).toMatch(/[a-z]/);
    }
  });
  it('refuses an unknown violation code', () => {
    expect(codes({ violation: 'R09-NOPE', party: 'unit', fineFen: 1 })).toEqual(['PENALTY-UNKNOWN-VIOLATION']);
  });
});

describe('R09 监督检查处理: seal engravers', () => {
  it('facilities/rules: 1,000–5,000 only after a rectification deadline passed unmet', () => {
    const base = { violation: 'R09-SEAL-FACILITY-OR-RULES', party: 'unit' } as const;
    expect(codes({ ...base, fineFen: yuan(3000) })).toEqual(['PENALTY-PRECONDITION-RECTIFICATION-DEADLINE-PASSED-UNMET']);
    expect(codes({ ...base, fineFen: yuan(3000), established: ['rectification_deadline_passed_unmet'] })).toEqual([]);
    expect(codes({ ...base, fineFen: yuan(1000), established: ['rectification_deadline_passed_unmet'] })).toEqual([]);
    expect(codes({ ...base, fineFen: yuan(5000), established: ['rectification_deadline_passed_unmet'] })).toEqual([]);
    expect(codes({ ...base, fineFen: yuan(999), established: ['rectification_deadline_passed_unmet'] })).toEqual([
      'PENALTY-FINE-OUT-OF-RANGE',
    ]);
    expect(codes({ ...base, fineFen: yuan(5000) + 1, established: ['rectification_deadline_passed_unmet'] })).toEqual([
      'PENALTY-FINE-OUT-OF-RANGE',
    ]);
  });
  it('facilities/rules, serious: licence revoked, with the hearing gate', () => {
    const p = {
      violation: 'R09-SEAL-FACILITY-OR-RULES',
      party: 'unit',
      severity: 'serious',
      established: ['rectification_deadline_passed_unmet'],
    } as const;
    expect(codes(p)).toEqual(['PENALTY-REVOCATION-REQUIRED']);
    expect(codes({ ...p, revokeLicence: true })).toEqual([
      'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    ]);
    expect(codes({ ...p, revokeLicence: true, procedure: HEARD })).toEqual([]);
  });
  it('records/unapproved change: 5,000–30,000', () => {
    const p = { violation: 'R09-SEAL-RECORDS-OR-UNAPPROVED-CHANGE', party: 'unit' } as const;
    expect(codes({ ...p, fineFen: yuan(5000) })).toEqual([]);
    expect(codes({ ...p, fineFen: yuan(4999) })).toEqual(['PENALTY-FINE-OUT-OF-RANGE']);
    expect(codes({ ...p })).toEqual(['PENALTY-FINE-REQUIRED']);
    expect(codes({ ...p, fineFen: yuan(30000), procedure: HEARD })).toEqual([]);
  });
  it('change/cancellation/filing not done: a warning, or 200–1,000 — not both, not neither', () => {
    const p = { violation: 'R09-SEAL-FILING-NOT-DONE', party: 'unit' } as const;
    expect(codes({ ...p, warning: true })).toEqual([]);
    expect(codes({ ...p, fineFen: yuan(200) })).toEqual([]);
    expect(codes({ ...p, warning: true, fineFen: yuan(500) })).toEqual(['PENALTY-WARNING-OR-FINE-NOT-BOTH']);
    expect(codes({ ...p })).toEqual(['PENALTY-WARNING-OR-FINE-MISSING']);
    expect(codes({ ...p, fineFen: yuan(1001) })).toEqual(['PENALTY-FINE-OUT-OF-RANGE']);
  });
});

describe('R09 监督检查处理: pawnshops', () => {
  it('prohibited goods: 5,000–30,000', () => {
    expect(codes({ violation: 'R09-PAWN-PROHIBITED-GOODS', party: 'unit', fineFen: yuan(5000) })).toEqual([]);
    expect(codes({ violation: 'R09-PAWN-PROHIBITED-GOODS', party: 'unit', fineFen: yuan(4000) })).toEqual([
      'PENALTY-FINE-OUT-OF-RANGE',
    ]);
    expect(codes({ violation: 'R09-PAWN-PROHIBITED-GOODS', party: 'unit', fineFen: yuan(31000), procedure: HEARD })).toEqual([
      'PENALTY-FINE-OUT-OF-RANGE',
    ]);
  });
  it('records not kept: 200–1,000; no warning provided', () => {
    expect(codes({ violation: 'R09-PAWN-RECORDS-NOT-KEPT', party: 'unit', fineFen: yuan(1000) })).toEqual([]);
    expect(codes({ violation: 'R09-PAWN-RECORDS-NOT-KEPT', party: 'unit', warning: true })).toEqual([
      'PENALTY-WARNING-NOT-PROVIDED',
      'PENALTY-FINE-REQUIRED',
    ]);
  });
  it('wanted persons not reported: 2,000–10,000; serious or repeated 5,000–30,000', () => {
    const p = { violation: 'R09-PAWN-WANTED-NOT-REPORTED', party: 'unit' } as const;
    expect(codes({ ...p, fineFen: yuan(10000), procedure: HEARD })).toEqual([]);
    expect(codes({ ...p, fineFen: yuan(20000), procedure: HEARD })).toEqual(['PENALTY-FINE-OUT-OF-RANGE']);
    expect(codes({ ...p, severity: 'serious', fineFen: yuan(20000), procedure: HEARD })).toEqual([]);
    expect(codes({ ...p, severity: 'serious', fineFen: yuan(4000) })).toEqual(['PENALTY-FINE-OUT-OF-RANGE']);
  });
  it('a fraction of a fen is refused', () => {
    expect(codes({ violation: 'R09-PAWN-RECORDS-NOT-KEPT', party: 'unit', fineFen: 50000.5 })).toEqual([
      'PENALTY-FINE-NOT-INTEGER-FEN',
    ]);
  });
});

describe('R10 监督检查处理: scrap metal', () => {
  const p = { violation: 'R10-SCRAP-STOLEN-GOODS', party: 'individual' } as const;
  it('500–1,000', () => {
    expect(codes({ ...p, fineFen: yuan(500) })).toEqual([]);
    expect(codes({ ...p, fineFen: yuan(1500) })).toEqual(['PENALTY-FINE-OUT-OF-RANGE']);
    expect(codes({ ...p, fineFen: yuan(800), detentionDays: 5 })).toEqual(['PENALTY-DETENTION-NOT-PROVIDED']);
  });
  it('serious: 5–10 days’ detention plus 500–1,000 (both required)', () => {
    expect(codes({ ...p, severity: 'serious', fineFen: yuan(800), detentionDays: 7 })).toEqual([]);
    expect(codes({ ...p, severity: 'serious', fineFen: yuan(800) })).toEqual(['PENALTY-DETENTION-REQUIRED']);
    expect(codes({ ...p, severity: 'serious', detentionDays: 7 })).toEqual(['PENALTY-FINE-REQUIRED']);
    expect(codes({ ...p, severity: 'serious', fineFen: yuan(800), detentionDays: 11 })).toEqual([
      'PENALTY-DETENTION-OUT-OF-RANGE',
    ]);
    expect(codes({ ...p, severity: 'serious', fineFen: yuan(800), detentionDays: 4 })).toEqual([
      'PENALTY-DETENTION-OUT-OF-RANGE',
    ]);
  });
  it('a unit cannot be detained', () => {
    expect(
      codes({
        violation: 'R10-SCRAP-PROHIBITED-ITEMS',
        party: 'unit',
        severity: 'serious',
        fineFen: yuan(800),
        detentionDays: 7,
      }),
    ).toEqual(['PENALTY-DETENTION-OF-UNIT', 'PENALTY-INDIVIDUAL-DETENTION-REQUIRED']);
  });
  it('serious, against an enterprise: the unit is fined and its responsible persons detained (issue 11)', () => {
    const p = { violation: 'R10-SCRAP-STOLEN-GOODS', party: 'unit', severity: 'serious', fineFen: yuan(800) } as const;
    expect(codes({ ...p, individualFines: [{ personId: '张三', role: 'head', detentionDays: 7 }] })).toEqual([]);
    expect(codes({ ...p, individualFines: [{ personId: '张三', role: 'head', detentionDays: 11 }] })).toEqual([
      'PENALTY-INDIVIDUAL-DETENTION-OUT-OF-RANGE',
    ]);
    expect(codes({ ...p, fineFen: null, individualFines: [{ personId: '张三', role: 'head', detentionDays: 5 }] })).toEqual([
      'PENALTY-FINE-REQUIRED',
    ]);
    expect(codes(p)).toEqual(['PENALTY-INDIVIDUAL-DETENTION-REQUIRED']);
  });
});

describe('R14 监督检查措施 2: banks', () => {
  const p = {
    violation: 'R14-BANK-OVERDUE-RECTIFICATION',
    party: 'unit',
    established: ['overdue_rectification_with_harm_or_serious_threat'],
    procedure: HEARD,
    individualFines: [{ personId: 'head', role: 'head', fineFen: yuan(1000) }],
  } as const;
  it('refuses a unit-only fine: the head is fined too ("处", issue 11)', () => {
    expect(codes({ ...p, fineFen: yuan(20000), individualFines: [] })).toEqual(['PENALTY-INDIVIDUAL-FINE-REQUIRED']);
    expect(
      codes({
        ...p,
        fineFen: yuan(20000),
        individualFines: [{ personId: 'x', role: 'directly_responsible', fineFen: yuan(800) }],
      }),
    ).toEqual(['PENALTY-INDIVIDUAL-FINE-REQUIRED']);
    expect(codes({ ...p, fineFen: yuan(20000) })).toEqual([]);
  });
  it('fines only after an overdue rectification with harm or serious threat', () => {
    expect(codes({ ...p, established: [], fineFen: yuan(10000) })).toEqual([
      'PENALTY-PRECONDITION-OVERDUE-RECTIFICATION-WITH-HARM-OR-SERIOUS-THREAT',
    ]);
  });
  it('unit 10,000–100,000; head and directly responsible persons 500–5,000 each', () => {
    expect(
      codes({
        ...p,
        fineFen: yuan(100000),
        individualFines: [
          { personId: 'p1', role: 'head', fineFen: yuan(5000) },
          { personId: 'p2', role: 'directly_responsible', fineFen: yuan(500) },
        ],
      }),
    ).toEqual([]);
    expect(codes({ ...p, fineFen: yuan(9999) })).toEqual(['PENALTY-FINE-OUT-OF-RANGE']);
    expect(
      codes({
        ...p,
        fineFen: yuan(20000),
        individualFines: [
          { personId: 'p1', role: 'head', fineFen: yuan(6000) },
          { personId: 'p2', role: 'directly_responsible', fineFen: yuan(499) },
        ],
      }),
    ).toEqual(['PENALTY-INDIVIDUAL-FINE-OUT-OF-RANGE', 'PENALTY-INDIVIDUAL-FINE-OUT-OF-RANGE']);
    expect(
      codes({
        ...p,
        fineFen: yuan(20000),
        individualFines: [
          { personId: 'p1', role: 'head', fineFen: yuan(600) },
          { personId: 'p1', role: 'head', fineFen: yuan(600) },
        ],
      }),
    ).toEqual(['PENALTY-INDIVIDUAL-DUPLICATE']);
  });
  it('the hazard itself: a warning, no fine', () => {
    expect(codes({ violation: 'R14-BANK-SECURITY-HAZARD', party: 'unit', warning: true })).toEqual([]);
    expect(codes({ violation: 'R14-BANK-SECURITY-HAZARD', party: 'unit', fineFen: yuan(1000) })).toEqual([
      'PENALTY-WARNING-REQUIRED',
      'PENALTY-FINE-NOT-PROVIDED',
    ]);
  });
  it('individual fines are not provided for other violations', () => {
    expect(
      codes({
        violation: 'R09-PAWN-PROHIBITED-GOODS',
        party: 'unit',
        fineFen: yuan(5000),
        individualFines: [{ personId: 'p1', role: 'head', fineFen: yuan(600) }],
      }),
    ).toEqual(['PENALTY-INDIVIDUAL-FINE-NOT-PROVIDED']);
  });
});

describe('R04 监督检查处理: 5–10 times the inspection fees, and qualification revoked', () => {
  const p = { violation: 'R04-FALSE-INSPECTION-RESULT', party: 'unit', revokeLicence: true, procedure: HEARD } as const;
  it('within the multiple', () => {
    expect(codes({ ...p, inspectionFeesFen: yuan(3000), fineFen: yuan(15000) })).toEqual([]);
    expect(codes({ ...p, inspectionFeesFen: yuan(3000), fineFen: yuan(30000) })).toEqual([]);
    expect(codes({ ...p, inspectionFeesFen: 33333, fineFen: 166665 })).toEqual([]);
  });
  it('outside the multiple, or without the base', () => {
    expect(codes({ ...p, inspectionFeesFen: yuan(3000), fineFen: yuan(14999) })).toEqual(['PENALTY-FINE-OUT-OF-MULTIPLE-RANGE']);
    expect(codes({ ...p, inspectionFeesFen: 33333, fineFen: 166664 })).toEqual(['PENALTY-FINE-OUT-OF-MULTIPLE-RANGE']);
    expect(codes({ ...p, inspectionFeesFen: yuan(3000), fineFen: yuan(30000) + 1 })).toEqual([
      'PENALTY-FINE-OUT-OF-MULTIPLE-RANGE',
    ]);
    expect(codes({ ...p, fineFen: yuan(15000) })).toEqual(['PENALTY-BASE-MISSING']);
  });
  it('revocation is required', () => {
    expect(codes({ ...p, revokeLicence: false, inspectionFeesFen: yuan(3000), fineFen: yuan(15000) })).toEqual([
      'PENALTY-REVOCATION-REQUIRED',
    ]);
  });
});

describe('R03 规范执法: collective discussion and hearing notice before a large fine or a suspension', () => {
  it('the default threshold is 10,000 yuan for a unit and 2,000 yuan for an individual', () => {
    expect(DEFAULT_LARGE_FINE_THRESHOLD).toEqual({ unitFen: 1_000_000, individualFen: 200_000 });
  });
  it('a unit fine just below the threshold needs no gate; at the threshold it does', () => {
    const p = { violation: 'R09-PAWN-PROHIBITED-GOODS', party: 'unit' } as const;
    expect(check({ ...p, fineFen: yuan(9999) }).requiresHearingNotice).toBe(false);
    expect(codes({ ...p, fineFen: yuan(10000) })).toEqual([
      'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    ]);
    expect(codes({ ...p, fineFen: yuan(10000), procedure: { collectiveDiscussionHeld: true } })).toEqual([
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    ]);
  });
  it('cites the law behind each gate; R03 adds its own 规范执法 (issue 11 §3)', () => {
    const clauses = (r: ReturnType<typeof validatePenalty>) => r.reasons.map((x) => x.clause);
    const r09 = check({ violation: 'R09-PAWN-PROHIBITED-GOODS', party: 'unit', fineFen: yuan(10000) });
    expect(clauses(r09)).toEqual([PROCEDURE_GATE_BASIS.collectiveDiscussion, PROCEDURE_GATE_BASIS.hearingRight]);
    expect(clauses(r09).join('')).not.toContain('R03');
    expect(PROCEDURE_GATE_BASIS.collectiveDiscussion).toContain('行政处罚法》第五十七条');
    expect(PROCEDURE_GATE_BASIS.hearingRight).toContain('个人2000元以上、单位10000元以上');
  });
  it('an individual at 2,000 yuan triggers the gate', () => {
    const p = {
      violation: 'R14-BANK-OVERDUE-RECTIFICATION',
      party: 'unit',
      fineFen: yuan(9000),
      established: ['overdue_rectification_with_harm_or_serious_threat'],
    } as const;
    // The unit fine 9,000 is out of range anyway; the individual's 2,000 alone triggers the gate.
    expect(codes({ ...p, individualFines: [{ personId: 'p1', role: 'head', fineFen: yuan(2000) }] })).toContain(
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    );
    expect(codes({ ...p, individualFines: [{ personId: 'p1', role: 'head', fineFen: yuan(1999) }] })).not.toContain(
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    );
  });
  it('the threshold is configurable', () => {
    const p = { violation: 'R09-PAWN-PROHIBITED-GOODS', party: 'unit', fineFen: yuan(6000) } as const;
    expect(codes(p)).toEqual([]);
    expect(codes(p, { largeFineThreshold: { unitFen: yuan(5000), individualFen: yuan(1000) } })).toContain(
      'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
    );
  });
  it('R03: a suspension needs the gate; the article is picked and, unverified, needs a legal review', () => {
    const p = {
      violation: 'R03-MAJOR-HAZARD-UNRECTIFIED',
      party: 'unit',
      established: ['major_hazard_refused_or_inadequately_rectified'],
      suspendBusiness: true,
    } as const;
    expect(codes(p)).toEqual([
      'PENALTY-ARTICLE-REQUIRED',
      'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    ]);
    expect(codes({ ...p, article: 'WSL-2021-102', procedure: HEARD })).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    expect(codes({ ...p, article: 'WSL-2021-102', established: [], procedure: HEARD })).toContain(
      'PENALTY-PRECONDITION-MAJOR-HAZARD-REFUSED-OR-INADEQUATELY-RECTIFIED',
    );
  });
  it('suspension is refused where the rule does not provide it', () => {
    expect(
      codes({
        violation: 'R09-PAWN-RECORDS-NOT-KEPT',
        party: 'unit',
        fineFen: yuan(500),
        suspendBusiness: true,
        procedure: HEARD,
      }),
    ).toEqual(['PENALTY-SUSPENSION-NOT-PROVIDED']);
  });
});

describe('R03 keeps its own 规范执法 beside the law', () => {
  it('an R03 suspension gate cites R03 and the law', () => {
    const r = check({
      violation: 'R03-MAJOR-HAZARD-UNRECTIFIED',
      party: 'unit',
      suspendBusiness: true,
      fineFen: yuan(50000),
      article: 'WSL-2021-102',
    });
    const gates = r.reasons.filter(
      (x) => x.code === 'PENALTY-COLLECTIVE-DISCUSSION-MISSING' || x.code === 'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    );
    expect(gates.length).toBe(2);
    for (const g of gates) expect(g.clause).toMatch(/^R03 规范执法；《中华人民共和国行政处罚法》/);
  });
});
