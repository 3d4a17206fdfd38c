import { describe, expect, it } from 'vitest';
import { csvField, parseAuditFilter } from './audit-filter.js';

describe('audit filter and CSV', () => {
  it('reads days in Asia/Shanghai, the end day inclusive, and ignores junk', () => {
    const { filter } = parseAuditFilter(new URLSearchParams('from=2026-05-01&to=2026-05-01&actor=Secadmin&action=user.&x=1'));
    expect(filter).toEqual({
      from: new Date('2026-04-30T16:00:00Z'),
      to: new Date('2026-05-01T16:00:00Z'),
      actor: 'Secadmin',
      action: 'user.',
    });
    expect(parseAuditFilter(new URLSearchParams('from=yesterday')).filter).toEqual({});
  });
  it('quotes fields and defuses formulas', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvField(null)).toBe('""');
  });
});
