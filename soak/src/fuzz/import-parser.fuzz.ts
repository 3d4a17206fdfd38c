import fc from 'fast-check';
import { ENTITY_IMPORT_COLUMNS, REGIME_CODES, validateEntityTable } from '@supervise/core';
import { readRegistryFile, UploadRefusedError } from '@supervise/db';
import { nastyText } from './strings.js';

/**
 * The registry import's parser and validator (issue 15 §5): any bytes, and CSV files made of the real
 * headers and nasty cells. Either the file is refused with an UploadRefusedError, or it is read and
 * validated; no other error escapes, and every entity the validator lets through is well formed.
 */
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const headers = ENTITY_IMPORT_COLUMNS.map((c) => c.zh);

const csvFile: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.subarray(headers, { minLength: 1 }),
    fc.array(
      fc.array(fc.oneof(nastyText, fc.constantFrom(...REGIME_CODES), fc.constantFrom('hotel', '旅馆', '2020-01-01')), {
        maxLength: 14,
      }),
      {
        maxLength: 8,
      },
    ),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([head, rows, eol, bom]) => {
    const text = [head, ...rows].map((r) => r.map(csvCell).join(',')).join(eol);
    const bytes = new TextEncoder().encode(text);
    return bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes;
  });

const anyFile: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  csvFile,
  // A ZIP's signature in front of anything: the XLSX path.
  fc.uint8Array({ maxLength: 600 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
);

export async function checkImportFile(bytes: Uint8Array): Promise<void> {
  let read;
  try {
    read = await readRegistryFile(bytes);
  } catch (e) {
    if (e instanceof UploadRefusedError) return;
    throw e;
  }
  const r = validateEntityTable(read.table, { stations: [], inScope: () => true });
  for (const e of r.entities) {
    if (!e.code || e.code !== e.code.trim()) throw new Error(`row ${e.row}: code "${e.code}" let through`);
    if (!(REGIME_CODES as readonly string[]).includes(e.regime_code))
      throw new Error(`row ${e.row}: regime ${e.regime_code} let through`);
    if (!e.name.trim()) throw new Error(`row ${e.row}: empty name let through`);
    for (const [k, v] of Object.entries(e)) {
      if (typeof v === 'string' && v.includes('\u0000')) throw new Error(`row ${e.row}: NUL in ${k} let through`);
    }
  }
  for (const i of r.issues) {
    if (!i.zh || !i.en || !Number.isInteger(i.row)) throw new Error(`an issue without its row or words: ${JSON.stringify(i)}`);
  }
}

export const importParserProperty = () => fc.asyncProperty(anyFile, checkImportFile);
