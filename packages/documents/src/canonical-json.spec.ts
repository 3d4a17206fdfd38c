import { describe, expect, it } from 'vitest';
import { canonicalJson, contentSha256 } from './index.js';
import { decisionFixture, noticeFixture } from './test-support/fixtures.js';

function reorderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorderKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorderKeys(v)]),
    );
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, drops undefined, adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: 'é' }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":"é","z":null}]},"b":1}',
    );
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN has no JSON form/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function has no JSON form/);
  });
});

describe('contentSha256', () => {
  it('is the same for the same content, whatever the key order or a JSON round trip (jsonb)', () => {
    for (const content of [noticeFixture(), decisionFixture()]) {
      const hash = contentSha256(content);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(contentSha256(reorderKeys(content) as typeof content)).toBe(hash);
      expect(contentSha256(JSON.parse(JSON.stringify(content)))).toBe(hash);
    }
  });

  it('changes with any change of content, including the order of hazards', () => {
    const n = noticeFixture();
    const hash = contentSha256(n);
    expect(contentSha256({ ...n, number: '鹿公治限改字〔2026〕0002号' })).not.toBe(hash);
    expect(contentSha256({ ...n, hazards: [...n.hazards].reverse() })).not.toBe(hash);
    expect(contentSha256({ ...n, servedAt: null })).not.toBe(hash);
    expect(contentSha256(decisionFixture())).not.toBe(hash);
  });
});
