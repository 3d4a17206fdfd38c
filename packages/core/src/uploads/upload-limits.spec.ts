import { describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS, looksBinary, storedFileName, zipDirectoryRefusal } from './upload-limits.js';

const MiB = 1024 * 1024;

describe('zipDirectoryRefusal (issue 15: zip bombs refused before inflating)', () => {
  it('passes a real 100,000-row export (53 MB inflated, ratio about 12)', () => {
    const entries = [
      { name: 'xl/worksheets/sheet1.xml', compressedSize: 3_836_233, uncompressedSize: 42_956_896 },
      { name: 'xl/sharedStrings.xml', compressedSize: 709_952, uncompressedSize: 10_067_311 },
    ];
    expect(zipDirectoryRefusal(entries)).toBeNull();
  });

  it('refuses an entry compressed beyond any real sheet, too much inflated data, too many entries', () => {
    expect(zipDirectoryRefusal([{ name: 's.xml', compressedSize: 10 * 1024, uncompressedSize: 100 * MiB }])?.code).toBe(
      'zip_ratio',
    );
    const big = Array.from({ length: 20 }, (_, i) => ({ name: `${i}.xml`, compressedSize: MiB, uncompressedSize: 10 * MiB }));
    expect(zipDirectoryRefusal(big)?.code).toBe('zip_inflated_too_large');
    const many = Array.from({ length: UPLOAD_LIMITS.maxZipEntries + 1 }, (_, i) => ({
      name: `${i}`,
      compressedSize: 1,
      uncompressedSize: 1,
    }));
    expect(zipDirectoryRefusal(many)?.code).toBe('zip_too_many_entries');
  });
});

describe('looksBinary', () => {
  it('UTF-16 (with or without a BOM) and binary files, not UTF-8 or GBK text', () => {
    expect(looksBinary(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toBe(true);
    expect(looksBinary(Uint8Array.from([0x61, 0x00, 0x62, 0x00]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('对象编码,名称\r\n'))).toBe(false);
    expect(looksBinary(Uint8Array.from([0xb6, 0xd4, 0xcf, 0xf3]))).toBe(false); // GBK 对象
  });
});

describe('storedFileName (issue 15 §5: found by the fuzz drill)', () => {
  it('drops control characters and NUL, trims, bounds the length, never empty', () => {
    expect(storedFileName('单位\u0000名录.csv')).toBe('单位名录.csv');
    expect(storedFileName(' a\r\nb\u007f.xlsx ')).toBe('ab.xlsx');
    expect(storedFileName('\u0000')).toBe('upload');
    expect(storedFileName('x'.repeat(300))).toHaveLength(255);
  });
});
