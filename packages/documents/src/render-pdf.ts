import PDFDocument from 'pdfkit';
import type { DocumentContent } from './content.js';
import { dayStart } from './dates-zh.js';
import { documentBlocks, type Block, type BlockStyle } from './document-blocks.js';
import { loadDocumentFont } from './fonts.js';

export interface RenderOptions {
  /** A CJK TrueType/OpenType font (.ttf, .otf, or a .ttc collection); default: first of DEFAULT_FONT_PATHS. */
  fontPath?: string;
}

const MM = 72 / 25.4;
// GB/T 9704-2012 (党政机关公文格式) page: A4, top 37 mm, left 28 mm, right 26 mm, bottom 35 mm.
const MARGINS = { top: 37 * MM, left: 28 * MM, right: 26 * MM, bottom: 35 * MM };
const BODY_SIZE = 14; // 四号
const LINE_GAP = 1;

const STYLE: Record<BlockStyle, { size: number; align: 'left' | 'center' | 'right'; indent: number; after: number }> = {
  issuer: { size: 16, align: 'center', indent: 0, after: 4 },
  title: { size: 22, align: 'center', indent: 0, after: 4 },
  number: { size: BODY_SIZE, align: 'right', indent: 0, after: 0 },
  line: { size: BODY_SIZE, align: 'left', indent: 0, after: 0 },
  paragraph: { size: BODY_SIZE, align: 'left', indent: 2 * BODY_SIZE, after: 2 },
  signature: { size: BODY_SIZE, align: 'right', indent: 0, after: 0 },
  gap: { size: BODY_SIZE, align: 'left', indent: 0, after: BODY_SIZE / 2 },
};

function creationDate(content: DocumentContent): Date {
  return content.kind === 'rectification_notice'
    ? dayStart(content.issuedOn, 'issuedOn')
    : dayStart(content.decidedOn, 'decidedOn');
}

/**
 * The document as an A4 PDF: text set in the CJK font (embedded as a subset, so it stays selectable and
 * searchable), long texts wrapped and flowed onto further pages, 第N页 共M页 at the foot of each page.
 * Deterministic: the same content, font file and pdfkit version give the same bytes (CreationDate comes
 * from the document's own date; pdfkit derives the file ID and the subset tag from the content).
 */
export async function renderDocumentPdf(content: DocumentContent, options: RenderOptions = {}): Promise<Buffer> {
  const blocks = documentBlocks(content);
  const { font } = loadDocumentFont(options.fontPath);
  const title = blocks.find((b) => b.style === 'title')!.text;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    info: {
      Title: `${title} ${content.number}`,
      Author: content.issuer,
      Creator: '@supervise/documents',
      CreationDate: creationDate(content),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // pdfkit 0.20 takes a parsed fontkit face; @types/pdfkit (0.17) only knows paths and buffers.
  doc.registerFont('cjk', font as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font('cjk');
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  const height = (b: Block) => {
    const s = STYLE[b.style];
    if (b.style === 'gap') return s.after;
    doc.fontSize(s.size);
    return doc.heightOfString(b.text, { width, indent: s.indent, lineGap: LINE_GAP }) + s.after;
  };

  blocks.forEach((block, i) => {
    // The closing (organ, seal, date, signature line) is not split from itself across pages.
    if (block.keep && !blocks[i - 1]?.keep) {
      let needed = 0;
      for (let j = i; j < blocks.length && blocks[j]!.keep; j++) needed += height(blocks[j]!);
      if (doc.y + needed > doc.page.height - MARGINS.bottom) doc.addPage();
    }
    const s = STYLE[block.style];
    if (block.style === 'gap') {
      doc.y += s.after;
      return;
    }
    doc.fontSize(s.size).text(block.text, MARGINS.left, doc.y, { width, align: s.align, indent: s.indent, lineGap: LINE_GAP });
    doc.y += s.after;
  });

  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not open a new page
    doc.fontSize(10.5).text(`第${p - range.start + 1}页 共${range.count}页`, MARGINS.left, doc.page.height - bottom + 20, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
