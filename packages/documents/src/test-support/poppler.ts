import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Debian's poppler-utils reads the PDFs back, as any viewer would (scripts/test-services.mjs installs it).
const dir = mkdtempSync(join(tmpdir(), 'documents-spec-'));
let n = 0;

export const removeSavedPdfs = () => rmSync(dir, { recursive: true, force: true });

export function savePdf(pdf: Buffer): string {
  const file = join(dir, `doc-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

export const pdfToText = (file: string, ...args: string[]) => run('pdftotext', [...args, file, '-']);
export const pdfFonts = (file: string) => run('pdffonts', [file]);
export const pdfInfo = (file: string, ...args: string[]) => run('pdfinfo', [...args, file]);

/** Text with every space and line break removed: pdftotext's wrapping and layout spacing do not matter. */
export const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
