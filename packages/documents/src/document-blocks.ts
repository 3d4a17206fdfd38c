import type { DocumentContent, Officer, PenaltyDecisionContent, RectificationNoticeContent } from './content.js';
import { assertDocumentContent } from './content-validation.js';
import { dayZh, instantZh } from './dates-zh.js';

/**
 * A document as a list of blocks: what is said, in order, and how each block is set. The PDF and
 * documentText are both made from these, so they say the same thing. Every user-supplied string is
 * placed into a block as it is: nothing is interpreted (no markup, no escapes).
 */
export type BlockStyle =
  | 'issuer' // centred, above the title
  | 'title' // centred, large
  | 'number' // the document number, right-aligned
  | 'line' // a left-aligned line, no indent (addressee, labelled fields)
  | 'paragraph' // body text, first line indented two characters
  | 'signature' // right-aligned closing (organ, seal, date)
  | 'gap'; // vertical space; an empty line in the text

export interface Block {
  style: BlockStyle;
  text: string;
  /** Kept on one page with the `keep` blocks next to it (the closing). */
  keep?: boolean;
}

export const NOTICE_TITLE = '责令限期整改通知书';
export const DECISION_TITLE = '公安行政处罚决定书';
export const SEAL_PLACEHOLDER = '（公安机关印章）';
// 行政复议法 (2023) 第二十条 (sixty days) and 行政诉讼法 第四十六条 (six months): the remedy a decision must state
// (行政处罚法 第五十九条第一款第（五）项).
export const REMEDY_TEXT =
  '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议或者在六个月内依法向人民法院提起行政诉讼' +
  '（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。';
const SEVERITY_ZH = { general: '一般隐患', major: '重大隐患' } as const;
const BLANK_SIGNATURE = '＿＿＿＿＿＿';
const IDEOGRAPHIC_SPACE = '\u3000';
// Blanks for the unit to write the time of receipt into.
const BLANK_TIME = '\u3000\u3000年\u3000\u3000月\u3000\u3000日\u3000\u3000时\u3000\u3000分';

const gap = (): Block => ({ style: 'gap', text: '' });
const numbered = (lines: string[]): Block[] => lines.map((text, i) => ({ style: 'paragraph', text: `${i + 1}．${text}` }));
// The closing: officers, organ, seal placeholder, date (and a notice's receipt line), never split.
const closing = (officers: Officer[], issuer: string, day: string): Block[] => [
  { style: 'gap', text: '', keep: true },
  { style: 'line', text: `执法民警：${officers.map((o) => `${o.name}（警号${o.badgeNo}）`).join('、')}`, keep: true },
  { style: 'gap', text: '', keep: true },
  { style: 'signature', text: issuer, keep: true },
  { style: 'signature', text: SEAL_PLACEHOLDER, keep: true },
  { style: 'signature', text: day, keep: true },
];

function noticeBlocks(c: RectificationNoticeContent): Block[] {
  const rule = c.deadlineRuleZh === null ? '' : `（${c.deadlineRuleZh}）`;
  return [
    { style: 'issuer', text: c.issuer },
    { style: 'title', text: NOTICE_TITLE },
    { style: 'number', text: c.number },
    gap(),
    { style: 'line', text: `${c.unit.name}：` },
    { style: 'line', text: `单位地址：${c.unit.address}` },
    ...(c.unit.head === null ? [] : [{ style: 'line', text: `单位负责人：${c.unit.head}` } as Block]),
    { style: 'line', text: `监管事项：${c.regime.zh}` },
    {
      style: 'paragraph',
      text: `${c.issuer}于${dayZh(c.inspectedOn, 'inspectedOn')}对你单位进行监督检查，发现你单位存在下列隐患：`,
    },
    ...numbered(c.hazards.map((h) => `（${SEVERITY_ZH[h.severity]}）${h.description}`)),
    { style: 'paragraph', text: '依据：' },
    ...numbered(c.legalBasis),
    {
      style: 'paragraph',
      text: `现责令你单位于${dayZh(c.deadlineOn, 'deadlineOn')}前整改完毕${rule}。整改期间，你单位应当采取必要的防范措施，确保安全。`,
    },
    {
      style: 'paragraph',
      text: '你单位整改完毕后，可以向本机关提出复查申请；本机关将依法对整改情况进行复查。逾期未整改或者整改不到位的，本机关将依法处理。',
    },
    ...closing(c.officers, c.issuer, dayZh(c.issuedOn, 'issuedOn')),
    { style: 'gap', text: '', keep: true },
    {
      style: 'line',
      text: `被检查单位签收：${BLANK_SIGNATURE}${IDEOGRAPHIC_SPACE}签收时间：${c.servedAt === null ? BLANK_TIME : instantZh(c.servedAt, 'servedAt')}`,
      keep: true,
    },
  ];
}

function decisionBlocks(c: PenaltyDecisionContent): Block[] {
  const unit = c.party.type === 'unit';
  const you = unit ? '你单位' : '你';
  const procedure: Block[] = [];
  if (c.hearingNotifiedOn !== null)
    procedure.push({
      style: 'paragraph',
      text: `本机关已于${dayZh(c.hearingNotifiedOn, 'hearingNotifiedOn')}告知${you}拟作出行政处罚决定的事实、理由、依据，以及依法享有的陈述、申辩和要求听证的权利。`,
    });
  if (c.collectiveDiscussionOn !== null)
    procedure.push({
      style: 'paragraph',
      text: `本案已于${dayZh(c.collectiveDiscussionOn, 'collectiveDiscussionOn')}经本机关负责人集体讨论决定。`,
    });
  return [
    { style: 'issuer', text: c.issuer },
    { style: 'title', text: DECISION_TITLE },
    { style: 'number', text: c.number },
    gap(),
    { style: 'line', text: `${unit ? '被处罚单位' : '被处罚人'}：${c.party.name}` },
    ...(c.party.address === null ? [] : [{ style: 'line', text: `${unit ? '单位地址' : '住址'}：${c.party.address}` } as Block]),
    { style: 'line', text: `监管事项：${c.regime.zh}` },
    { style: 'paragraph', text: `违法事实：${c.facts}` },
    { style: 'paragraph', text: `违法行为：${c.violationZh}` },
    { style: 'paragraph', text: '依据：' },
    ...numbered(c.legalBasis),
    { style: 'paragraph', text: `现决定对${you}给予如下行政处罚：` },
    ...numbered(c.sanctions),
    ...procedure,
    { style: 'paragraph', text: REMEDY_TEXT },
    ...closing(c.officers, c.issuer, dayZh(c.decidedOn, 'decidedOn')),
  ];
}

/** The blocks of a document; throws DocumentContentError / DocumentDateError on content it cannot set. */
export function documentBlocks(content: DocumentContent): Block[] {
  assertDocumentContent(content);
  return content.kind === 'rectification_notice' ? noticeBlocks(content) : decisionBlocks(content);
}

/** The document's text, plain: one block a line, an empty line for a gap. The PDF says the same. */
export function documentText(content: DocumentContent): string {
  return `${documentBlocks(content)
    .map((b) => b.text)
    .join('\n')}\n`;
}
