/**
 * The shape of the statute table (issue 11 §1): each law the rulebook cites for a sanction, its
 * versions with the dates they were in force, and its articles with the sanctions they allow per party.
 *
 * Honesty rule: there is no authoritative statute text in this repository except the rulebook itself
 * (shared/seed). A row whose numbers the rulebook quotes is `verified` by that clause; a row written
 * from memory is `unverified` and the validator never accepts it silently (it asks for a recorded
 * legal review, 法制审核, and checks the sanction against the reviewed range instead).
 */
import type { IsoDate } from '../../shared/iso-date.js';
import type { PenaltyPrecondition, SanctionTier } from '../sanctions.js';

export type Verification =
  /** The rulebook quotes these sanctions: `clause` is where, `quote` the words. */
  | { kind: 'seed'; clause: string; quote: string; note?: string }
  /** Written from memory, or the rulebook names the law but not these numbers. */
  | { kind: 'unverified'; note: string };

export interface StatuteVersion {
  id: string;
  lawId: string;
  zh: string;
  en: string;
  /** First day in force; null when the table does not know it (no act is then matched to it by date). */
  inForceFrom: IsoDate | null;
  /** Last day in force; null while in force (or unknown). */
  inForceUntil: IsoDate | null;
  /** Where the dates come from, and whether they are verified. */
  datesSource: string;
}

export interface StatuteLaw {
  id: string;
  zh: string;
  en: string;
  versions: readonly StatuteVersion[];
  /** Why the table holds no (or few) articles of this law, when that is so. */
  note?: string;
}

export interface StatuteArticle {
  /** Stable id, typed into the CLI and stored with a penalty: `<version>-<article>`. */
  id: string;
  lawId: string;
  versionId: string;
  /** The same provision across versions (从旧兼从轻 compares a provision's versions). */
  provision: string;
  /** 第五十九条; null where no verified source gives the number. */
  article: string | null;
  zh: string;
  en: string;
  tiers: readonly SanctionTier[];
  preconditions: readonly PenaltyPrecondition[];
  verification: Verification;
}

export interface StatuteModule {
  law: StatuteLaw;
  articles: readonly StatuteArticle[];
}

/**
 * A law the table holds no article of (its text is not available here, or its penalty articles could
 * not be verified): one version, and the note saying why every sanction under it needs a legal review.
 */
export function lawWithoutArticles(l: {
  id: string;
  zh: string;
  en: string;
  version: Omit<StatuteVersion, 'lawId' | 'inForceUntil'>;
  note: string;
}): StatuteLaw {
  return { id: l.id, zh: l.zh, en: l.en, versions: [{ ...l.version, lawId: l.id, inForceUntil: null }], note: l.note };
}

/** The version of a law whose text, and so its dates, are not available here. */
export const UNKNOWN_TEXT = {
  zh: '现行文本',
  en: 'text in force',
  inForceFrom: null,
  datesSource: 'not available here: the version and its dates are unknown',
} as const;

export const NO_TEXT_NOTE = 'No article is in the table (text not available here): every sanction under it needs a legal review.';
