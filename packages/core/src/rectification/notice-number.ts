/**
 * The number of a 责令限期整改通知书: one sequence per issuing brigade's prefix and year, taken in the
 * issuing transaction (packages/db, table document_counter). Format: `鹿公治限改字〔2026〕0001号`.
 */
import { BRIGADE_DOCUMENT_ABBREVIATION } from '../penalties/decision-number.js';
import { brigadeOfRegime } from '../permissions/scope.js';

/**
 * The prefix of a regime's notices, through the brigade that runs the regime and the brigade's
 * abbreviation in the bureau's document numbers: 治安 鹿公治限改字, 交通 鹿公交限改字, 网安 鹿公网限改字,
 * 出入境 鹿公出限改字. Undefined for an unknown regime.
 */
export function noticePrefixOfRegime(regime: string): string | undefined {
  const brigade = brigadeOfRegime(regime);
  const abbr = brigade === undefined ? undefined : BRIGADE_DOCUMENT_ABBREVIATION[brigade];
  return abbr === undefined ? undefined : `鹿公${abbr}限改字`;
}

// The number itself is formatted by formatDocumentNumber (penalties/decision-number.ts), the
// bureau's one format for every document.
const NUMBER = /^(.+)〔(\d{4})〕(\d{4,})号$/;

/** The parts of a document number, or null when it is not one. */
export function parseDocumentNumber(s: string): { prefix: string; year: number; n: number } | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), n: Number(m[3]) };
}
