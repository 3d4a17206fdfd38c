import type { PenaltyDecisionContent, RectificationNoticeContent } from '../content.js';

export const HOSTILE = `<script>alert(1)</script>' OR 1=1 --`;

export function noticeFixture(overrides: Partial<RectificationNoticeContent> = {}): RectificationNoticeContent {
  return {
    kind: 'rectification_notice',
    number: '鹿公治限改字〔2026〕0001号',
    issuer: '石家庄市公安局鹿泉分局',
    unit: { name: '鹿泉区平安典当有限公司', address: '石家庄市鹿泉区向阳大街88号', head: '王建国' },
    regime: { code: 'R09', zh: '典当业治安管理' },
    inspectedOn: '2026-05-01',
    hazards: [
      { severity: 'major', description: '监控设备损坏，营业场所无视频录像' },
      { severity: 'general', description: HOSTILE },
    ],
    legalBasis: ['《典当管理办法》第五十一条', '《中华人民共和国治安管理处罚法》第五十九条'],
    deadlineOn: '2026-05-16',
    deadlineRuleZh: '限期整改期限最长15日',
    officers: [
      { name: '李明', badgeNo: '130185' },
      { name: '赵强', badgeNo: '130186' },
    ],
    issuedOn: '2026-05-01',
    servedAt: '2026-05-01T02:05:00Z',
    ...overrides,
  };
}

export function decisionFixture(overrides: Partial<PenaltyDecisionContent> = {}): PenaltyDecisionContent {
  return {
    kind: 'penalty_decision',
    number: '鹿公（治）行罚决字〔2026〕0007号',
    issuer: '石家庄市公安局鹿泉分局',
    party: { type: 'unit', name: '鹿泉区平安典当有限公司', address: '石家庄市鹿泉区向阳大街88号' },
    regime: { code: 'R09', zh: '典当业治安管理' },
    facts: `2026年5月1日检查发现，该单位收当物品未按规定登记，登记簿备注栏记有“${HOSTILE}”字样。`,
    violationZh: '典当业工作人员发现违法犯罪嫌疑人、赃物不向公安机关报告',
    legalBasis: ['《中华人民共和国治安管理处罚法》第五十九条第一项'],
    sanctions: ['罚款人民币伍佰元（¥500.00）', '警告'],
    hearingNotifiedOn: '2026-05-20',
    collectiveDiscussionOn: '2026-05-25',
    officers: [
      { name: '李明', badgeNo: '130185' },
      { name: '赵强', badgeNo: '130186' },
    ],
    decidedOn: '2026-05-28',
    ...overrides,
  };
}
