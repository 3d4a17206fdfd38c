import type { Command } from 'commander';
import {
  PRECONDITION_TEXT,
  defaultParty,
  findViolationOfRegime,
  violationsOfRegime,
  validatePenalty,
  type IndividualFine,
  type PartyType,
  type PenaltyCheckResult,
  type PenaltyPrecondition,
  type ProposedPenalty,
  type Reason,
  type RegimeCode,
} from '@supervise/core';
import { collect, parseRegimeCode, parseWholeNumber, parseYuanToFen } from '../args.js';
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
  headFine?: { personId: string; fineFen: number }[];
  personFine?: { personId: string; fineFen: number }[];
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
  const individualFines: IndividualFine[] = [
    ...(opts.headFine ?? []).map((f) => ({ ...f, role: 'head' as const })),
    ...(opts.personFine ?? []).map((f) => ({ ...f, role: 'directly_responsible' as const })),
  ];
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
    established: opts.precondition ?? [],
    procedure: {
      collectiveDiscussionHeld: opts.collectiveDiscussion ?? false,
      hearingRightNotified: opts.hearingNotified ?? false,
    },
  };
}

const reasonLine = (r: Reason): string => `- ${r.code}: ${both(r)}${r.clause ? `  [${r.clause}]` : ''}`;

export function penaltyResultLines(violation: string, result: PenaltyCheckResult): string[] {
  const head = result.ok
    ? `OK 允许 / allowed: ${violation}${result.requiresHearingNotice ? '（已满足集体讨论与听证告知 / collective discussion and hearing notice done）' : ''}`
    : `拒绝 REFUSED: ${violation}，${result.reasons.length} 项理由 / ${result.reasons.length} reason(s)`;
  return [
    head,
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
          const { rule, ...rest } = result;
          printJson({
            violation: proposed.violation,
            regime: rule?.regime ?? opts.regime,
            clause: rule?.clause ?? null,
            ...rest,
          });
        } else printLines(penaltyResultLines(proposed.violation, result));
        if (!result.ok) process.exitCode = EXIT_REFUSED;
      }),
    );
}
