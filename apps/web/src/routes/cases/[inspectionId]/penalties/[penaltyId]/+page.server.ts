import { error } from '@sveltejs/kit';
import { articleLabel, findPenaltyRule, findStatuteArticle, type PenaltyDecisionContent } from '@supervise/core';
import { readPenalty } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** Issue 10 §4: one penalty decision of a case, as frozen when it was recorded (`cases.view` in scope). */
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const inspectionId = Number(event.params.inspectionId);
  const penaltyId = Number(event.params.penaltyId);
  if (!Number.isSafeInteger(penaltyId) || penaltyId <= 0) error(404, 'not found');
  const r = await readPenalty(getDb(), actorOf(event, user), penaltyId);
  if (!r.ok) error(r.code === 'NOT_FOUND' ? 404 : 403, r.code === 'NOT_FOUND' ? 'not found' : 'forbidden');
  const p = r.penalty;
  // The penalty belongs to the case named in the path.
  if (p.inspectionId !== inspectionId) error(404, 'not found');
  const rule = findPenaltyRule(p.violationCode);
  // Issue 11: the article applied — a row of core's statute table (named by its label), or the words
  // of an article the table lacks (then a legal review is on the file).
  const row = p.statuteArticle ? findStatuteArticle(p.statuteArticle) : undefined;
  return {
    penalty: {
      id: p.id,
      inspectionId,
      entity: { code: p.entity.code, name: p.entity.name },
      regimeCode: p.regimeCode,
      violationCode: p.violationCode,
      violation: rule ? { zh: rule.zh, en: rule.en, clause: rule.clause, law: rule.legalBasis.zh } : null,
      severity: p.severity,
      party: p.party,
      facts: p.facts,
      hearingNotifiedOn: p.hearingNotifiedOn,
      hearingRequested: p.hearingRequested,
      hearingHeldOn: p.hearingHeldOn,
      collectiveDiscussionOn: p.collectiveDiscussionOn,
      collectiveDiscussionNote: p.collectiveDiscussionNote,
      decidedOn: p.decidedOn,
      actOn: p.actOn,
      article: row ? articleLabel(row) : p.statuteArticle ? { zh: p.statuteArticle, en: p.statuteArticle } : null,
      legalReview: p.legalReview
        ? {
            reviewer: p.legalReview.reviewer,
            reviewedOn: p.legalReview.reviewedOn,
            article: p.legalReview.article,
            opinion: p.legalReview.opinion,
          }
        : null,
      createdBy: p.createdBy,
    },
    document: p.document
      ? {
          id: p.document.id,
          number: p.document.number,
          sha256: p.document.contentSha256,
          content: p.document.content as unknown as PenaltyDecisionContent,
        }
      : null,
  };
};
