/**
 * The bytes of a WebAssembly module that runs SHA-256 compressions (FIPS 180-4) four messages at a
 * time with 128-bit SIMD (issue 14: a province's draw computes 5 million inspector ticket keys, one
 * compression each after the midstate of `H(S)`; the unrolled JS compression is near the scalar limit,
 * four lanes per instruction are not). Written by this emitter, not loaded from a file: core stays pure,
 * and node and worker threads build the same bytes in process.
 *
 * Exports `compress(groups)`, `keys(groups)` and `memory`. Memory layout (byte offsets):
 * - `MIDSTATE_OFFSET`: the 8 midstate words, each repeated in 4 lanes (word i of lane l at (i*4+l)*4);
 * - `TABLE_OFFSET`: `REVERSED_4` of consistent-sampler.ts, 10,000 u16 (written by `Sha256x4`);
 * - `BLOCKS_OFFSET + g * GROUP_BYTES`: group g, four 64-byte blocks as 16 words interleaved by lane
 *   (word i of lane l at (i*4+l)*4), each word the block's big-endian 32-bit word as an i32.
 * `compress(n)` compresses groups 0..n-1 from the midstate and writes each lane's 8 digest words over
 * words 0..7 of its group, in the same interleaved layout. `keys(n)` then writes lane l's ticket key
 * (`ticket-key-wasm.ts`) as an f64 at byte `KEYS_OFFSET + l * 8` of its group (over words 8 and 9).
 */
import { F64, I32, V128, forEachGroup, functionBody, name, op, section } from './wasm-emit.js';
import { ticketKeysCode } from './ticket-key-wasm.js';

export const MIDSTATE_OFFSET = 0;
export const TABLE_OFFSET = 128;
export const BLOCKS_OFFSET = 20_480; // after the table's 20,000 bytes, 16-byte aligned
export const GROUP_BYTES = 256;
export const KEYS_OFFSET = 128;
const PAGES = 3;
/** Groups that fit the module's memory (3 pages of 64 KiB) after the midstate and the table. */
export const MAX_GROUPS = Math.floor((PAGES * 65536 - BLOCKS_OFFSET) / GROUP_BYTES);

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

// Locals: 0 = the group count (param), 1 = the group's address, 2..9 = a..h, 10..25 = w0..w15, 26..27 = a ^ b.
const N = 0;
const P = 1;
const v = (role: number) => 2 + role;
const w = (i: number) => 10 + (i % 16);
/** 26, 27: a ^ b of rounds i and i - 1 by turns. */
const aXorB = (i: number) => 26 + ((i + 2) % 2);

// prettier-ignore
const rotr = (x: number, n: number) => [...op.get(x), ...op.i32(n), ...op.i32x4shrU, ...op.get(x), ...op.i32(32 - n), ...op.i32x4shl, ...op.v128or];
const shr = (x: number, n: number) => [...op.get(x), ...op.i32(n), ...op.i32x4shrU];
/** x rotated by r0, xor rotated by r1, xor rotated (or shifted, for the schedule's σ) by r2. */
const sigma = (x: number, r0: number, r1: number, last: number[]) => [
  ...rotr(x, r0),
  ...rotr(x, r1),
  ...op.v128xor,
  ...last,
  ...op.v128xor,
];

/** Round i, with the working variables renamed instead of shifted: role r is the local of `v((r - i) mod 8)`. */
function round(i: number): number[] {
  const at = (role: number) => v((((role - i) % 8) + 8) % 8);
  const [a, b, d, e, f, g, h] = [at(0), at(1), at(3), at(4), at(5), at(6), at(7)]; // c enters Maj as the previous a ^ b
  const code: number[] = [];
  if (i >= 16) {
    // w[i] = w[i-16] + σ0(w[i-15]) + w[i-7] + σ1(w[i-2])
    code.push(...op.get(w(i)), ...sigma(w(i + 1), 7, 18, shr(w(i + 1), 3)), ...op.i32x4add);
    code.push(
      ...op.get(w(i + 9)),
      ...op.i32x4add,
      ...sigma(w(i + 14), 17, 19, shr(w(i + 14), 10)),
      ...op.i32x4add,
      ...op.set(w(i)),
    );
  }
  // h += Σ1(e) + Ch(e, f, g) + K[i] + w[i]; d += h; h += Σ0(a) + Maj(a, b, c)
  code.push(...op.get(h), ...sigma(e, 6, 11, rotr(e, 25)), ...op.i32x4add);
  code.push(...op.get(f), ...op.get(g), ...op.v128xor, ...op.get(e), ...op.v128and, ...op.get(g), ...op.v128xor, ...op.i32x4add); // Ch = ((f ^ g) & e) ^ g
  code.push(...op.i32(K[i]!), ...op.i32x4splat, ...op.i32x4add, ...op.get(w(i)), ...op.i32x4add, ...op.set(h));
  code.push(...op.get(d), ...op.get(h), ...op.i32x4add, ...op.set(d));
  code.push(...op.get(h), ...sigma(a, 2, 13, rotr(a, 22)), ...op.i32x4add);
  // Maj = ((a ^ b) & (b ^ c)) ^ b, where b ^ c is the previous round's a ^ b
  code.push(
    ...op.get(a),
    ...op.get(b),
    ...op.v128xor,
    ...op.tee(aXorB(i)),
    ...op.get(aXorB(i - 1)),
    ...op.v128and,
    ...op.get(b),
    ...op.v128xor,
    ...op.i32x4add,
  );
  code.push(...op.set(h));
  return code;
}

function compressCode(): number[] {
  const body: number[] = [];
  for (let i = 0; i < 16; i++) body.push(...op.get(P), ...op.v128load(i * 16), ...op.set(w(i)));
  for (let r = 0; r < 8; r++) body.push(...op.i32(0), ...op.v128load(MIDSTATE_OFFSET + r * 16), ...op.set(v(r)));
  body.push(...op.get(v(1)), ...op.get(v(2)), ...op.v128xor, ...op.set(aXorB(-1))); // b ^ c before round 0
  for (let i = 0; i < 64; i++) body.push(...round(i));
  // prettier-ignore
  for (let r = 0; r < 8; r++) body.push(...op.get(P), ...op.i32(0), ...op.v128load(MIDSTATE_OFFSET + r * 16), ...op.get(v(r)), ...op.i32x4add, ...op.v128store(r * 16));
  return forEachGroup(N, P, BLOCKS_OFFSET, GROUP_BYTES, body);
}

/** The module's bytes (see the file comment). */
export function sha256x4WasmBytes(): Uint8Array {
  const compress = functionBody([[1, I32], [26, V128]], compressCode()); // prettier-ignore
  const keysLayout = {
    n: 0,
    address: 1,
    firstGroup: BLOCKS_OFFSET,
    groupBytes: GROUP_BYTES,
    keysOffset: KEYS_OFFSET,
    tableOffset: TABLE_OFFSET,
  };
  const keys = functionBody([[4, I32], [5, F64]], ticketKeysCode(keysLayout)); // prettier-ignore
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, I32, 0]), // type 0: (i32) -> ()
    ...section(3, [2, 0, 0]), // functions 0 and 1 have type 0
    ...section(5, [1, 0x00, PAGES]), // one memory, no maximum
    ...section(7, [3, ...name('compress'), 0x00, 0, ...name('keys'), 0x00, 1, ...name('memory'), 0x02, 0]),
    ...section(10, [2, ...compress, ...keys]),
  ]);
}
