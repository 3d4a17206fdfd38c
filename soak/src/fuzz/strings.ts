import fc from 'fast-check';

/**
 * Text an attacker or a careless paste sends: any Unicode (astral, RTL override, lone surrogates),
 * NUL and control characters, formula and markup openers, SQL fragments, very long runs, numbers
 * written as text, and the empty string.
 */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\r', '\n', '\t', ',', '"', '=', '<', '&', '%', "'"),
    maxLength: 30,
  }),
  fc.constantFrom(
    '',
    ' ',
    '=HYPERLINK("http://x")',
    '<script>alert(1)</script>',
    "'; drop table entity; --",
    '1e308',
    '-1',
    'NaN',
    '2026-02-30',
    '9999-12-31',
    '../../etc/passwd',
    '%00',
    '张三\u0000',
    '鹿泉区'.repeat(2000),
  ),
  fc.integer().map(String),
);

/** A JSON value of any shape, with nasty strings in it. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** An object with the fields an endpoint reads (each present or not) holding any JSON value. */
export function shapedObject(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...(keys.length ? keys : ['x'])), nastyText), nastyJson, {
    maxKeys: keys.length + 2,
  });
}

/** An IPv4 address to speak for (the drills' server reads x-forwarded-for): each run its own client. */
export const clientAddress: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((p) => p.join('.'));
