/**
 * The tickets of Ronald Rivest's consistent sampler (`consistent_sampler`, used by election
 * risk-limiting audits), as `consistent-sampler/v1` of shared/verifiable-draw.md uses them. Pure and
 * deterministic: SHA-256 from node:crypto, BigInt for the decimal digits; the seed comes in.
 *
 * Ordering many tickets (issue 14: 5 million inspector tickets in a province's draw) does not build
 * them: `ticketKeysFor` gives each id a number that orders tickets exactly as their strings do, except
 * when two numbers are equal, and then the strings decide (`compareTicketKeys`).
 */
import { createHash } from 'node:crypto';
import { Sha256AfterBlock } from './sha256-after-block.js';

/** `H(s)`: lowercase hex SHA-256 of the UTF-8 bytes of `s`. */
export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** hex(SHA-256(bytes)) of raw bytes (the seed commitment hashes the seed's bytes, not its hex). */
export function sha256HexOfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The sampler's seed string `S = hex(seed bytes) + ":" + beacon` (the beacon may be empty). */
export function samplerSeedString(seedHex: string, beacon: string): string {
  return `${seedHex}:${beacon}`;
}

/**
 * A ticket function bound to a seed string. `H(S)` is computed once; `ticket(x)` is
 * "0." + the reversed, zero-padded (≥ 64 digits) decimal of the integer H(H(S) + x).
 * This is `first_ticket(x, S).ticket_number` of the consistent_sampler package.
 */
export function ticketsFor(seedString: string): (id: string) => string {
  const seedHash = sha256Hex(seedString);
  return (id) => {
    const digits = BigInt('0x' + sha256Hex(seedHash + id))
      .toString(10)
      .padStart(64, '0');
    return '0.' + [...digits].reverse().join('');
  };
}

/** One ticket: `ticket(id, S)`. */
export function ticket(id: string, seedString: string): string {
  return ticketsFor(seedString)(id);
}

/** Order of ids by their UTF-8 bytes (the order of the frozen population and roster). */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 code units below U+D800 order like their UTF-8 bytes: decide at the first difference
  // without encoding; surrogates and U+E000 and above (rare in codes) are encoded and compared.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  // One is a prefix of the other: the shorter comes first, unless it ends in a lone surrogate (encoded
  // as U+FFFD, which the longer one's pair may not be).
  const last = n > 0 ? a.charCodeAt(n - 1) : 0;
  if (last >= 0xd800 && last < 0xe000) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a.length < b.length ? -1 : 1;
}

/** Plain string order of two tickets (decimal fractions of the same form compare as strings). */
export function compareTickets(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Deduplicated and sorted by UTF-8 bytes: the canonical form of a population or roster.
 *
 * Issue 14: a province's population is read already in byte order (`order by code collate "C"`);
 * ids strictly ascending are canonical as they are, so they are only checked (O(n)), not sorted.
 * Anything else (duplicates, another order, ids that compare equal) is sorted as before.
 */
export function canonicalIds(ids: Iterable<string>): string[] {
  const list = Array.isArray(ids) ? (ids as readonly string[]) : [...ids];
  for (let i = 1; i < list.length; i++) if (compareUtf8(list[i - 1]!, list[i]!) >= 0) return [...new Set(list)].sort(compareUtf8);
  return list.slice();
}

/** `hex(SHA-256(ids joined by "\n"))`, no trailing newline. */
export function populationSha256(canonical: readonly string[]): string {
  return sha256Hex(canonical.join('\n'));
}

/** The population sorted by ticket ascending, ties by id: the consistent sampler's order. */
export function sampleOrder(population: readonly string[], seedString: string): string[] {
  const keys = ticketKeysFor(seedString);
  const key = new Float64Array(population.length);
  for (let i = 0; i < population.length; i++) key[i] = keys.key(population[i]!);
  const order = Array.from(population, (_, i) => i);
  order.sort(
    (i, j) =>
      compareTicketKeys(keys, key[i]!, population[i]!, key[j]!, population[j]!) || compareUtf8(population[i]!, population[j]!),
  );
  return order.map((i) => population[i]!);
}

// The constants of `ticketKeyOfDigestAt` below are exported for its WebAssembly twin, ticket-key-wasm.ts.

/** Decimal digits of a ticket that its key holds (10^15 < 2^53: a key is an exact double). */
export const TICKET_KEY_DIGITS = 15;

export const P5 = 5 ** TICKET_KEY_DIGITS; // 30517578125 < 2^35
export const P2_MASK = 2 ** TICKET_KEY_DIGITS - 1;
/** P5^-1 mod 2^15 by Newton's iteration (P5 is odd). */
export const P5_INV = (() => {
  const a = P5 % (P2_MASK + 1);
  let x = a;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x)) & P2_MASK;
  return x;
})();
/**
 * 65536^(15 - k) mod P5, taken between -P5/2 and P5/2: the weight of the digest's 16-bit half k
 * (issue 14: half as many products as bytes). Every half is below 2^16, so the weighted sum lies
 * between 65535 × (the sum of the negative weights) > -2.4 × 10^15 and 65535 × (the sum of the
 * positive ones) < 4.3 × 10^15, it and every partial sum: integers below 2^53, exact in doubles.
 * (With weights between 0 and P5 it could reach 1.1 × 2^53.) `inspector-ticket-keys.spec.ts` checks
 * both extremes.
 */
export const HALF_WEIGHT_MOD_P5 = (() => {
  const w = new Float64Array(16);
  let c = 1;
  for (let k = 15; k >= 0; k--) {
    w[k] = c > P5 / 2 ? c - P5 : c;
    c = (c * 65536) % P5; // < 2^51: exact
  }
  return w;
})();

/**
 * REVERSED_4[n] for n < 10^4: n's four decimal digits (leading zeros counted) read from the right
 * (issue 14: a table lookup per four digits instead of a division per digit, for 5 million keys).
 */
export const REVERSED_4 = (() => {
  const table = new Uint16Array(10_000);
  for (let n = 0; n < 10_000; n++)
    table[n] = (n % 10) * 1000 + (Math.floor(n / 10) % 10) * 100 + (Math.floor(n / 100) % 10) * 10 + Math.floor(n / 1000);
  return table;
})();

/** n < 10^8: its 8 lowest decimal digits read from the right. */
function reversed8Digits(n: number): number {
  const high = (n / 10_000) | 0;
  return REVERSED_4[n - high * 10_000]! * 10_000 + REVERSED_4[high]!;
}

/** n < 10^7: its 7 lowest decimal digits read from the right (the top group has 3 digits: its reverse ends in 0). */
function reversed7Digits(n: number): number {
  const high = (n / 10_000) | 0;
  return REVERSED_4[n - high * 10_000]! * 1000 + REVERSED_4[high]! / 10;
}

/**
 * The key of a ticket from the digest words `h` of `H(H(S) + x)`: the first 15 decimals of the ticket
 * ("0." + the reversed digits of n) as an integer, i.e. the 15 lowest decimal digits of n read from the
 * right. n mod 10^15 is found without BigInt from n mod 5^15 (a weighted sum of the 16 16-bit halves,
 * exact in doubles, reduced once) and n mod 2^15 (the low bits), by the Chinese remainder theorem.
 */
export function ticketKeyOfDigest(h: Int32Array): number {
  return ticketKeyOfDigestAt(h, 0, 1);
}

/**
 * `ticketKeyOfDigest` of the digest whose word i is `h[base + i * stride]` (issue 14: the SIMD hash
 * leaves four digests interleaved word by word, `stride` 4).
 */
export function ticketKeyOfDigestAt(h: Int32Array, base: number, stride: number): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const w = h[base + i * stride]!;
    sum += (w >>> 16) * HALF_WEIGHT_MOD_P5[2 * i]! + (w & 0xffff) * HALF_WEIGHT_MOD_P5[2 * i + 1]!;
  }
  let r5 = sum - Math.floor(sum / P5) * P5; // exact: every term is an integer below 2^53
  if (r5 < 0) r5 += P5;
  else if (r5 >= P5) r5 -= P5;
  // (% on numbers beyond int32 is a slow library call: floor divisions instead.)
  const r5low = r5 - Math.floor(r5 / (P2_MASK + 1)) * (P2_MASK + 1);
  const t = Math.imul(((h[base + 7 * stride]! & P2_MASK) - r5low) & P2_MASK, P5_INV) & P2_MASK;
  const low = r5 + P5 * t; // n mod 10^15
  const high7 = Math.floor(low / 1e8);
  return reversed8Digits(low - high7 * 1e8) * 1e7 + reversed7Digits(high7);
}

/** Ticket keys bound to a seed string: `key(x)` orders like `ticket(x)` unless two keys are equal. */
export interface TicketKeys {
  key(x: string): number;
  /** The key of the ticket of the id whose UTF-8 bytes are `a` followed by `b` (saves encoding them). */
  keyOfBytes(a: Uint8Array, b?: Uint8Array): number;
  /**
   * Fixes the first UTF-8 bytes of the next ids given to `keyAfterPrefix` (an inspector's tickets for
   * one target share `"inspector:" + target + ":"`): the hashing those bytes decide is done once.
   */
  setPrefix(prefix: Uint8Array): void;
  /** The key of the ticket of the id whose UTF-8 bytes are the prefix (`setPrefix`) followed by `rest`. */
  keyAfterPrefix(rest: Uint8Array): number;
  /** The full ticket, for the rare equal keys. */
  ticket(x: string): string;
}

export function ticketKeysFor(seedString: string): TicketKeys {
  const hasher = new Sha256AfterBlock(Buffer.from(sha256Hex(seedString), 'latin1'));
  return {
    key: (x) => ticketKeyOfDigest(hasher.digest(Buffer.from(x, 'utf8'))),
    keyOfBytes: (a, b) => ticketKeyOfDigest(hasher.digest(a, b)),
    setPrefix: (prefix) => hasher.setPrefix(prefix),
    keyAfterPrefix: (rest) => ticketKeyOfDigest(hasher.digestAfterPrefix(rest)),
    ticket: ticketsFor(seedString),
  };
}

/** Ticket order of `a` and `b` (their keys given): by key, and by the full tickets when the keys are equal. */
export function compareTicketKeys(keys: TicketKeys, keyA: number, a: string, keyB: number, b: string): number {
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  return compareTickets(keys.ticket(a), keys.ticket(b));
}
