/**
 * The statute table: every law the rulebook cites for a sanction (issue 11 §1), one file per law, and
 * the lookups the validator needs: an article by id, the version of a law in force on a day.
 */
import { compareIsoDates, type IsoDate } from '../../shared/iso-date.js';
import { ASSEMBLY_IMPLEMENTING_REGULATIONS } from './assembly-implementing-regulations.js';
import { ASSEMBLY_ARTICLES, ASSEMBLY_LAW } from './assembly-law.js';
import { GRADED_PROTECTION_ARTICLES, GRADED_PROTECTION_MEASURES } from './graded-protection-measures.js';
import { HEBEI_ASSEMBLY_MEASURES } from './hebei-assembly-measures.js';
import { HEBEI_LARGE_EVENTS_MEASURES } from './hebei-large-events-measures.js';
import { HEBEI_WORK_SAFETY_REGULATIONS } from './hebei-work-safety-regulations.js';
import { INTERNAL_SECURITY_ARTICLES, INTERNAL_SECURITY_REGULATIONS } from './internal-security-regulations.js';
import { INTERNATIONAL_NETWORKING_ARTICLES, INTERNATIONAL_NETWORKING_MEASURES } from './international-networking-measures.js';
import { INTERNET_CAFE_ARTICLES, INTERNET_CAFE_REGULATIONS } from './internet-cafe-regulations.js';
import { LARGE_EVENTS_ARTICLES, LARGE_EVENTS_REGULATIONS } from './large-events-regulations.js';
import { PAWNING_ARTICLES, PAWNING_MEASURES } from './pawning-measures.js';
import { PUBLIC_SECURITY_PUNISHMENTS_ARTICLES, PUBLIC_SECURITY_PUNISHMENTS_LAW } from './public-security-punishments-law.js';
import { ROAD_TRAFFIC_SAFETY_ARTICLES, ROAD_TRAFFIC_SAFETY_LAW } from './road-traffic-safety-law.js';
import { RULEBOOK_SEAL_ENGRAVING, RULEBOOK_SEAL_ENGRAVING_ARTICLES } from './rulebook-seal-engraving.js';
import { SECURITY_PRODUCTS_MEASURES } from './security-products-measures.js';
import { SECURITY_SERVICES_REGULATIONS } from './security-services-regulations.js';
import type { StatuteArticle, StatuteLaw, StatuteModule, StatuteVersion } from './statute-types.js';
import { WORK_SAFETY_ARTICLES, WORK_SAFETY_LAW } from './work-safety-law.js';

const MODULES: readonly StatuteModule[] = [
  { law: PUBLIC_SECURITY_PUNISHMENTS_LAW, articles: PUBLIC_SECURITY_PUNISHMENTS_ARTICLES },
  { law: WORK_SAFETY_LAW, articles: WORK_SAFETY_ARTICLES },
  { law: HEBEI_WORK_SAFETY_REGULATIONS, articles: [] },
  { law: ROAD_TRAFFIC_SAFETY_LAW, articles: ROAD_TRAFFIC_SAFETY_ARTICLES },
  { law: LARGE_EVENTS_REGULATIONS, articles: LARGE_EVENTS_ARTICLES },
  { law: HEBEI_LARGE_EVENTS_MEASURES, articles: [] },
  { law: ASSEMBLY_LAW, articles: ASSEMBLY_ARTICLES },
  { law: ASSEMBLY_IMPLEMENTING_REGULATIONS, articles: [] },
  { law: HEBEI_ASSEMBLY_MEASURES, articles: [] },
  { law: SECURITY_SERVICES_REGULATIONS, articles: [] },
  { law: SECURITY_PRODUCTS_MEASURES, articles: [] },
  { law: RULEBOOK_SEAL_ENGRAVING, articles: RULEBOOK_SEAL_ENGRAVING_ARTICLES },
  { law: PAWNING_MEASURES, articles: PAWNING_ARTICLES },
  { law: INTERNET_CAFE_REGULATIONS, articles: INTERNET_CAFE_ARTICLES },
  { law: GRADED_PROTECTION_MEASURES, articles: GRADED_PROTECTION_ARTICLES },
  { law: INTERNATIONAL_NETWORKING_MEASURES, articles: INTERNATIONAL_NETWORKING_ARTICLES },
  { law: INTERNAL_SECURITY_REGULATIONS, articles: INTERNAL_SECURITY_ARTICLES },
];

export const STATUTE_LAWS: readonly StatuteLaw[] = MODULES.map((m) => m.law);
export const STATUTE_ARTICLES: readonly StatuteArticle[] = MODULES.flatMap((m) => m.articles);

export function findStatuteLaw(lawId: string): StatuteLaw | undefined {
  return STATUTE_LAWS.find((l) => l.id === lawId);
}

export function findStatuteArticle(id: string): StatuteArticle | undefined {
  const key = id.trim().toUpperCase();
  return STATUTE_ARTICLES.find((a) => a.id === key);
}

export function findStatuteVersion(versionId: string): StatuteVersion | undefined {
  return STATUTE_LAWS.flatMap((l) => l.versions).find((v) => v.id === versionId);
}

/** Articles of these laws, every version. */
export function articlesOfLaws(lawIds: readonly string[]): StatuteArticle[] {
  return STATUTE_ARTICLES.filter((a) => lawIds.includes(a.lawId));
}

const inForce = (v: StatuteVersion, day: IsoDate): boolean =>
  (v.inForceFrom === null || compareIsoDates(v.inForceFrom, day) <= 0) &&
  (v.inForceUntil === null || compareIsoDates(day, v.inForceUntil) <= 0);

/** The version of a law in force on `day`, or null when the table knows none for that day. */
export function versionInForce(lawId: string, day: IsoDate): StatuteVersion | null {
  return findStatuteLaw(lawId)?.versions.find((v) => inForce(v, day)) ?? null;
}

/** The row of `provision` in a version, if the table has one. */
export function articleOfProvision(provision: string, versionId: string): StatuteArticle | undefined {
  return STATUTE_ARTICLES.find((a) => a.provision === provision && a.versionId === versionId);
}

/** Human label of an article: 《…》（2012年修正本）第五十九条. */
export function articleLabel(a: StatuteArticle): { zh: string; en: string } {
  const law = findStatuteLaw(a.lawId)!;
  const version = findStatuteVersion(a.versionId)!;
  return {
    zh: `${law.zh}（${version.zh}）${a.article ?? `：${a.zh}`}`,
    en: `${law.en} (${version.en})${a.article ? ` ${a.id}` : `: ${a.en}`}`,
  };
}

/** The statute table (or the part of it these laws make), as `rules list --json` and `/api/v1/rules` give it. */
export function statuteTableOf(lawIds?: readonly string[]): { laws: StatuteLaw[]; articles: StatuteArticle[] } {
  const keep = (id: string) => lawIds === undefined || lawIds.includes(id);
  return { laws: STATUTE_LAWS.filter((l) => keep(l.id)), articles: STATUTE_ARTICLES.filter((a) => keep(a.lawId)) };
}

/** The laws the regimes' penalties rest on: the part of the statute table shown beside those regimes. */
export function statutesOfRegimes(regimes: readonly { penalties: readonly { laws: readonly string[] }[] }[]) {
  return statuteTableOf([...new Set(regimes.flatMap((r) => r.penalties.flatMap((p) => p.laws)))]);
}
