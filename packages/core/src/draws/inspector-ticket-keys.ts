/**
 * The keys of a draw's inspector tickets, computed apart from the choice among them (issue 14: a
 * province's draw is 30,000 targets × ~160 candidates = 5 million keys; they do not depend on the
 * loads, so they can be computed ahead, on other threads, and handed to `InspectorAssigner.step`).
 *
 * Issue 14 (a draw over 100,000 entities in < 2 s on 2 cores): the keys whose message after `H(S)` fits
 * one block are hashed four at a time with WebAssembly SIMD (`inspector-ticket-keys-x4.ts`); the others
 * (ids too long for one block, the last < 4 keys), and all of them without WebAssembly SIMD, in JS.
 * Both give exactly the same keys (`inspector-ticket-keys.spec.ts`).
 */
import { sha256Hex, ticketKeysFor, type TicketKeys } from './consistent-sampler.js';
import { fourAtATimeKeys } from './inspector-ticket-keys-x4.js';
import { Sha256AfterBlock } from './sha256-after-block.js';
import { Sha256x4 } from './sha256x4.js';

/** The id whose ticket orders inspector `i` for target `t` is this prefix followed by `i` (shared/verifiable-draw.md). */
export function inspectorTicketPrefix(target: string): string {
  return `inspector:${target}:`;
}

/**
 * For the given candidates (in the assigner's order, `InspectorAssigner.candidateIds`), a function
 * from a list of targets to their keys, row-major: `keys[t * candidateIds.length + c]` is
 * `ticketKeysFor(S).key(inspectorTicketPrefix(targets[t]) + candidateIds[c])`. Keys are below 10^15,
 * exact in a double. `simd: false` hashes in JS only (the reference the SIMD path is tested against).
 */
export function inspectorTicketKeysFor(
  seedString: string,
  candidateIds: readonly string[],
  options: { simd?: boolean } = {},
): (targets: readonly string[]) => Float64Array {
  const keys = ticketKeysFor(seedString);
  const idBytes = candidateIds.map((id) => Buffer.from(id, 'utf8'));
  const lanes =
    options.simd === false
      ? null
      : Sha256x4.create(new Sha256AfterBlock(Buffer.from(sha256Hex(seedString), 'latin1')).midstate());
  if (lanes) return fourAtATimeKeys(lanes, keys, idBytes, inspectorTicketPrefix);
  return (targets) => oneAtATimeKeys(keys, idBytes, targets);
}

/** The keys hashed one by one in JS, the prefix of each target once. */
function oneAtATimeKeys(keys: TicketKeys, idBytes: readonly Uint8Array[], targets: readonly string[]): Float64Array {
  const width = idBytes.length;
  const out = new Float64Array(targets.length * width);
  for (let t = 0; t < targets.length; t++) {
    keys.setPrefix(Buffer.from(inspectorTicketPrefix(targets[t]!), 'utf8'));
    const row = t * width;
    for (let c = 0; c < width; c++) out[row + c] = keys.keyAfterPrefix(idBytes[c]!);
  }
  return out;
}

/** `inspectorTicketKeysFor(seedString, candidateIds)(targets)`: one block of keys. */
export function inspectorTicketKeys(
  seedString: string,
  targets: readonly string[],
  candidateIds: readonly string[],
): Float64Array {
  return inspectorTicketKeysFor(seedString, candidateIds)(targets);
}
