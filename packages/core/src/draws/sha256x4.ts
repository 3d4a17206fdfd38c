/**
 * Four SHA-256 compressions at a time from a fixed midstate, in WebAssembly SIMD (issue 14: the
 * inspector ticket keys of a province's draw, ~2.5× the unrolled JS compression), and their ticket
 * keys. The module's bytes come from `sha256x4-wasm.ts`; its layout is described there. `Sha256x4.create` returns null where
 * the runtime has no WebAssembly SIMD: callers then hash in JS (`sha256-after-block.ts`).
 */
import { REVERSED_4 } from './consistent-sampler.js';
import {
  BLOCKS_OFFSET,
  GROUP_BYTES,
  KEYS_OFFSET,
  MAX_GROUPS,
  MIDSTATE_OFFSET,
  TABLE_OFFSET,
  sha256x4WasmBytes,
} from './sha256x4-wasm.js';

/** The part of the WebAssembly API used here (its types are in TypeScript's "dom" lib, which core does not load). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, once per thread; null if WebAssembly SIMD is unsupported here. */
function sha256x4Module(): object | null {
  if (compiled === undefined) {
    const bytes = sha256x4WasmBytes();
    compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  return compiled;
}

/** Whether this runtime runs the SIMD hash (tests assert it does in node, so the SIMD path is the one compared). */
export function sha256x4Supported(): boolean {
  return sha256x4Module() !== null;
}

export class Sha256x4 {
  /** Most groups of four blocks one `compress` call takes. */
  static readonly maxGroups = MAX_GROUPS;
  /** Index in `words` of word 0, lane 0 of group 0; word i of lane l of group g is at `+ g * 64 + i * 4 + l`. */
  static readonly blocksIndex = BLOCKS_OFFSET / 4;
  static readonly groupWords = GROUP_BYTES / 4;

  /** Index in `keyValues` of lane 0's key in group 0; lane l of group g is at `+ g * 32 + l`. */
  static readonly keysIndex = (BLOCKS_OFFSET + KEYS_OFFSET) / 8;
  static readonly groupKeys = GROUP_BYTES / 8;

  /** The module's memory as i32 words: write blocks here, read digests back (see `blocksIndex`). */
  readonly words: Int32Array;
  /** The module's memory as f64: the keys of `keys` (see `keysIndex`). */
  readonly keyValues: Float64Array;
  private readonly runCompress: (groups: number) => void;
  private readonly runKeys: (groups: number) => void;

  private constructor(instance: { exports: Record<string, unknown> }, midstate: Int32Array) {
    const memory = (instance.exports['memory'] as { buffer: ArrayBuffer }).buffer;
    this.words = new Int32Array(memory);
    this.keyValues = new Float64Array(memory);
    new Uint16Array(memory, TABLE_OFFSET, REVERSED_4.length).set(REVERSED_4);
    this.runCompress = instance.exports['compress'] as (groups: number) => void;
    this.runKeys = instance.exports['keys'] as (groups: number) => void;
    for (let i = 0; i < 8; i++)
      for (let lane = 0; lane < 4; lane++) this.words[MIDSTATE_OFFSET / 4 + i * 4 + lane] = midstate[i]!;
  }

  /** A hasher starting every block from `midstate` (8 words), or null without WebAssembly SIMD. */
  static create(midstate: Int32Array): Sha256x4 | null {
    const module = sha256x4Module();
    return module && wasm ? new Sha256x4(new wasm.Instance(module, {}), midstate) : null;
  }

  /** Compresses groups 0..groups-1; each lane's digest replaces words 0..7 of its block. */
  compress(groups: number): void {
    this.runCompress(checked(groups));
  }

  /** Each lane's ticket key (`ticketKeyOfDigestAt`) from the digest words 0..7 of groups 0..groups-1, into `keyValues`. */
  keys(groups: number): void {
    this.runKeys(checked(groups));
  }
}

function checked(groups: number): number {
  if (!(Number.isInteger(groups) && groups >= 0 && groups <= MAX_GROUPS))
    throw new RangeError(`between 0 and ${MAX_GROUPS} groups`);
  return groups;
}
