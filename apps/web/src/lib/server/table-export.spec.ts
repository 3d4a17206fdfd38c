import { describe, expect, it } from 'vitest';
import { csvDownload, tableExportFormat } from './table-export.js';

describe('the dashboard table downloads', () => {
  it('writes a BOM, the bilingual header and formula-safe fields', async () => {
    const r = csvDownload(
      [
        { zh: '制度', en: 'regime' },
        { zh: '罚款', en: 'fine' },
      ],
      [
        ['R09', '=1+1'],
        ['R10', 500],
      ],
      'x.csv',
    );
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
    // Read as bytes: a text decoder drops the BOM.
    const body = Buffer.from(await r.arrayBuffer()).toString('utf8');
    expect(body).toBe('\ufeff"制度 / regime","罚款 / fine"\r\n"R09","\'=1+1"\r\n"R10","500"\r\n');
  });
  it('takes xlsx by default, csv on request, and refuses anything else', () => {
    expect(tableExportFormat(new URL('http://x/e'))).toBe('xlsx');
    expect(tableExportFormat(new URL('http://x/e?format=csv'))).toBe('csv');
    expect(() => tableExportFormat(new URL('http://x/e?format=pdf'))).toThrow();
  });
});
