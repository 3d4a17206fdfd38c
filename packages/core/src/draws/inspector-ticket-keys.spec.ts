import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TICKET_KEY_DIGITS, samplerSeedString, sha256Hex, ticketKeyOfDigest, ticketKeysFor } from './consistent-sampler.js';
import { inspectorTicketKeysFor, inspectorTicketPrefix } from './inspector-ticket-keys.js';
import { Sha256AfterBlock } from './sha256-after-block.js';
import { Sha256x4, sha256x4Supported } from './sha256x4.js';

// Issue 14: the SIMD hash of inspector tickets must give exactly the keys of the JS path.

/** Deterministic test data derived by hashing a label, never Math.random. */
const bytesOf = (label: string): Buffer => createHash('sha256').update(label).digest();
const seedString = (n: number): string => samplerSeedString(bytesOf(`seed ${n}`).toString('hex'), n % 2 ? '' : `beacon ${n}`);
/** Characters of 1, 2, 3 and 4 UTF-8 bytes. */
const ALPHABET = ['A', '7', '-', 'é', 'ß', '警', '局', '区', '😀', '𠀀'];
/** A pseudo-random id of 0 to `maxChars` characters, some of them beyond ASCII. */
const idOf = (label: string, maxChars: number): string => {
  const b = bytesOf(label);
  return Array.from(b.subarray(1, 1 + (b[0]! % (maxChars + 1))), (x) =>
    x % 3 === 0 ? ALPHABET[x % ALPHABET.length] : String.fromCharCode(0x30 + (x % 43)),
  ).join('');
};
const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('four SHA-256 compressions at a time (WebAssembly SIMD)', () => {
  it('runs in node, so the tests below compare the SIMD path with JS', () => {
    expect(sha256x4Supported()).toBe(true);
  });

  it('equals node:crypto for messages of 0 to 55 bytes after a first block, in every lane', () => {
    const first = bytesOf('first').toString('hex'); // 64 bytes, like H(S)
    const lanes = Sha256x4.create(new Sha256AfterBlock(Buffer.from(first, 'latin1')).midstate())!;
    const messages = Array.from({ length: 4 * 56 }, (_, i) =>
      Buffer.concat([bytesOf(`m${i}`), bytesOf(`n${i}`)]).subarray(0, i % 56),
    );
    messages.forEach((m, i) => {
      const block = Buffer.alloc(64);
      m.copy(block);
      block[m.length] = 0x80;
      block.writeUInt32BE((64 + m.length) * 8, 60);
      for (let j = 0; j < 16; j++)
        lanes.words[Sha256x4.blocksIndex + (i >> 2) * Sha256x4.groupWords + j * 4 + (i & 3)] = block.readInt32BE(j * 4);
    });
    lanes.compress(messages.length / 4);
    messages.forEach((m, i) => {
      const digest = Array.from(
        { length: 8 },
        (_, j) => lanes.words[Sha256x4.blocksIndex + (i >> 2) * Sha256x4.groupWords + j * 4 + (i & 3)]! >>> 0,
      );
      expect(digest.map((w) => w.toString(16).padStart(8, '0')).join('')).toBe(
        createHash('sha256').update(first).update(m).digest('hex'),
      );
    });
  });
});

describe('inspector ticket keys four at a time', () => {
  const same = (s: string, candidateIds: readonly string[], targets: readonly string[]) => {
    const simd = inspectorTicketKeysFor(s, candidateIds)(targets);
    const js = inspectorTicketKeysFor(s, candidateIds, { simd: false })(targets);
    expect(simd.length).toBe(targets.length * candidateIds.length);
    expect(Buffer.from(simd.buffer).equals(Buffer.from(js.buffer))).toBe(true);
    return simd;
  };

  it('equal the JS keys for thousands of pseudo-random targets and ids, non-ASCII ones, one and two blocks', () => {
    for (let n = 0; n < 3; n++) {
      const candidateIds = Array.from({ length: 161 + n }, (_, i) => idOf(`id ${n} ${i}`, i % 5 === 0 ? 40 : 12));
      const targets = Array.from({ length: 37 + n * 11 }, (_, i) => idOf(`target ${n} ${i}`, i % 9 === 0 ? 50 : 20));
      const keys = same(seedString(n), candidateIds, targets);
      const reference = ticketKeysFor(seedString(n));
      for (let i = 0; i < keys.length; i += 97) {
        const t = Math.floor(i / candidateIds.length);
        expect(keys[i]).toBe(reference.key(inspectorTicketPrefix(targets[t]!) + candidateIds[i - t * candidateIds.length]!));
      }
    }
  });

  it('equal the JS keys when the message after H(S) is exactly 55 bytes (one block) and 56 (two)', () => {
    const targets = ['T-1', '区-警局', 'X'.repeat(44), 'Y'.repeat(45), 'Z'.repeat(60)];
    for (const target of targets) {
      const room = 55 - utf8Length(inspectorTicketPrefix(target));
      const repeat = (s: string, bytes: number) => s.repeat(Math.max(bytes, 0));
      const candidateIds = [
        'a',
        repeat('b', room - 1),
        repeat('c', room),
        repeat('d', room + 1),
        repeat('警', Math.floor(room / 3)),
        repeat('😀', Math.floor(room / 4) + 1),
        'e',
      ];
      if (room >= 0) expect(candidateIds.map(utf8Length)).toEqual(expect.arrayContaining([room, room + 1]));
      same(seedString(7), candidateIds, targets);
    }
  });

  it('equal the JS keys for counts that are not a multiple of 4, and empty ones', () => {
    for (const width of [0, 1, 2, 3, 5, 7]) {
      for (const count of [0, 1, 3, 6]) {
        const candidateIds = Array.from({ length: width }, (_, i) => idOf(`w${width} ${i}`, 10));
        same(
          seedString(width),
          candidateIds,
          Array.from({ length: count }, (_, i) => `T-${i}`),
        );
      }
    }
  });
});

describe('ticket keys from digests, in JS and in WebAssembly (weights of 16-bit halves, the reversed-digit table)', () => {
  /** The key the spec defines: the first 15 decimals of "0." + reverse(decimal n padded to 64 digits). */
  const specKey = (n: bigint) => Number([...n.toString(10).padStart(64, '0')].reverse().join('').slice(0, TICKET_KEY_DIGITS));
  /** The keys of `Sha256x4.keys` (`ticket-key-wasm.ts`) for the digests written into its lanes, a batch at a time. */
  const wasmKeysOf = (digests: Int32Array[]): number[] => {
    const lanes = Sha256x4.create(new Int32Array(8))!;
    const keys: number[] = [];
    for (let first = 0; first < digests.length; first += Sha256x4.maxGroups * 4) {
      const batch = digests.slice(first, first + Sha256x4.maxGroups * 4);
      batch.forEach((h, s) =>
        h.forEach((word, i) => (lanes.words[Sha256x4.blocksIndex + (s >> 2) * Sha256x4.groupWords + i * 4 + (s & 3)] = word)),
      );
      lanes.keys(Math.ceil(batch.length / 4));
      batch.forEach((_, s) => keys.push(lanes.keyValues[Sha256x4.keysIndex + (s >> 2) * Sha256x4.groupKeys + (s & 3)]!));
    }
    return keys;
  };
  const digestOf = (n: bigint) => Int32Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(224 - 32 * i)) & 0xffffffffn) | 0);

  it('are the first 15 decimals of the ticket for digests with zeros and nines in every digit group, and the extreme weighted sums', () => {
    const values = [
      0n,
      1n,
      9n,
      10n,
      999n,
      1000n,
      10n ** 7n,
      10n ** 8n - 1n,
      10n ** 8n,
      10n ** 15n - 1n,
      10n ** 15n,
      2n ** 256n - 1n,
      2n ** 256n - 2n, // with weights between 0 and 5^15 (not between ±5^15/2) its sum would round
    ];
    for (let k = 0; k < 16; k++) values.push(10n ** BigInt(k) + 10n ** 20n * 7n, 10n ** 15n * 123n + 10n ** BigInt(k) * 9n);
    // The largest sums of 16-bit halves × their weights mod 5^15 (taken between -5^15/2 and 5^15/2), of either sign.
    const P5 = 5n ** 15n;
    const positive = Array.from({ length: 16 }, (_, k) => 65536n ** BigInt(15 - k) % P5 < P5 / 2n);
    for (const sign of [true, false])
      values.push(positive.reduce((n, p, k) => (p === sign ? n | (0xffffn << BigInt(240 - 16 * k)) : n), 0n));
    for (let i = 0; i < 3000; i++) values.push(BigInt('0x' + sha256Hex(`digest ${i}`)));
    for (const n of values) expect(ticketKeyOfDigest(digestOf(n))).toBe(specKey(n));
    expect(wasmKeysOf(values.map(digestOf))).toEqual(values.map(specKey));
  });
});
