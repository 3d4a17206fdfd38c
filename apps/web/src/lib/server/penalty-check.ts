/**
 * The body of `POST /api/v1/penalties/check`, validated with zod into core's `ProposedPenalty`.
 * Money is in fen (integers), as everywhere in core. The regime/violation check is core's
 * `findViolationOfRegime`, the same one the CLI's `penalty check` uses.
 */
import {
  PRECONDITION_TEXT,
  REGIME_CODES,
  defaultParty,
  findViolationOfRegime,
  type PenaltyPrecondition,
  type ProposedPenalty,
  type RegimeCode,
} from '@supervise/core';
import { z } from 'zod';
import { ApiError, badRequest, parseBody } from './api-error.js';

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const fenRange = z.strictObject({ minFen: fen, maxFen: fen }).nullable().optional();
const dayRange = z
  .strictObject({ minDays: z.number().int().min(0).max(365), maxDays: z.number().int().min(0).max(365) })
  .nullable()
  .optional();

/** A recorded legal review (法制审核), as core's `LegalReview`: shared with `POST /api/v1/penalties`. */
export const legalReviewSchema = z.strictObject({
  reviewer: z.string().min(1).max(400),
  reviewedOn: isoDate,
  article: z.string().min(1).max(400),
  opinion: z.string().min(1).max(4000),
  approved: z.strictObject({
    warning: z.boolean().optional(),
    fine: fenRange,
    detention: dayRange,
    suspension: z.boolean().optional(),
    revocation: z.boolean().optional(),
    confiscation: z.boolean().optional(),
    personFine: fenRange,
    personDetention: dayRange,
  }),
});

const preconditions = Object.keys(PRECONDITION_TEXT) as [PenaltyPrecondition, ...PenaltyPrecondition[]];

const schema = z.strictObject({
  regime: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(REGIME_CODES)),
  violation: z.string().min(1).max(100),
  party: z.enum(['unit', 'individual']).optional(),
  severity: z.enum(['standard', 'serious']).optional(),
  warning: z.boolean().optional(),
  fineFen: fen.nullable().optional(),
  inspectionFeesFen: fen.nullable().optional(),
  individualFines: z
    .array(
      z.strictObject({
        personId: z.string().min(1).max(100),
        role: z.enum(['head', 'directly_responsible']),
        fineFen: fen.nullable().optional(),
        detentionDays: z.number().int().min(1).max(365).nullable().optional(),
      }),
    )
    .max(50)
    .optional(),
  confiscateLicence: z.boolean().optional(),
  article: z.string().max(400).nullable().optional(),
  actOn: isoDate.nullable().optional(),
  decidedOn: isoDate.nullable().optional(),
  legalReview: legalReviewSchema.nullable().optional(),
  detentionDays: z.number().int().min(0).max(365).nullable().optional(),
  revokeLicence: z.boolean().optional(),
  suspendBusiness: z.boolean().optional(),
  established: z.array(z.enum(preconditions)).max(10).optional(),
  procedure: z
    .strictObject({
      collectiveDiscussionHeld: z.boolean().optional(),
      hearingRightNotified: z.boolean().optional(),
      hearingHeld: z.boolean().optional(),
      majorCase: z.boolean().optional(),
    })
    .optional(),
});

export type PenaltyCheckBody = z.input<typeof schema>;

export function parsePenaltyCheck(body: unknown): { regime: RegimeCode; proposed: ProposedPenalty } {
  const b = parseBody(schema, body);
  const lookup = findViolationOfRegime(b.regime, b.violation);
  if (!lookup.ok) throw new ApiError(400, lookup.code, lookup.zh, lookup.en, 'violation', { validCodes: lookup.validCodes });
  const party = b.party ?? defaultParty(lookup.rule);
  if (!party)
    throw badRequest(
      'PARTY_REQUIRED',
      `${lookup.rule.violation} 适用于单位或个人：请给出 party（unit 或 individual）`,
      `${lookup.rule.violation} applies to units and individuals: give party (unit or individual)`,
      'party',
    );
  return {
    regime: b.regime,
    proposed: {
      violation: lookup.rule.violation,
      severity: b.severity ?? 'standard',
      party,
      warning: b.warning ?? false,
      fineFen: b.fineFen ?? null,
      inspectionFeesFen: b.inspectionFeesFen ?? null,
      individualFines: b.individualFines ?? [],
      detentionDays: b.detentionDays ?? null,
      revokeLicence: b.revokeLicence ?? false,
      suspendBusiness: b.suspendBusiness ?? false,
      confiscateLicence: b.confiscateLicence ?? false,
      article: b.article ?? null,
      actOn: b.actOn ?? null,
      decidedOn: b.decidedOn ?? null,
      legalReview: b.legalReview ?? null,
      established: b.established ?? [],
      procedure: {
        collectiveDiscussionHeld: b.procedure?.collectiveDiscussionHeld ?? false,
        hearingRightNotified: b.procedure?.hearingRightNotified ?? false,
        hearingHeld: b.procedure?.hearingHeld ?? false,
        majorCase: b.procedure?.majorCase ?? false,
      },
    },
  };
}
