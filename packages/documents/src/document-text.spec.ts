import { describe, expect, it } from 'vitest';
import { DocumentContentError, DocumentDateError, REMEDY_TEXT, documentText } from './index.js';
import { dayStart, dayZh, instantZh } from './dates-zh.js';
import { HOSTILE, decisionFixture, noticeFixture } from './test-support/fixtures.js';

describe('documentText', () => {
  it('writes a notice: heading, unit, hazards with their severity, basis, deadline, review, officers, receipt', () => {
    const lines = documentText(noticeFixture()).split('\n');
    expect(lines.slice(0, 3)).toEqual(['石家庄市公安局鹿泉分局', '责令限期整改通知书', '鹿公治限改字〔2026〕0001号']);
    expect(lines).toContain('1．（重大隐患）监控设备损坏，营业场所无视频录像');
    expect(lines).toContain(`2．（一般隐患）${HOSTILE}`);
    expect(lines).toContain('2．《中华人民共和国治安管理处罚法》第五十九条');
    expect(lines.find((l) => l.startsWith('现责令'))).toMatch(/^现责令你单位于2026年5月16日前整改完毕（限期整改期限最长15日）。/);
    expect(lines.some((l) => l.includes('复查申请'))).toBe(true);
    expect(lines).toContain('执法民警：李明（警号130185）、赵强（警号130186）');
    expect(lines.at(-2)).toBe('被检查单位签收：＿＿＿＿＿＿　签收时间：2026年5月1日10时05分');
  });

  it('leaves out the deadline rule when there is none', () => {
    const text = documentText(noticeFixture({ deadlineRuleZh: null }));
    expect(text).toContain('现责令你单位于2026年5月16日前整改完毕。');
  });

  it('writes a decision with the statutory remedy and the seal placeholder after the organ', () => {
    const text = documentText(decisionFixture());
    expect(text).toContain(`${REMEDY_TEXT}\n`);
    expect(text).toContain('石家庄市公安局鹿泉分局\n（公安机关印章）\n2026年5月28日\n');
    expect(text).toContain('现决定对你单位给予如下行政处罚：\n1．罚款人民币伍佰元（¥500.00）\n2．警告\n');
  });

  it('keeps every user-supplied string literally, markup and quotes included', () => {
    const odd = `a & b <b>bold</b> "quoted" \\n ${HOSTILE} 𠮷`;
    const text = documentText(decisionFixture({ facts: odd, party: { type: 'unit', name: odd, address: null } }));
    expect(text).toContain(`违法事实：${odd}\n`);
    expect(text).toContain(`被处罚单位：${odd}\n`);
  });
});

describe('content checks', () => {
  const fieldOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DocumentContentError || e instanceof DocumentDateError) return e.field;
      throw e;
    }
    return null;
  };

  it('names the field that cannot be printed', () => {
    const n = noticeFixture();
    expect(fieldOf(() => documentText({ ...n, unit: { ...n.unit, name: '  ' } }))).toBe('unit.name');
    expect(fieldOf(() => documentText({ ...n, hazards: [] }))).toBe('hazards');
    expect(fieldOf(() => documentText({ ...n, hazards: [{ severity: 'minor' as 'major', description: 'x' }] }))).toBe(
      'hazards[0].severity',
    );
    expect(fieldOf(() => documentText({ ...n, deadlineOn: '2026-02-30' }))).toBe('deadlineOn');
    expect(fieldOf(() => documentText({ ...n, servedAt: '2026-05-01 10:05' }))).toBe('servedAt');
    expect(fieldOf(() => documentText({ ...n, officers: [{ name: '李明', badgeNo: '' }] }))).toBe('officers[0].badgeNo');
    const d = decisionFixture();
    expect(fieldOf(() => documentText({ ...d, sanctions: ['警告', ''] }))).toBe('sanctions[1]');
    expect(fieldOf(() => documentText({ ...d, legalBasis: [] }))).toBe('legalBasis');
    expect(fieldOf(() => documentText({ ...d, hearingNotifiedOn: '20.5.2026' }))).toBe('hearingNotifiedOn');
    expect(fieldOf(() => documentText({ ...d, kind: 'warning' as 'penalty_decision' }))).toBe('kind');
    expect(fieldOf(() => documentText(d))).toBeNull();
  });
});

describe('dates as documents print them', () => {
  it('prints days without leading zeros and instants in Beijing time', () => {
    expect(dayZh('2026-01-05', 'f')).toBe('2026年1月5日');
    expect(dayZh('2026-05-01T17:30:00Z', 'f')).toBe('2026年5月2日'); // 01:30 on the 2nd in Beijing
    expect(instantZh('2026-05-01T17:30:00Z', 'f')).toBe('2026年5月2日1时30分');
    expect(instantZh('2026-05-02T09:05:00+08:00', 'f')).toBe('2026年5月2日9时05分');
    expect(dayStart('2026-05-01', 'f').toISOString()).toBe('2026-04-30T16:00:00.000Z');
  });
});
