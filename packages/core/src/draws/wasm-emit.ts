/**
 * Just enough of the WebAssembly binary format to write a module in process (issue 14: the SIMD
 * SHA-256 of inspector tickets, `sha256x4-wasm.ts`; there is no file to load and no assembler).
 * Opcodes from the WebAssembly core spec (SIMD: 0xFD and a LEB128 sub-opcode); every one is exercised
 * by `inspector-ticket-keys.spec.ts` against node:crypto and the JS keys.
 */

export function uleb(n: number): number[] {
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

const f64Bytes = (x: number) => [...new Uint8Array(Float64Array.of(x).buffer)];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  select: [0x1b],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  // memarg: alignment (log2), offset
  i32load: (offset: number) => [0x28, 2, ...uleb(offset)],
  i32load16u: (offset: number) => [0x2f, 1, ...uleb(offset)],
  f64store: (offset: number) => [0x39, 3, ...uleb(offset)],
  i32: (n: number) => [0x41, ...sleb(n | 0)],
  f64: (x: number) => [0x44, ...f64Bytes(x)],
  i32eqz: [0x45],
  f64lt: [0x63],
  f64ge: [0x66],
  i32add: [0x6a],
  i32sub: [0x6b],
  i32mul: [0x6c],
  i32divU: [0x6e],
  i32and: [0x71],
  i32shl: [0x74],
  i32shrU: [0x76],
  f64floor: [0x9c],
  f64add: [0xa0],
  f64sub: [0xa1],
  f64mul: [0xa2],
  f64div: [0xa3],
  i32wrapI64: [0xa7],
  i32truncF64U: [0xab],
  i64truncF64U: [0xb1],
  f64convertI32U: [0xb8],
  v128load: (offset: number) => [0xfd, 0x00, 4, ...uleb(offset)],
  v128store: (offset: number) => [0xfd, 0x0b, 4, ...uleb(offset)],
  i32x4splat: [0xfd, 0x11],
  v128and: [0xfd, 0x4e],
  v128xor: [0xfd, 0x51],
  v128or: [0xfd, 0x50],
  i32x4shl: [0xfd, 0xab, 0x01],
  i32x4shrU: [0xfd, 0xad, 0x01],
  i32x4add: [0xfd, 0xae, 0x01],
};

/** `body` run for groups 0..n-1 (local `n`, counted down), local `address` at each group's first byte. */
export function forEachGroup(n: number, address: number, first: number, groupBytes: number, body: number[]): number[] {
  return [
    ...op.i32(first), ...op.set(address), ...op.block, ...op.get(n), ...op.i32eqz, ...op.brIf(0), ...op.loop,
    ...body,
    ...op.get(address), ...op.i32(groupBytes), ...op.i32add, ...op.set(address),
    ...op.get(n), ...op.i32(1), ...op.i32sub, ...op.set(n), ...op.get(n), ...op.brIf(0), ...op.end, ...op.end,
  ]; // prettier-ignore
}

/** A function body: its locals as [count, type] pairs (after the parameters), then the code and `end`. */
export function functionBody(locals: [number, number][], code: number[]): number[] {
  const body = [...uleb(locals.length), ...locals.flatMap(([count, type]) => [...uleb(count), type]), ...code, ...op.end];
  return [...uleb(body.length), ...body];
}

export const name = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
export const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
