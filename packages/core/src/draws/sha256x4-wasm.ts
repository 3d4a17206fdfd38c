/**
 * The bytes of a WebAssembly module that runs SHA-256 compressions (FIPS 180-4) four messages at a
 * time with 128-bit SIMD (issue 14: a province's draw computes 5 million inspector ticket keys, one
 * compression each after the midstate of `H(S)`; the unrolled JS compression is near the scalar limit,
 * four lanes per instruction are not). Written by this emitter, not loaded from a file: core stays pure,
 * and node and worker threads build the same bytes in process.
 *
 * Export `compress(groups)` and `memory`. Memory layout (byte offsets):
 * - `MIDSTATE_OFFSET`: the 8 midstate words, each repeated in 4 lanes (word i of lane l at (i*4+l)*4);
 * - `BLOCKS_OFFSET + g * GROUP_BYTES`: group g, four 64-byte blocks as 16 words interleaved by lane
 *   (word i of lane l at (i*4+l)*4), each word the block's big-endian 32-bit word as an i32.
 * `compress(n)` compresses groups 0..n-1 from the midstate and writes each lane's 8 digest words over
 * words 0..7 of its group, in the same interleaved layout.
 */

export const MIDSTATE_OFFSET = 0;
export const BLOCKS_OFFSET = 128;
export const GROUP_BYTES = 256;
/** Groups that fit the module's memory (2 pages of 64 KiB) after the midstate. */
export const MAX_GROUPS = Math.floor((2 * 65536 - BLOCKS_OFFSET) / GROUP_BYTES);

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  i32: (n: number) => [0x41, ...sleb(n | 0)],
  i32eqz: [0x45],
  i32add: [0x6a],
  i32sub: [0x6b],
  // SIMD: 0xFD and a LEB128 sub-opcode; memarg = alignment (log2, 4 = 16 bytes), offset.
  load: (offset: number) => [0xfd, 0x00, 4, ...uleb(offset)],
  store: (offset: number) => [0xfd, 0x0b, 4, ...uleb(offset)],
  splat: (n: number) => [0x41, ...sleb(n | 0), 0xfd, 0x11],
  xor: [0xfd, 0x51],
  or: [0xfd, 0x50],
  bitselect: [0xfd, 0x52],
  shl: [0xfd, 0xab, 0x01],
  shrU: [0xfd, 0xad, 0x01],
  add: [0xfd, 0xae, 0x01],
};

// Locals: 0 = the group count (param), 1 = the group's address, 2..9 = a..h, 10..25 = w0..w15.
const N = 0;
const P = 1;
const v = (role: number) => 2 + role;
const w = (i: number) => 10 + (i % 16);

const rotr = (x: number, n: number) => [
  ...op.get(x),
  ...op.i32(n),
  ...op.shrU,
  ...op.get(x),
  ...op.i32(32 - n),
  ...op.shl,
  ...op.or,
];
const shr = (x: number, n: number) => [...op.get(x), ...op.i32(n), ...op.shrU];
/** x rotated by r0, xor rotated by r1, xor rotated (or shifted, for the schedule's σ) by r2. */
const sigma = (x: number, r0: number, r1: number, last: number[]) => [
  ...rotr(x, r0),
  ...rotr(x, r1),
  ...op.xor,
  ...last,
  ...op.xor,
];

/** Round i, with the working variables renamed instead of shifted: role r is the local of `v((r - i) mod 8)`. */
function round(i: number): number[] {
  const at = (role: number) => v((((role - i) % 8) + 8) % 8);
  const [a, b, c, d, e, f, g, h] = [0, 1, 2, 3, 4, 5, 6, 7].map(at) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const code: number[] = [];
  if (i >= 16) {
    // w[i] = w[i-16] + σ0(w[i-15]) + w[i-7] + σ1(w[i-2])
    code.push(...op.get(w(i)), ...sigma(w(i + 1), 7, 18, shr(w(i + 1), 3)), ...op.add);
    code.push(...op.get(w(i + 9)), ...op.add, ...sigma(w(i + 14), 17, 19, shr(w(i + 14), 10)), ...op.add, ...op.set(w(i)));
  }
  // h += Σ1(e) + Ch(e, f, g) + K[i] + w[i]; d += h; h += Σ0(a) + Maj(a, b, c)
  code.push(...op.get(h), ...sigma(e, 6, 11, rotr(e, 25)), ...op.add);
  code.push(...op.get(f), ...op.get(g), ...op.get(e), ...op.bitselect, ...op.add); // Ch: e ? f : g
  code.push(...op.splat(K[i]!), ...op.add, ...op.get(w(i)), ...op.add, ...op.set(h));
  code.push(...op.get(d), ...op.get(h), ...op.add, ...op.set(d));
  code.push(...op.get(h), ...sigma(a, 2, 13, rotr(a, 22)), ...op.add);
  code.push(...op.get(c), ...op.get(b), ...op.get(a), ...op.get(b), ...op.xor, ...op.bitselect, ...op.add); // Maj: a ≠ b ? c : b
  code.push(...op.set(h));
  return code;
}

function compressBody(): number[] {
  const body: number[] = [
    ...op.i32(BLOCKS_OFFSET),
    ...op.set(P),
    ...op.block,
    ...op.get(N),
    ...op.i32eqz,
    ...op.brIf(0),
    ...op.loop,
  ];
  for (let i = 0; i < 16; i++) body.push(...op.get(P), ...op.load(i * 16), ...op.set(w(i)));
  for (let r = 0; r < 8; r++) body.push(...op.i32(0), ...op.load(MIDSTATE_OFFSET + r * 16), ...op.set(v(r)));
  for (let i = 0; i < 64; i++) body.push(...round(i));
  for (let r = 0; r < 8; r++) {
    body.push(...op.get(P), ...op.i32(0), ...op.load(MIDSTATE_OFFSET + r * 16), ...op.get(v(r)), ...op.add, ...op.store(r * 16));
  }
  body.push(...op.get(P), ...op.i32(GROUP_BYTES), ...op.i32add, ...op.set(P));
  body.push(...op.get(N), ...op.i32(1), ...op.i32sub, ...op.set(N), ...op.get(N), ...op.brIf(0), ...op.end, ...op.end, ...op.end);
  const locals = [...uleb(2), ...uleb(1), I32, ...uleb(24), V128];
  return [...locals, ...body];
}

const name = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];

/** The module's bytes (see the file comment). */
export function sha256x4WasmBytes(): Uint8Array {
  const body = compressBody();
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, I32, 0]), // type 0: (i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, 2]), // one memory, 2 pages, no maximum
    ...section(7, [2, ...name('compress'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}
