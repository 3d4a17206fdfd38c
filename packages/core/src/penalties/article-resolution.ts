/**
 * Which statute article a penalty applies, and in which version (issue 11 §1–2):
 * - the officer names the article (an id of the statute table, or words for one the table lacks);
 *   where the rulebook quotes one provision for the violation, that provision is the default;
 * - the version applied is the one in force on the day of the act, or the later one in force on the
 *   day of the decision where it is lighter (从旧兼从轻, 《中华人民共和国行政处罚法》第三十七条; see
 *   statute-lighter.ts for what "lighter" means here);
 * - an article the table lacks, or one it does not vouch for (unverified, or a later version whose
 *   lightness it cannot tell), is a ground for a legal review, never accepted silently.
 */
import { compareIsoDates, isIsoDate, type IsoDate } from '../shared/iso-date.js';
import type { Reason } from '../shared/reason.js';
import type { PenaltyRule } from './penalty-table.js';
import { compareLightness } from './statutes/statute-lighter.js';
import {
  articleLabel,
  articleOfProvision,
  findStatuteArticle,
  findStatuteLaw,
  findStatuteVersion,
  versionInForce,
} from './statutes/statute-table.js';
import type { StatuteArticle, StatuteVersion } from './statutes/statute-types.js';

export interface ArticleResolution {
  /** The table's row whose sanctions apply (null: none usable, a legal review decides). */
  article: StatuteArticle | null;
  /** What the penalty cites: the row's id, or the words entered for an article the table lacks. */
  citation: string | null;
  appliedVersion: StatuteVersion | null;
  /** Why the table cannot vouch for the article: each needs a recorded legal review. */
  reviewGrounds: Reason[];
  /** Refusals (an article of another violation, a version not in force …). */
  reasons: Reason[];
}

const ART37 = '《中华人民共和国行政处罚法》第三十七条（从旧兼从轻）';

export function resolveArticle(
  rule: PenaltyRule,
  given: string | null | undefined,
  actOn: IsoDate | null | undefined,
  decidedOn: IsoDate | null | undefined,
): ArticleResolution {
  const out: ArticleResolution = { article: null, citation: null, appliedVersion: null, reviewGrounds: [], reasons: [] };
  const clause = rule.clause;
  if (!isIsoDate(actOn)) {
    out.reasons.push({
      code: 'PENALTY-ACT-DATE-REQUIRED',
      zh: '请填写违法行为发生日期（据此确定适用的法律版本）',
      en: 'Enter the date of the act (it decides the version of the law applied)',
      clause: ART37,
    });
  }
  if (!isIsoDate(decidedOn)) {
    out.reasons.push({
      code: 'PENALTY-DECISION-DATE-REQUIRED',
      zh: '请填写处罚决定日期',
      en: 'Enter the date of the decision',
      clause: ART37,
    });
  }
  if (out.reasons.length > 0) return out;
  const act = actOn as IsoDate;
  const decided = decidedOn as IsoDate;
  if (compareIsoDates(decided, act) < 0) {
    out.reasons.push({
      code: 'PENALTY-DECIDED-BEFORE-ACT',
      zh: `决定日期 ${decided} 早于违法行为日期 ${act}`,
      en: `The decision (${decided}) precedes the act (${act})`,
    });
    return out;
  }

  const text = (given ?? '').trim();
  let article: StatuteArticle | undefined;
  if (text === '') {
    if (rule.provisions.length !== 1) {
      out.reasons.push({
        code: 'PENALTY-ARTICLE-REQUIRED',
        zh: `规章仅写明依据${rule.legalBasis.zh}处罚：请选择所适用的法律条款`,
        en: `The rulebook only names the ${rule.legalBasis.en}: pick the article applied`,
        clause,
      });
      return out;
    }
    // The rulebook quotes one provision: the row of the version in force on the day of the act.
    const provision = rule.provisions[0]!;
    const lawId = provision.split('/')[0]!;
    const version = versionInForce(lawId, act);
    article = version ? articleOfProvision(provision, version.id) : undefined;
    if (!article) {
      const law = findStatuteLaw(lawId)!;
      out.citation = version ? `${law.zh}（${version.zh}）` : law.zh;
      out.appliedVersion = version;
      out.reviewGrounds.push({
        code: 'PENALTY-ARTICLE-VERSION-NOT-IN-TABLE',
        zh: `违法行为发生时（${act}）施行的${out.citation}条文未收录于法条表`,
        en: `The ${law.en} in force on the day of the act (${act}) is not in the statute table`,
        clause: ART37,
      });
      return out;
    }
  } else {
    article = findStatuteArticle(text);
    if (!article) {
      out.citation = text;
      out.reviewGrounds.push({
        code: 'PENALTY-ARTICLE-NOT-IN-TABLE',
        zh: `所引条款“${text}”未收录于法条表`,
        en: `The article “${text}” is not in the statute table`,
        clause,
      });
      return out;
    }
  }

  out.citation = article.id;
  if (!rule.laws.includes(article.lawId) || (rule.provisions.length > 0 && !rule.provisions.includes(article.provision))) {
    out.reasons.push({
      code: 'PENALTY-ARTICLE-NOT-OF-VIOLATION',
      zh: `${articleLabel(article).zh} 不是该违法行为所依据的条款（${rule.legalBasis.zh}）`,
      en: `${article.id} is not an article this violation rests on (${rule.legalBasis.en})`,
      clause,
    });
    return out;
  }

  const atAct = versionInForce(article.lawId, act);
  const atDecision = versionInForce(article.lawId, decided);
  const version = findStatuteVersion(article.versionId)!;
  if (!atAct) {
    out.reviewGrounds.push({
      code: 'PENALTY-ARTICLE-NO-VERSION-AT-ACT',
      zh: `法条表未收录违法行为发生时（${act}）施行的版本`,
      en: `The table has no version in force on the day of the act (${act})`,
      clause: ART37,
    });
    out.appliedVersion = version;
    out.article = article;
  } else if (article.versionId === atAct.id) {
    out.article = article;
    out.appliedVersion = atAct;
    if (atDecision && atDecision.id !== atAct.id) {
      const later = articleOfProvision(article.provision, atDecision.id);
      const cmp = later ? compareLightness(article, later) : 'incomparable';
      if (cmp === 'lighter') {
        out.reasons.push({
          code: 'PENALTY-LIGHTER-LATER-VERSION',
          zh: `作出决定时施行的${atDecision.zh}处罚较轻，应当适用 ${later!.id}`,
          en: `The ${atDecision.en} in force at the decision is lighter: apply ${later!.id}`,
          clause: ART37,
        });
      } else if (cmp === 'incomparable') {
        out.reviewGrounds.push({
          code: 'PENALTY-LATER-VERSION-UNCOMPARED',
          zh: `作出决定时已施行${atDecision.zh}，${later ? '轻重无法自动比较' : '其相应条文未收录于法条表'}：是否从轻须经法制审核`,
          en: `The ${atDecision.en} was in force at the decision and ${later ? 'cannot be compared automatically' : 'is not in the table'}: whether it is lighter needs a legal review`,
          clause: ART37,
        });
      }
    }
  } else if (atDecision && article.versionId === atDecision.id) {
    // A later version chosen: only where it is lighter than the one in force at the act.
    const prev = articleOfProvision(article.provision, atAct.id);
    const cmp = prev ? compareLightness(prev, article) : 'incomparable';
    if (cmp === 'lighter') {
      out.article = article;
      out.appliedVersion = atDecision;
    } else if (cmp === 'incomparable') {
      out.article = article;
      out.appliedVersion = atDecision;
      out.reviewGrounds.push({
        code: 'PENALTY-LATER-VERSION-UNCOMPARED',
        zh: `适用新版本（${atDecision.zh}）须较违法行为发生时的版本（${atAct.zh}）处罚较轻，法条表无法比较：须经法制审核`,
        en: `A later version (${atDecision.en}) applies only if lighter than the one at the act (${atAct.en}); the table cannot tell: a legal review is needed`,
        clause: ART37,
      });
    } else {
      out.reasons.push({
        code: 'PENALTY-ARTICLE-VERSION-NOT-IN-FORCE',
        zh: `应当适用违法行为发生时施行的${atAct.zh}（${prev!.id}）：新版本并不较轻`,
        en: `The ${atAct.en} in force at the act applies (${prev!.id}): the later version is not lighter`,
        clause: ART37,
      });
    }
  } else {
    out.reasons.push({
      code: 'PENALTY-ARTICLE-VERSION-NOT-IN-FORCE',
      zh: `${articleLabel(article).zh}（${version.zh}）在违法行为发生时（${act}）未施行，应适用${atAct.zh}`,
      en: `${article.id} (${version.en}) was not in force on the day of the act (${act}); the ${atAct.en} applies`,
      clause: ART37,
    });
  }

  if (out.article && out.article.verification.kind === 'unverified') {
    out.reviewGrounds.push({
      code: 'PENALTY-ARTICLE-UNVERIFIED',
      zh: `${articleLabel(out.article).zh} 的处罚幅度未经权威文本核实：${out.article.verification.note}`,
      en: `The sanctions of ${out.article.id} are not verified against an authoritative text: ${out.article.verification.note}`,
      clause,
    });
  }
  return out;
}
