/**
 * Inspector ticket keys four at a time (issue 14: 5 million keys in a province's draw). Every key whose
 * message after `H(S)` (the prefix "inspector:<target>:", the id, 0x80, the 8-byte length) fits one
 * 64-byte block is written into a lane of `Sha256x4`'s memory as 16 big-endian words, lanes filled
 * across candidates and targets alike; each full batch is compressed at once and its digests turned
 * into keys by `ticketKeyOfDigestAt`'s WebAssembly twin (`ticket-key-wasm.ts`). Longer messages, and the last < 4 keys, are
 * hashed in JS (`TicketKeys.keyOfBytes`). The keys are those of the JS path, exactly.
 */
import type { TicketKeys } from './consistent-sampler.js';
import { Sha256x4 } from './sha256x4.js';

/** Most message bytes after `H(S)` that one block holds with the 0x80 byte and the 8-byte length. */
const ONE_BLOCK_BYTES = 55;
/** Words 0..13 of a block hold the message; 14 and 15 its length in bits. */
const MESSAGE_WORDS = 14;

/** The big-endian words 0..13 of `bytes` (zero beyond its end) into `out` from `at`. */
function wordsOf(bytes: Uint8Array, out: Int32Array, at: number): void {
  for (let j = 0; j < Math.min(bytes.length, MESSAGE_WORDS * 4); j++) out[at + (j >> 2)]! |= bytes[j]! << (24 - 8 * (j & 3));
}

/**
 * For every id and every byte alignment a (0..3) where it may start in a word: the words of `a` zero
 * bytes, the id and 0x80 (zero after). OR'd with the prefix's last word they continue any prefix.
 */
function idTails(idBytes: readonly Uint8Array[]): Int32Array {
  const tails = new Int32Array(idBytes.length * 4 * MESSAGE_WORDS);
  idBytes.forEach((id, c) => {
    for (let a = 0; a < 4; a++) {
      const bytes = new Uint8Array(a + id.length + 1);
      bytes.set(id, a);
      bytes[a + id.length] = 0x80;
      wordsOf(bytes, tails, (c * 4 + a) * MESSAGE_WORDS);
    }
  });
  return tails;
}

export function fourAtATimeKeys(
  lanes: Sha256x4,
  keys: TicketKeys,
  idBytes: readonly Uint8Array[],
  prefixOf: (target: string) => string,
): (targets: readonly string[]) => Float64Array {
  const width = idBytes.length;
  const idLength = Int32Array.from(idBytes, (id) => id.length);
  const tails = idTails(idBytes);
  const words = lanes.words;
  const capacity = Sha256x4.maxGroups * 4;
  const destination = new Int32Array(capacity); // slot → index in `out`
  const prefixWords = new Int32Array(MESSAGE_WORDS);
  const blocks = Sha256x4.blocksIndex;
  const groupWords = Sha256x4.groupWords;
  const keyValues = lanes.keyValues;
  const firstKey = Sha256x4.keysIndex;
  const groupKeys = Sha256x4.groupKeys;

  /** Compresses the first `groups` groups and stores their keys. */
  const flush = (out: Float64Array, groups: number) => {
    lanes.compress(groups);
    lanes.keys(groups);
    for (let slot = 0; slot < groups * 4; slot++)
      out[destination[slot]!] = keyValues[firstKey + (slot >> 2) * groupKeys + (slot & 3)]!;
  };

  return (targets) => {
    const out = new Float64Array(targets.length * width);
    let slot = 0;
    for (let t = 0; t < targets.length; t++) {
      const prefix = Buffer.from(prefixOf(targets[t]!), 'utf8');
      const p = prefix.length;
      const row = t * width;
      const room = ONE_BLOCK_BYTES - p; // the longest id whose message is one block
      const q = p >> 2; // the word where the id starts, at byte p & 3 of it
      const tailOf = (p & 3) * MESSAGE_WORDS;
      if (room >= 0) {
        prefixWords.fill(0);
        wordsOf(prefix, prefixWords, 0);
      }
      for (let c = 0; c < width; c++) {
        const length = idLength[c]!;
        if (length > room) {
          out[row + c] = keys.keyOfBytes(prefix, idBytes[c]!);
          continue;
        }
        const base = blocks + (slot >> 2) * groupWords + (slot & 3);
        const tail = c * 4 * MESSAGE_WORDS + tailOf - q;
        for (let j = 0; j < q; j++) words[base + 4 * j] = prefixWords[j]!;
        words[base + 4 * q] = prefixWords[q]! | tails[tail + q]!;
        for (let j = q + 1; j < MESSAGE_WORDS; j++) words[base + 4 * j] = tails[tail + j]!;
        // Word 14, the bit length's high half, is 0 in every block: the memory starts zeroed and
        // nothing else writes it. Word 15 is the bit length.
        words[base + 60] = (64 + p + length) * 8;
        destination[slot] = row + c;
        if (++slot === capacity) {
          flush(out, Sha256x4.maxGroups);
          slot = 0;
        }
      }
    }
    const full = slot >> 2;
    if (full > 0) flush(out, full);
    for (let s = full * 4; s < slot; s++) {
      const index = destination[s]!;
      const t = Math.floor(index / width);
      out[index] = keys.keyOfBytes(Buffer.from(prefixOf(targets[t]!), 'utf8'), idBytes[index - t * width]!);
    }
    return out;
  };
}
