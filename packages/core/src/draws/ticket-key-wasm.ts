/**
 * `ticketKeyOfDigestAt` of consistent-sampler.ts, step for step in WebAssembly (issue 14: after the
 * SIMD compression, turning 5 million digests into keys in JS cost as much again as hashing them).
 * The same operations on the same exact integers (f64 sums below 2^53, floor divisions, int32 table
 * lookups), so the same keys; `inspector-ticket-keys.spec.ts` compares the two on hashed and extreme
 * digests.
 */
import { HALF_WEIGHT_MOD_P5, P2_MASK, P5, P5_INV } from './consistent-sampler.js';
import { forEachGroup, op } from './wasm-emit.js';

export interface KeysLayout {
  /** Locals: the group count (parameter), the group's address (i32). */
  n: number;
  address: number;
  firstGroup: number;
  groupBytes: number;
  /** Lane l's key is stored as an f64 at byte `keysOffset + 8 l` of its group. */
  keysOffset: number;
  /** Byte offset of the u16 table `REVERSED_4`. */
  tableOffset: number;
}

/**
 * The code of `keys(n)`: locals `address + 1..3` are i32 scratch (word, x, y), `address + 4..8` f64
 * (sum, r5, low, high7, key): with the address, declare [4, i32], [5, f64].
 */
export function ticketKeysCode(layout: KeysLayout): number[] {
  const [word, x, y] = [layout.address + 1, layout.address + 2, layout.address + 3];
  const [sum, r5, low, high7, key] = [4, 5, 6, 7, 8].map((i) => layout.address + i) as [number, number, number, number, number];
  const at = op.get(layout.address);
  /** REVERSED_4[local] */
  const reversed4 = (local: number) => [...op.get(local), ...op.i32(1), ...op.i32shl, ...op.i32load16u(layout.tableOffset)];
  /** The reversed digits of the int32 on the stack as split into x = n, y = n / 10000: REVERSED_4[x - 10000 y] × scale + REVERSED_4[y] / divisor. */
  const reversed = (scale: number, divisor: number) => [
    ...op.set(x), ...op.get(x), ...op.i32(10_000), ...op.i32divU, ...op.set(y),
    ...op.get(x), ...op.get(y), ...op.i32(10_000), ...op.i32mul, ...op.i32sub, ...op.set(x),
    ...reversed4(x), ...op.i32(scale), ...op.i32mul,
    ...reversed4(y), ...(divisor === 1 ? [] : [...op.i32(divisor), ...op.i32divU]), ...op.i32add, ...op.f64convertI32U,
  ]; // prettier-ignore

  const lane = (l: number): number[] => {
    const wordOffset = (i: number) => (i * 4 + l) * 4;
    const code: number[] = [...op.f64(0)];
    for (let i = 0; i < 8; i++) {
      code.push(...at, ...op.i32load(wordOffset(i)), ...op.tee(word), ...op.i32(16), ...op.i32shrU, ...op.f64convertI32U);
      code.push(...op.f64(HALF_WEIGHT_MOD_P5[2 * i]!), ...op.f64mul, ...op.f64add);
      code.push(...op.get(word), ...op.i32(0xffff), ...op.i32and, ...op.f64convertI32U);
      code.push(...op.f64(HALF_WEIGHT_MOD_P5[2 * i + 1]!), ...op.f64mul, ...op.f64add);
    }
    code.push(
      ...op.set(sum),
      // r5 = sum - floor(sum / P5) × P5, then r5 < 0 ? r5 + P5 : r5 >= P5 ? r5 - P5 : r5
      ...op.get(sum), ...op.get(sum), ...op.f64(P5), ...op.f64div, ...op.f64floor, ...op.f64(P5), ...op.f64mul, ...op.f64sub, ...op.set(r5),
      ...op.get(r5), ...op.f64(P5), ...op.f64add, ...op.get(r5), ...op.get(r5), ...op.f64(0), ...op.f64lt, ...op.select, ...op.set(r5),
      ...op.get(r5), ...op.f64(P5), ...op.f64sub, ...op.get(r5), ...op.get(r5), ...op.f64(P5), ...op.f64ge, ...op.select, ...op.set(r5),
      // t = ((word 7 & mask) - (r5 & mask)) & mask, times P5⁻¹, & mask; low = r5 + P5 × t (n mod 10^15)
      ...op.get(r5), ...op.f64(P5),
      ...at, ...op.i32load(wordOffset(7)), ...op.i32(P2_MASK), ...op.i32and,
      ...op.get(r5), ...op.i64truncF64U, ...op.i32wrapI64, ...op.i32(P2_MASK), ...op.i32and,
      ...op.i32sub, ...op.i32(P2_MASK), ...op.i32and, ...op.i32(P5_INV), ...op.i32mul, ...op.i32(P2_MASK), ...op.i32and,
      ...op.f64convertI32U, ...op.f64mul, ...op.f64add, ...op.set(low),
      // high7 = floor(low / 1e8); key = reversed8(low - high7 × 1e8) × 1e7 + reversed7(high7)
      ...op.get(low), ...op.f64(1e8), ...op.f64div, ...op.f64floor, ...op.set(high7),
      ...op.get(low), ...op.get(high7), ...op.f64(1e8), ...op.f64mul, ...op.f64sub, ...op.i32truncF64U,
      ...reversed(10_000, 1), ...op.f64(1e7), ...op.f64mul, ...op.set(key),
      ...op.get(key), ...op.get(high7), ...op.i32truncF64U, ...reversed(1000, 10), ...op.f64add, ...op.set(key),
      ...at, ...op.get(key), ...op.f64store(layout.keysOffset + 8 * l),
    ); // prettier-ignore
    return code;
  };
  return forEachGroup(layout.n, layout.address, layout.firstGroup, layout.groupBytes, [0, 1, 2, 3].flatMap(lane));
}
