import { describe, expect, it } from 'vitest';
import { PROCEDURE_REQUIREMENTS, type RecordClosingInput, checkRecordClosing } from './record-closing-gate.js';
import { REGIME_CODES } from '../regimes/entity-kinds.js';

const two = [
  { officerId: 'o1', idShown: true },
  { officerId: 'o2', idShown: true },
];
const signed = { status: 'signed', signerRole: 'unit_head', signerName: '张三' } as const;
const codes = (i: RecordClosingInput): string[] => checkRecordClosing(i).reasons.map((r) => r.code);

describe('procedure: at least two officers (R03, R05, R06, R07, R09, R10, R14)', () => {
  it('the regimes requiring two officers are exactly those the seed names', () => {
    expect(REGIME_CODES.filter((c) => PROCEDURE_REQUIREMENTS[c].minOfficers >= 2)).toEqual([
      'R03',
      'R05',
      'R06',
      'R07',
      'R09',
      'R10',
      'R14',
    ]);
  });
  for (const regime of ['R03', 'R05', 'R06', 'R07', 'R09', 'R10', 'R14'] as const) {
    it(`${regime}: one officer is refused, two pass`, () => {
      const base = { regime, entityId: 'e1', recusals: [], signature: signed, audioVideoRecorded: true };
      expect(codes({ ...base, officers: two })).toEqual([]);
      expect(codes({ ...base, officers: two.slice(0, 1) })).toEqual(['PROCEDURE-TOO-FEW-OFFICERS']);
    });
  }
  it('the same officer listed twice does not count as two', () => {
    expect(codes({ regime: 'R09', entityId: 'e1', officers: [two[0]!, two[0]!], recusals: [], signature: signed })).toEqual([
      'PROCEDURE-OFFICER-DUPLICATE',
      'PROCEDURE-TOO-FEW-OFFICERS',
    ]);
  });
  it('R11 needs only one officer', () => {
    expect(codes({ regime: 'R11', entityId: 'e1', officers: two.slice(0, 1), recusals: [], signature: signed })).toEqual([]);
  });
});

describe('procedure: recusal (回避)', () => {
  it('an officer recused from this entity blocks closing; a recusal from another entity does not', () => {
    expect(
      codes({ regime: 'R10', entityId: 'e1', officers: two, recusals: [{ officerId: 'o2', entityId: 'e1' }], signature: signed }),
    ).toEqual(['PROCEDURE-OFFICER-RECUSED']);
    expect(
      codes({ regime: 'R10', entityId: 'e1', officers: two, recusals: [{ officerId: 'o2', entityId: 'e9' }], signature: signed }),
    ).toEqual([]);
  });
});

describe('procedure: IDs shown; signature or recorded refusal', () => {
  it('an officer who did not show an ID is named', () => {
    const r = checkRecordClosing({
      regime: 'R09',
      entityId: 'e1',
      officers: [two[0]!, { officerId: 'o2', idShown: false }],
      recusals: [],
      signature: signed,
    });
    expect(r.reasons.map((x) => x.code)).toEqual(['PROCEDURE-ID-NOT-SHOWN']);
    expect(r.reasons[0]?.en).toContain('o2');
  });
  it('no signature and no refusal is refused; a recorded refusal is accepted; an empty refusal note is not', () => {
    expect(codes({ regime: 'R09', entityId: 'e1', officers: two, recusals: [], signature: null })).toEqual([
      'PROCEDURE-SIGNATURE-MISSING',
    ]);
    expect(
      codes({
        regime: 'R09',
        entityId: 'e1',
        officers: two,
        recusals: [],
        signature: { status: 'refused', note: '负责人拒绝签字，已录像' },
      }),
    ).toEqual([]);
    expect(
      codes({ regime: 'R09', entityId: 'e1', officers: two, recusals: [], signature: { status: 'refused', note: ' ' } }),
    ).toEqual(['PROCEDURE-REFUSAL-NOT-RECORDED']);
  });
  it('R07 accepts a noted absence; R09 does not', () => {
    expect(
      codes({ regime: 'R07', entityId: 'e1', officers: two, recusals: [], signature: { status: 'absent', note: '负责人出差' } }),
    ).toEqual([]);
    expect(
      codes({ regime: 'R09', entityId: 'e1', officers: two, recusals: [], signature: { status: 'absent', note: '负责人出差' } }),
    ).toEqual(['PROCEDURE-ABSENCE-NOT-ACCEPTED']);
  });
  it('R14 accepts the accompanying person’s signature; R10 does not', () => {
    const acc = { status: 'signed', signerRole: 'accompanying_person', signerName: '李四' } as const;
    expect(codes({ regime: 'R14', entityId: 'e1', officers: two, recusals: [], signature: acc })).toEqual([]);
    expect(codes({ regime: 'R10', entityId: 'e1', officers: two, recusals: [], signature: acc })).toEqual([
      'PROCEDURE-SIGNER-NOT-ALLOWED',
    ]);
  });
});

describe('R03 规范执法: the whole inspection is recorded (audio/video)', () => {
  it('missing recording is refused for R03 only', () => {
    expect(
      codes({ regime: 'R03', entityId: 'e1', officers: two, recusals: [], signature: signed, audioVideoRecorded: false }),
    ).toEqual(['PROCEDURE-AV-RECORDING-MISSING']);
    expect(codes({ regime: 'R09', entityId: 'e1', officers: two, recusals: [], signature: signed })).toEqual([]);
  });
  it('returns every reason at once, zh and en', () => {
    const r = checkRecordClosing({
      regime: 'R03',
      entityId: 'e1',
      officers: [{ officerId: 'o1', idShown: false }],
      recusals: [{ officerId: 'o1', entityId: 'e1' }],
      signature: null,
    });
    expect(r.ok).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual([
      'PROCEDURE-TOO-FEW-OFFICERS',
      'PROCEDURE-OFFICER-RECUSED',
      'PROCEDURE-ID-NOT-SHOWN',
      'PROCEDURE-SIGNATURE-MISSING',
      'PROCEDURE-AV-RECORDING-MISSING',
    ]);
    for (const x of r.reasons) {
      expect(x.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(x.en).toMatch(/[a-z]/);
    }
  });
});

describe('the record itself: checklist, hazards, confirmations (issue 10 §2)', () => {
  const checklist = [
    { id: 'R09-C1', zh: '甲', en: 'A' },
    { id: 'R09-C2', zh: '乙', en: 'B' },
    { id: 'R09-C3', zh: '丙', en: 'C' },
  ];
  const confirmed = two.map((o) => ({ ...o, confirmed: true }));
  const base = { regime: 'R09' as const, entityId: 'e1', recusals: [], signature: signed };
  const complete = {
    started: true,
    checklist,
    results: [
      { itemKey: 'R09-C1', result: 'pass' as const },
      { itemKey: 'R09-C2', result: 'fail' as const },
      { itemKey: 'R09-C3', result: 'not_applicable' as const },
    ],
    hazards: [{ itemKey: 'R09-C2' }],
  };

  it('a complete record with both officers confirmed may be closed', () => {
    expect(codes({ ...base, officers: confirmed, record: complete })).toEqual([]);
  });

  it('lists every missing thing at once: not started, an item without result, a failing item without hazard, an unconfirmed officer', () => {
    const r = checkRecordClosing({
      ...base,
      officers: [confirmed[0]!, { officerId: 'o2', idShown: true, confirmed: false, label: '李四（0002）' }],
      record: { ...complete, started: false, results: complete.results.slice(1), hazards: [] },
    });
    expect(r.ok).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual([
      'RECORD-NOT-STARTED',
      'RECORD-CHECKLIST-ITEM-MISSING',
      'RECORD-FAILED-ITEM-WITHOUT-HAZARD',
      'RECORD-OFFICER-NOT-CONFIRMED',
    ]);
    expect(r.reasons[1]!.zh).toContain('R09-C1');
    expect(r.reasons[1]!.en).toContain('R09-C1');
    expect(r.reasons[2]!.zh).toContain('R09-C2');
    expect(r.reasons[3]!.zh).toContain('李四（0002）');
  });

  it('a hazard recorded against another item does not cover a failing one', () => {
    expect(
      codes({ ...base, officers: confirmed, record: { ...complete, hazards: [{ itemKey: 'R09-C1' }, { itemKey: null }] } }),
    ).toEqual(['RECORD-FAILED-ITEM-WITHOUT-HAZARD']);
  });

  it('without the record the gate checks the procedure only (confirmations are part of the record)', () => {
    expect(codes({ ...base, officers: two })).toEqual([]);
  });
});
