/**
 * The tickets of Ronald Rivest's consistent sampler (`consistent_sampler`, used by election
 * risk-limiting audits), as `consistent-sampler/v1` of shared/verifiable-draw.md uses them. Pure and
 * deterministic: SHA-256 from node:crypto, BigInt for the decimal digits; the seed comes in.
 */
import { createHash } from 'node:crypto';

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
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Plain string order of two tickets (decimal fractions of the same form compare as strings). */
export function compareTickets(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deduplicated and sorted by UTF-8 bytes: the canonical form of a population or roster. */
export function canonicalIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareUtf8);
}

/** `hex(SHA-256(ids joined by "\n"))`, no trailing newline. */
export function populationSha256(canonical: readonly string[]): string {
  return sha256Hex(canonical.join('\n'));
}

/** The population sorted by ticket ascending, ties by id: the consistent sampler's order. */
export function sampleOrder(population: readonly string[], seedString: string): string[] {
  const t = ticketsFor(seedString);
  return population
    .map((id) => ({ id, ticket: t(id) }))
    .sort((a, b) => compareTickets(a.ticket, b.ticket) || compareUtf8(a.id, b.id))
    .map((x) => x.id);
}
