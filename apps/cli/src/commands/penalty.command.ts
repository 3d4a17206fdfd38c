import type { Command } from 'commander';
import {
  PRECONDITION_TEXT,
  defaultParty,
  findViolationOfRegime,
  violationsOfRegime,
  penaltyCheckSummary,
  validatePenalty,
  type IndividualFine,
  type LegalReview,
  type PartyType,
  type PenaltyCheckResult,
  type PenaltyPrecondition,
  type ProposedPenalty,
  type Reason,
  type RegimeCode,
} from '@supervise/core';
import { collect, parseIsoDate, parseRegimeCode, parseWholeNumber, parseYuanToFen } from '../args.js';
import { todayInShanghai } from '../output.js';
import {
  badArgument,
  both,
  CliError,
  EXIT_BAD_INPUT,
  EXIT_REFUSED,
  printJson,
  printLines,
  reportCliErrors,
} from '../cli-output.js';

/** An unknown violation code, or one of another regime: the message lists the regime's valid codes. */
export class UnknownViolationError extends CliError {
  constructor(
    zh: string,
    en: string,
    readonly regime: RegimeCode,
    readonly validCodes: readonly string[],
  ) {
    super(zh, en, EXIT_BAD_INPUT);
  }
}

const PRECONDITIONS = Object.keys(PRECONDITION_TEXT) as PenaltyPrecondition[];

/** rectification-deadline-passed-unmet or rectification_deadline_passed_unmet */
export function parsePrecondition(value: string): PenaltyPrecondition {
  const v = value.trim().toLowerCase().replaceAll('-', '_');
  if (!(PRECONDITIONS as string[]).includes(v)) {
    const valid = PRECONDITIONS.map((p) => p.replaceAll('_', '-')).join(', ');
    throw badArgument(`未知的处罚前提：${value}（可用：${valid}）`, `unknown precondition: ${value} (valid: ${valid})`);
  }
  return v as PenaltyPrecondition;
}

/** `person=yuan`, e.g. `zhang=800`: a fine on one responsible person (R14). */
export function parsePersonFine(value: string): { personId: string; fineFen: number } {
  const m = /^([^=]+)=(.+)$/.exec(value.trim());
  if (!m) throw badArgument(`应为 人员=金额（元）：${value}`, `expected person=amount (yuan): ${value}`);
  return { personId: m[1]!.trim(), fineFen: parseYuanToFen(m[2]!) };
}

/** `person=days`, e.g. `zhang=7`: the detention of one responsible person (R10 serious, enterprise). */
export function parsePersonDetention(value: string): { personId: string; detentionDays: number } {
  const m = /^([^=]+)=(.+)$/.exec(value.trim());
  if (!m) throw badArgument(`应为 人员=拘留日数：${value}`, `expected person=days: ${value}`);
  return { personId: m[1]!.trim(), detentionDays: parseWholeNumber(m[2]!) };
}

/** `min-max`, e.g. `500-1000` (yuan → fen) or `5-10` (days). */
export function parseRange(value: string, unit: 'yuan' | 'days'): { min: number; max: number } {
  const m = /^\s*([^-\s]+)\s*-\s*([^-\s]+)\s*$/.exec(value);
  if (!m) throw badArgument(`应为 下限-上限：${value}`, `expected min-max: ${value}`);
  const parse = unit === 'yuan' ? parseYuanToFen : parseWholeNumber;
  const [min, max] = [parse(m[1]!), parse(m[2]!)];
  if (min > max) throw badArgument(`下限大于上限：${value}`, `minimum above maximum: ${value}`);
  return { min, max };
}

const REVIEW_ALLOWS = ['warning', 'suspension', 'revocation', 'confiscation'] as const;
type ReviewAllow = (typeof REVIEW_ALLOWS)[number];

export function parseReviewAllow(value: string): ReviewAllow {
  const v = value.trim().toLowerCase();
  if (!(REVIEW_ALLOWS as readonly string[]).includes(v))
    throw badArgument(
      `未知的处罚种类：${value}（可用：${REVIEW_ALLOWS.join(', ')}）`,
      `unknown sanction: ${value} (valid: ${REVIEW_ALLOWS.join(', ')})`,
    );
  return v as ReviewAllow;
}

export interface PenaltyCheckOptions {
  regime: RegimeCode;
  violation: string;
  amount?: number;
  unit?: boolean;
  individual?: boolean;
  serious?: boolean;
  warning?: boolean;
  fees?: number;
  detentionDays?: number;
  revokeLicence?: boolean;
  suspendBusiness?: boolean;
  confiscateLicence?: boolean;
  headFine?: { personId: string; fineFen: number }[];
  personFine?: { personId: string; fineFen: number }[];
  headDetention?: { personId: string; detentionDays: number }[];
  personDetention?: { personId: string; detentionDays: number }[];
  article?: string;
  actDate?: string;
  decidedOn?: string;
  hearingHeld?: boolean;
  majorCase?: boolean;
  legalReviewBy?: string;
  legalReviewDate?: string;
  legalReviewArticle?: string;
  legalReviewOpinion?: string;
  legalReviewFine?: { min: number; max: number };
  legalReviewDetention?: { min: number; max: number };
  legalReviewPersonFine?: { min: number; max: number };
  legalReviewPersonDetention?: { min: number; max: number };
  legalReviewAllows?: ReviewAllow[];
  precondition?: PenaltyPrecondition[];
  collectiveDiscussion?: boolean;
  hearingNotified?: boolean;
  json?: boolean;
}

/** The command-line flags as the validator's input; refuses a code that is not the regime's. */
export function toProposedPenalty(opts: PenaltyCheckOptions): ProposedPenalty {
  const lookup = findViolationOfRegime(opts.regime, opts.violation);
  if (!lookup.ok) {
    const valid = violationsOfRegime(opts.regime);
    const list = valid.length ? valid.map((r) => `  ${r.violation}  ${r.zh} / ${r.en}`).join('\n') : '  （无 none）';
    throw new UnknownViolationError(
      lookup.zh,
      `${lookup.en}\n${opts.regime} 的违法行为代码 / violation codes of ${opts.regime}:\n${list}`,
      opts.regime,
      lookup.validCodes,
    );
  }
  const rule = lookup.rule;
  const violation = rule.violation;
  if (opts.unit && opts.individual)
    throw new CliError('--unit 与 --individual 只能选一个', 'give --unit or --individual, not both', EXIT_BAD_INPUT);
  let party: PartyType;
  if (opts.unit) party = 'unit';
  else if (opts.individual) party = 'individual';
  else if (defaultParty(rule)) party = defaultParty(rule)!;
  else
    throw new CliError(
      `${violation} 适用于单位或个人：请给出 --unit 或 --individual`,
      `${violation} applies to units and individuals: give --unit or --individual`,
      EXIT_BAD_INPUT,
    );
  // One entry per person: a fine and a detention given for the same person and role are merged.
  const individualFines: IndividualFine[] = [];
  const add = (role: IndividualFine['role'], personId: string, s: Partial<IndividualFine>) => {
    const found = individualFines.find((f) => f.personId === personId && f.role === role);
    if (found) Object.assign(found, s);
    else individualFines.push({ personId, role, ...s });
  };
  for (const f of opts.headFine ?? []) add('head', f.personId, { fineFen: f.fineFen });
  for (const f of opts.personFine ?? []) add('directly_responsible', f.personId, { fineFen: f.fineFen });
  for (const f of opts.headDetention ?? []) add('head', f.personId, { detentionDays: f.detentionDays });
  for (const f of opts.personDetention ?? []) add('directly_responsible', f.personId, { detentionDays: f.detentionDays });
  return {
    violation,
    severity: opts.serious ? 'serious' : 'standard',
    party,
    warning: opts.warning ?? false,
    fineFen: opts.amount ?? null,
    inspectionFeesFen: opts.fees ?? null,
    individualFines,
    detentionDays: opts.detentionDays ?? null,
    revokeLicence: opts.revokeLicence ?? false,
    suspendBusiness: opts.suspendBusiness ?? false,
    confiscateLicence: opts.confiscateLicence ?? false,
    article: opts.article ?? null,
    actOn: opts.actDate ?? null,
    // A check is about a decision made today unless told otherwise.
    decidedOn: opts.decidedOn ?? todayInShanghai(),
    legalReview: legalReviewOf(opts),
    established: opts.precondition ?? [],
    procedure: {
      collectiveDiscussionHeld: opts.collectiveDiscussion ?? false,
      hearingRightNotified: opts.hearingNotified ?? false,
      hearingHeld: opts.hearingHeld ?? false,
      majorCase: opts.majorCase ?? false,
    },
  };
}

/** The `--legal-review-*` flags as a review record; none given: no review; some: all four texts needed. */
export function legalReviewOf(opts: PenaltyCheckOptions): LegalReview | null {
  const texts = [opts.legalReviewBy, opts.legalReviewDate, opts.legalReviewArticle, opts.legalReviewOpinion];
  const any =
    texts.some((t) => t !== undefined) ||
    opts.legalReviewFine ||
    opts.legalReviewDetention ||
    opts.legalReviewPersonFine ||
    opts.legalReviewPersonDetention ||
    (opts.legalReviewAllows ?? []).length > 0;
  if (!any) return null;
  if (texts.some((t) => t === undefined))
    throw badArgument(
      '法制审核须同时给出 --legal-review-by、--legal-review-date、--legal-review-article、--legal-review-opinion',
      'a legal review needs --legal-review-by, --legal-review-date, --legal-review-article and --legal-review-opinion',
    );
  const allows = new Set(opts.legalReviewAllows ?? []);
  const fen = (r?: { min: number; max: number }) => (r ? { minFen: r.min, maxFen: r.max } : null);
  const days = (r?: { min: number; max: number }) => (r ? { minDays: r.min, maxDays: r.max } : null);
  return {
    reviewer: opts.legalReviewBy!,
    reviewedOn: opts.legalReviewDate!,
    article: opts.legalReviewArticle!,
    opinion: opts.legalReviewOpinion!,
    approved: {
      warning: allows.has('warning'),
      suspension: allows.has('suspension'),
      revocation: allows.has('revocation'),
      confiscation: allows.has('confiscation'),
      fine: fen(opts.legalReviewFine),
      detention: days(opts.legalReviewDetention),
      personFine: fen(opts.legalReviewPersonFine),
      personDetention: days(opts.legalReviewPersonDetention),
    },
  };
}

const reasonLine = (r: Reason): string => `- ${r.code}: ${both(r)}${r.clause ? `  [${r.clause}]` : ''}`;

export function penaltyResultLines(violation: string, result: PenaltyCheckResult): string[] {
  const head = result.ok
    ? `OK 允许 / allowed: ${violation}${result.requiresHearingNotice ? '（已满足集体讨论与听证告知 / collective discussion and hearing notice done）' : ''}`
    : `拒绝 REFUSED: ${violation}，${result.reasons.length} 项理由 / ${result.reasons.length} reason(s)`;
  const article = result.citation
    ? [
        `  适用条款 article: ${result.citation}${result.appliedVersion ? `（${result.appliedVersion.zh} / ${result.appliedVersion.en}）` : ''}${
          result.article?.verification.kind === 'unverified' ? '  [未核实 unverified]' : ''
        }`,
      ]
    : [];
  return [
    head,
    ...article,
    ...result.reasons.map(reasonLine),
    ...result.notes.map((n) => `  注意 note: ${both(n)}${n.clause ? `  [${n.clause}]` : ''}`),
  ];
}

export function registerPenalty(program: Command): void {
  const penalty = program.command('penalty').description('penalties: check an entered penalty against the rulebook / 行政处罚');
  penalty
    .command('check')
    .description('every reason a penalty would be refused; exit 0 allowed, 1 refused, 2 bad input / 校验处罚')
    .requiredOption('--regime <code>', 'the regime, e.g. R09', parseRegimeCode)
    .requiredOption('--violation <code>', 'the violation code, e.g. R09-PAWN-PROHIBITED-GOODS (see rules list)')
    .option('--amount <yuan>', 'the fine on the party, in yuan / 罚款金额（元）', parseYuanToFen)
    .option('--unit', 'the party is a unit / 当事人为单位')
    .option('--individual', 'the party is an individual / 当事人为个人')
    .option('--serious', 'the serious tier (情节严重)')
    .option('--warning', 'a warning is given / 警告')
    .option('--fees <yuan>', 'R04: the inspection fees collected, the base of the multiple / 所收检验费用（元）', parseYuanToFen)
    .option('--detention-days <n>', 'days of administrative detention / 拘留天数', parseWholeNumber)
    .option('--revoke-licence', 'the licence or qualification is revoked / 吊销许可')
    .option('--suspend-business', 'suspension of business / 责令停产停业')
    .option(
      '--head-fine <person=yuan>',
      "R14: a fine on the unit's head (repeatable) / 对主要负责人罚款",
      collect(parsePersonFine),
    )
    .option(
      '--person-fine <person=yuan>',
      'R14: a fine on a directly responsible person (repeatable) / 对直接责任人员罚款',
      collect(parsePersonFine),
    )
    .option(
      '--precondition <name>',
      `an established precondition (repeatable): ${PRECONDITIONS.map((p) => p.replaceAll('_', '-')).join(', ')}`,
      collect(parsePrecondition),
    )
    .option('--confiscate-licence', 'R09: the special-trade licence is seized / 收缴许可证')
    .option(
      '--head-detention <person=days>',
      "R10 serious, an enterprise: detention of the unit's head (repeatable) / 对主管人员拘留",
      collect(parsePersonDetention),
    )
    .option(
      '--person-detention <person=days>',
      'R10 serious, an enterprise: detention of a directly responsible person (repeatable) / 对直接责任人员拘留',
      collect(parsePersonDetention),
    )
    .option(
      '--article <id>',
      'the statute article applied: an id of the statute table (rules list), or words naming one it lacks / 适用条款',
    )
    .option('--act-date <date>', 'the day of the act; it decides the version of the law / 违法行为日期', parseIsoDate)
    .option('--decided-on <date>', 'the day of the decision (default: today, Asia/Shanghai) / 决定日期', parseIsoDate)
    .option('--hearing-held', 'the party asked for a hearing and it was held / 已听证')
    .option('--major-case', 'a major or complex case (行政处罚法 第五十八条) / 重大复杂案件')
    .option('--legal-review-by <name>', 'legal review (法制审核): the reviewer')
    .option('--legal-review-date <date>', 'legal review: its date', parseIsoDate)
    .option('--legal-review-article <text>', 'legal review: the article it names')
    .option('--legal-review-opinion <text>', 'legal review: its opinion')
    .option('--legal-review-fine <min-max>', 'legal review: the approved fine range on the party, yuan', (v: string) =>
      parseRange(v, 'yuan'),
    )
    .option('--legal-review-detention <min-max>', 'legal review: the approved detention, days', (v: string) =>
      parseRange(v, 'days'),
    )
    .option(
      '--legal-review-person-fine <min-max>',
      'legal review: the approved fine on each responsible person, yuan',
      (v: string) => parseRange(v, 'yuan'),
    )
    .option(
      '--legal-review-person-detention <min-max>',
      'legal review: the approved detention of each responsible person, days',
      (v: string) => parseRange(v, 'days'),
    )
    .option(
      '--legal-review-allows <sanction>',
      `legal review: another approved sanction (repeatable): ${REVIEW_ALLOWS.join(', ')}`,
      collect(parseReviewAllow),
    )
    .option('--collective-discussion', 'collective discussion was held / 已集体讨论')
    .option('--hearing-notified', 'the party was told of its right to a hearing / 已告知听证权利')
    .option('--json', 'print JSON')
    .action((opts: PenaltyCheckOptions) =>
      reportCliErrors(async () => {
        let proposed: ProposedPenalty;
        try {
          proposed = toProposedPenalty(opts);
        } catch (e) {
          if (opts.json && e instanceof UnknownViolationError)
            printJson({
              error: {
                code: 'PENALTY-UNKNOWN-VIOLATION',
                zh: e.zh,
                en: e.en.split('\n')[0],
                regime: e.regime,
                validCodes: e.validCodes,
              },
            });
          throw e;
        }
        const result = validatePenalty(proposed);
        if (opts.json) {
          printJson({
            ...penaltyCheckSummary(result),
            violation: proposed.violation,
            regime: result.rule?.regime ?? opts.regime,
          });
        } else printLines(penaltyResultLines(proposed.violation, result));
        if (!result.ok) process.exitCode = EXIT_REFUSED;
      }),
    );
}
