import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FONT_PATHS, DocumentFontError, documentText, renderDocumentPdf } from './index.js';
import { HOSTILE, decisionFixture, noticeFixture } from './test-support/fixtures.js';
import { pdfFonts, pdfInfo, pdfToText, removeSavedPdfs, savePdf, squeeze } from './test-support/poppler.js';

const A4 = /595\.28 x 841\.89 pts \(A4\)/;

afterAll(removeSavedPdfs);

describe('rectification notice PDF', () => {
  it('reads back, as text, the number, unit, hazards, deadline, officers and the literal hostile string', async () => {
    const file = savePdf(await renderDocumentPdf(noticeFixture()));
    const text = squeeze(pdfToText(file, '-layout'));
    for (const expected of [
      '石家庄市公安局鹿泉分局',
      '责令限期整改通知书',
      '鹿公治限改字〔2026〕0001号',
      '鹿泉区平安典当有限公司：',
      '单位地址：石家庄市鹿泉区向阳大街88号',
      '单位负责人：王建国',
      '于2026年5月1日对你单位进行监督检查',
      '1．（重大隐患）监控设备损坏，营业场所无视频录像',
      `2．（一般隐患）${HOSTILE}`,
      '1．《典当管理办法》第五十一条',
      '现责令你单位于2026年5月16日前整改完毕（限期整改期限最长15日）',
      '可以向本机关提出复查申请',
      '执法民警：李明（警号130185）、赵强（警号130186）',
      '（公安机关印章）',
      '签收时间：2026年5月1日10时05分', // 02:05Z is 10:05 in Beijing
    ])
      expect(text).toContain(squeeze(expected));
  });

  it('says exactly what documentText says, in the same order, then the page footer', async () => {
    const content = noticeFixture();
    const file = savePdf(await renderDocumentPdf(content));
    // -raw: content-stream order, which is the order the blocks are drawn in; the footer is drawn last.
    expect(squeeze(pdfToText(file, '-raw'))).toBe(squeeze(documentText(content)) + '第1页共1页');
  });

  it('embeds the CJK font as a subset, with a ToUnicode map, on A4 pages', async () => {
    const file = savePdf(await renderDocumentPdf(noticeFixture()));
    const fonts = pdfFonts(file).split('\n').slice(2).filter(Boolean);
    expect(fonts).toHaveLength(1);
    // name  type  encoding  emb sub uni  object ID
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+\S*CJK\S*\s.*\byes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    const info = pdfInfo(file);
    expect(info).toMatch(A4);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Creator:\s+@supervise\/documents$/m);
  });

  it('leaves the served time blank for the unit to fill in when not served yet', async () => {
    const file = savePdf(
      await renderDocumentPdf(noticeFixture({ servedAt: null, unit: { ...noticeFixture().unit, head: null } })),
    );
    const text = squeeze(pdfToText(file, '-layout'));
    expect(text).toContain(squeeze('签收时间：　　年　　月　　日　　时　　分'));
    expect(text).not.toContain('单位负责人');
  });

  it('wraps long texts and flows them onto further A4 pages, keeping the closing together', async () => {
    const long = '营业场所消防通道堆放杂物，安全出口被锁闭，灭火器过期未更换。'.repeat(12);
    const hazards = Array.from({ length: 14 }, (_, i) => ({
      severity: i % 3 === 0 ? ('major' as const) : ('general' as const),
      description: `第${i + 1}项：${long}`,
    }));
    hazards.push({ severity: 'general', description: HOSTILE + 'X'.repeat(300) }); // no break opportunity at all
    const content = noticeFixture({ hazards });
    const file = savePdf(await renderDocumentPdf(content));
    const info = pdfInfo(file, '-f', '1', '-l', '99');
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const sizes = info.split('\n').filter((l) => /^Page\s+\d+ size:/.test(l));
    expect(sizes).toHaveLength(pages);
    for (const s of sizes) expect(s).toMatch(A4);
    // Nothing lost: all the text, in order, across the pages.
    const raw = squeeze(pdfToText(file, '-raw'));
    const footer = /第(\d+)页共(\d+)页/g;
    expect([...raw.matchAll(footer)].map((m) => `${m[1]}/${m[2]}`)).toEqual(
      Array.from({ length: pages }, (_, i) => `${i + 1}/${pages}`),
    );
    expect(raw.replace(footer, '') === squeeze(documentText(content))).toBe(true);
    // The closing (officers … receipt line) is on the last page, whole.
    const last = squeeze(pdfToText(file, '-layout', '-f', String(pages), '-l', String(pages)));
    for (const part of ['执法民警：李明', '（公安机关印章）', '2026年5月1日', '被检查单位签收']) expect(last).toContain(part);
    // No line runs into the right margin, not even the 300 X's without a break opportunity.
    const first = pdfToText(file, '-f', '1', '-l', '1', '-bbox');
    const xMax = Math.max(...[...first.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(xMax).toBeLessThanOrEqual(595.28 - 26 * (72 / 25.4) + 1);
  });

  it('gives the same bytes for the same content, whatever the key order', async () => {
    const content = noticeFixture();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(content).reverse())));
    const [a, b, c] = await Promise.all([renderDocumentPdf(content), renderDocumentPdf(content), renderDocumentPdf(reordered)]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(true);
    const other = await renderDocumentPdf(noticeFixture({ deadlineOn: '2026-05-15' }));
    expect(a.equals(other)).toBe(false);
    expect(pdfInfo(savePdf(a))).toMatch(/^CreationDate:\s+Thu Apr 30 16:00:00 2026 UTC$/m); // 2026-05-01 00:00 Beijing
  });
});

describe('penalty decision PDF', () => {
  it('reads back party, facts, violation, basis, sanctions, procedure, remedy, officers, date and seal', async () => {
    const content = decisionFixture();
    const file = savePdf(await renderDocumentPdf(content));
    const text = squeeze(pdfToText(file, '-layout'));
    for (const expected of [
      '公安行政处罚决定书',
      '鹿公（治）行罚决字〔2026〕0007号',
      '被处罚单位：鹿泉区平安典当有限公司',
      '单位地址：石家庄市鹿泉区向阳大街88号',
      `违法事实：2026年5月1日检查发现，该单位收当物品未按规定登记，登记簿备注栏记有“${HOSTILE}”字样。`,
      '违法行为：典当业工作人员发现违法犯罪嫌疑人、赃物不向公安机关报告',
      '1．《中华人民共和国治安管理处罚法》第五十九条第一项',
      '现决定对你单位给予如下行政处罚：1．罚款人民币伍佰元（¥500.00）2．警告',
      '本机关已于2026年5月20日告知你单位拟作出行政处罚决定的事实、理由、依据，以及依法享有的陈述、申辩和要求听证的权利。',
      '本案已于2026年5月25日经本机关负责人集体讨论决定。',
      '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议或者在六个月内依法向人民法院提起行政诉讼',
      '《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条',
      '执法民警：李明（警号130185）、赵强（警号130186）',
      '石家庄市公安局鹿泉分局（公安机关印章）2026年5月28日',
    ])
      expect(text).toContain(squeeze(expected));
    expect(squeeze(pdfToText(file, '-raw'))).toBe(squeeze(documentText(content)) + '第1页共1页');
    expect(pdfInfo(file)).toMatch(A4);
    expect(pdfFonts(file)).toMatch(/\+\S*CJK\S*\s.*\byes\s+yes\s+yes/);
  });

  it('addresses an individual as 你 and leaves out procedure steps that did not happen', async () => {
    const content = decisionFixture({
      party: { type: 'individual', name: '张某', address: null },
      hearingNotifiedOn: null,
      collectiveDiscussionOn: null,
    });
    const text = squeeze(pdfToText(savePdf(await renderDocumentPdf(content)), '-layout'));
    expect(text).toContain('被处罚人：张某');
    expect(text).toContain('现决定对你给予如下行政处罚');
    expect(text).not.toContain('你单位');
    expect(text).not.toContain('住址');
    expect(text).not.toContain('听证');
    expect(text).not.toContain('集体讨论');
  });
});

describe('fonts', () => {
  it('names the missing font file and the fix', async () => {
    const missing = '/nonexistent/fonts/NotoSerifCJK-Regular.ttc';
    const error = await renderDocumentPdf(noticeFixture(), { fontPath: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentFontError);
    expect((error as DocumentFontError).tried).toEqual([missing]);
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('apt-get install fonts-noto-cjk');
    expect((error as Error).message).toContain('fontPath');
  });

  it('refuses a font without Chinese characters instead of printing empty boxes', async () => {
    const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    const error = await renderDocumentPdf(noticeFixture(), { fontPath: latin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentFontError);
    expect((error as Error).message).toContain(`${latin} has no Chinese characters`);
  });

  it('takes the simplified-Chinese face of the collection given as fontPath', async () => {
    const sans = DEFAULT_FONT_PATHS.find((p) => p.endsWith('NotoSansCJK-Regular.ttc'))!;
    const file = savePdf(await renderDocumentPdf(noticeFixture(), { fontPath: sans }));
    expect(pdfFonts(file)).toMatch(/\+NotoSansCJKsc-Regular\s.*\byes\s+yes\s+yes/);
  });
});
