/**
 * SHA-256 (FIPS 180-4) of messages that all begin with the same 64-byte block, with that block's
 * compression done once (the "midstate") and reused. A draw hashes `H(S) + x` for every ticket: `H(S)`
 * is 64 hex characters, exactly one block, so each ticket costs one compression of its own (two when
 * `x` is longer than 55 bytes) instead of two plus node:crypto's per-call overhead and a hex string.
 * Checked against node:crypto byte for byte (`sha256-after-block.spec.ts`). Not constant-time: it
 * hashes a draw's public inputs and its seed once revealed, never a secret to keep.
 */

const K = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ],
  (x) => x | 0,
);

const IV = Int32Array.from(
  [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  (x) => x | 0,
);

/** One compression of the 64-byte block at `m[off]` into `state`; `w` is scratch (64 words). */
function compress(state: Int32Array, m: Uint8Array, off: number, w: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const p = off + i * 4;
    w[i] = (m[p]! << 24) | (m[p + 1]! << 16) | (m[p + 2]! << 8) | m[p + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15]!;
    const w2 = w[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** SHA-256 of `block + a + b` for a fixed 64-byte `block`. One instance per thread: it reuses buffers. */
export class Sha256AfterBlock {
  private readonly mid = IV.slice();
  private readonly w = new Int32Array(64);
  private buf = new Uint8Array(128);
  /** The digest of the last `digest` call as eight big-endian 32-bit words (signed; `>>> 0` for unsigned). */
  readonly out = new Int32Array(8);

  constructor(block: Uint8Array) {
    if (block.length !== 64) throw new RangeError('the shared prefix must be one 64-byte block');
    compress(this.mid, block, 0, this.w);
  }

  /** SHA-256 of `block + a + b`; the result is in `this.out` (overwritten by the next call). */
  digest(a: Uint8Array, b?: Uint8Array): Int32Array {
    const len = a.length + (b?.length ?? 0);
    const size = Math.ceil((len + 9) / 64) * 64;
    if (this.buf.length < size) this.buf = new Uint8Array(size);
    const buf = this.buf;
    buf.fill(0, len, size);
    buf.set(a, 0);
    if (b) buf.set(b, a.length);
    buf[len] = 0x80;
    const bits = (64 + len) * 8; // below 2^53: split into the last two 32-bit words
    const high = Math.floor(bits / 0x1_0000_0000);
    buf[size - 8] = high >>> 24;
    buf[size - 7] = high >>> 16;
    buf[size - 6] = high >>> 8;
    buf[size - 5] = high;
    buf[size - 4] = bits >>> 24;
    buf[size - 3] = bits >>> 16;
    buf[size - 2] = bits >>> 8;
    buf[size - 1] = bits;
    const out = this.out;
    out.set(this.mid);
    for (let off = 0; off < size; off += 64) compress(out, buf, off, this.w);
    return out;
  }
}
