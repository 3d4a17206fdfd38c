/**
 * The keys of a draw's inspector tickets, computed apart from the choice among them (issue 14: a
 * province's draw is 30,000 targets × ~160 candidates = 5 million keys; they do not depend on the
 * loads, so they can be computed ahead, on other threads, and handed to `InspectorAssigner.step`).
 */
import { ticketKeysFor } from './consistent-sampler.js';

/** The id whose ticket orders inspector `i` for target `t` is this prefix followed by `i` (shared/verifiable-draw.md). */
export function inspectorTicketPrefix(target: string): string {
  return `inspector:${target}:`;
}

/**
 * For the given candidates (in the assigner's order, `InspectorAssigner.candidateIds`), a function
 * from a list of targets to their keys, row-major: `keys[t * candidateIds.length + c]` is
 * `ticketKeysFor(S).key(inspectorTicketPrefix(targets[t]) + candidateIds[c])`. Keys are below 10^15,
 * exact in a double.
 */
export function inspectorTicketKeysFor(
  seedString: string,
  candidateIds: readonly string[],
): (targets: readonly string[]) => Float64Array {
  const keys = ticketKeysFor(seedString);
  const idBytes = candidateIds.map((id) => Buffer.from(id, 'utf8'));
  const width = idBytes.length;
  return (targets) => {
    const out = new Float64Array(targets.length * width);
    for (let t = 0; t < targets.length; t++) {
      keys.setPrefix(Buffer.from(inspectorTicketPrefix(targets[t]!), 'utf8'));
      const row = t * width;
      for (let c = 0; c < width; c++) out[row + c] = keys.keyAfterPrefix(idBytes[c]!);
    }
    return out;
  };
}

/** `inspectorTicketKeysFor(seedString, candidateIds)(targets)`: one block of keys. */
export function inspectorTicketKeys(
  seedString: string,
  targets: readonly string[],
  candidateIds: readonly string[],
): Float64Array {
  return inspectorTicketKeysFor(seedString, candidateIds)(targets);
}
