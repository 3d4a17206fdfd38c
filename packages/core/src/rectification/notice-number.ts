/**
 * The number of a 责令限期整改通知书: one sequence per issuing brigade's prefix and year, taken in the
 * issuing transaction (packages/db, table document_counter). Format: `鹿公治限改字〔2026〕0001号`.
 */
import { brigadeOfRegime } from '../permissions/scope.js';

/** The document prefix of each brigade's rectification notices (the bureau's document numbering). */
export const RECTIFICATION_NOTICE_PREFIX: Readonly<Record<string, string>> = {
  'B-ZA': '鹿公治限改字', // 治安管理大队
  'B-JJ': '鹿公交限改字', // 交通警察大队
  'B-WA': '鹿公网限改字', // 网络安全管理大队
  'B-CRJ': '鹿公出限改字', // 出入境管理大队
};

/** The prefix of a regime's notices (through the brigade that runs the regime); undefined for an unknown regime. */
export function noticePrefixOfRegime(regime: string): string | undefined {
  const brigade = brigadeOfRegime(regime);
  return brigade === undefined ? undefined : RECTIFICATION_NOTICE_PREFIX[brigade];
}

/** `${prefix}〔${year}〕${n padded to 4}号`; n must be a positive whole number. */
export function formatDocumentNumber(prefix: string, year: number, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`document sequence must be a positive integer, got ${n}`);
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`invalid year ${year}`);
  return `${prefix}〔${year}〕${String(n).padStart(4, '0')}号`;
}

const NUMBER = /^(.+)〔(\d{4})〕(\d{4,})号$/;

/** The parts of a document number, or null when it is not one. */
export function parseDocumentNumber(s: string): { prefix: string; year: number; n: number } | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), n: Number(m[3]) };
}
