/**
 * Document numbers of the bureau's written decisions: `鹿公(治)行罚决字〔2026〕0001号`. One counter per
 * prefix and year (the database's `document_counter`, taken in the issuing transaction); the prefix
 * names the brigade that decides, by the one-character abbreviation the bureau's documents use
 * (the same as the demo's rectification notices, 鹿公治限改字…).
 */

/** The brigade's abbreviation in a document number. */
export const BRIGADE_DOCUMENT_ABBREVIATION: Readonly<Record<string, string>> = {
  'B-CRJ': '出',
  'B-JJ': '交',
  'B-ZA': '治',
  'B-WA': '网',
};

/** The counter prefix of a brigade's penalty decisions (行政处罚决定书), e.g. `鹿公(治)行罚决字`. */
export function penaltyDecisionPrefix(brigadeId: string): string {
  const abbr = BRIGADE_DOCUMENT_ABBREVIATION[brigadeId];
  if (abbr === undefined) throw new RangeError(`No document abbreviation for brigade ${brigadeId}`);
  return `鹿公(${abbr})行罚决字`;
}

/** `prefix〔year〕NNNN号`: the number of the `no`-th document of the prefix in `year` (from 1). */
export function formatDocumentNumber(prefix: string, year: number, no: number): string {
  if (!Number.isSafeInteger(no) || no < 1) throw new RangeError(`Document sequence must be a positive integer, got ${no}`);
  if (!Number.isSafeInteger(year) || year < 1900 || year > 9999) throw new RangeError(`Invalid document year ${year}`);
  return `${prefix}〔${year}〕${String(no).padStart(4, '0')}号`;
}
