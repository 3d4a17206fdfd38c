/** `rules list` and `penalty check` through the built CLI: pure commands, no database. */
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../test-support/run-cli.js';

const cli = cliRunner();

describe('supervise rules list', () => {
  it('--regime R09 --json gives the catalogue entry with its rule versions and penalties', async () => {
    const r = await cli('rules', 'list', '--regime', 'R09', '--json');
    expect(r.code).toBe(0);
    const { regimes } = JSON.parse(r.stdout) as {
      regimes: {
        code: string;
        scheduleVersions: { ruleVersion: string; rules: { id: string }[] }[];
        penalties: { violation: string }[];
      }[];
    };
    expect(regimes.map((x) => x.code)).toEqual(['R09']);
    expect(regimes[0]!.scheduleVersions[0]!.ruleVersion).toBe('R09@2026-01-01');
    expect(regimes[0]!.scheduleVersions[0]!.rules.map((x) => x.id)).toContain('R09-SPECIAL');
    expect(regimes[0]!.penalties.map((p) => p.violation)).toContain('R09-PAWN-PROHIBITED-GOODS');
  });

  it('--json carries the deadlines, thresholds and gates (issue 11 §4)', async () => {
    const r = await cli('rules', 'list', '--regime', 'R03', '--json');
    expect(r.code).toBe(0);
    const [r03] = (
      JSON.parse(r.stdout) as {
        regimes: {
          deadlines: { id: string; amount: number; unit: string; start: { zh: string } }[];
          thresholds: { id: string; amount: number }[];
          gates: { id: string; source: string }[];
        }[];
      }
    ).regimes;
    expect(r03!.deadlines.map((d) => `${d.id}:${d.amount}:${d.unit}`)).toEqual([
      'R03-RECTIFICATION:15:calendar_days',
      'R03-RECTIFICATION-EXTENDED:30:calendar_days',
      'R03-REVIEW:5:working_days',
    ]);
    expect(r03!.thresholds.map((t) => `${t.id}:${t.amount}`)).toContain('R03-KEY-VEHICLE-UNIT:5');
    expect(r03!.gates.map((g) => g.id)).toEqual([
      'HEARING-RIGHT',
      'COLLECTIVE-DISCUSSION',
      'LEGAL-REVIEW',
      'HEARING-REQUEST-PERIOD',
    ]);
  });

  it('--json carries the statute table of the regime’s laws, with versions, dates and verification (issue 11 §1)', async () => {
    const r = await cli('rules', 'list', '--regime', 'R10', '--json');
    expect(r.code).toBe(0);
    const { statutes } = JSON.parse(r.stdout) as {
      statutes: {
        laws: { id: string; versions: { id: string; inForceFrom: string | null; inForceUntil: string | null }[] }[];
        articles: { id: string; verification: { kind: string } }[];
      };
    };
    expect(statutes.laws.map((l) => l.id)).toEqual(['PSAPL']);
    expect(statutes.laws[0]!.versions.map((v) => [v.id, v.inForceFrom, v.inForceUntil])).toEqual([
      ['PSAPL-2012', '2013-01-01', '2025-12-31'],
      ['PSAPL-2025', '2026-01-01', null],
    ]);
    expect(statutes.articles.find((a) => a.id === 'PSAPL-2012-59')?.verification.kind).toBe('seed');
    expect(statutes.articles.find((a) => a.id === 'PSAPL-2012-56')?.verification.kind).toBe('unverified');
  });

  it('lists all fourteen regimes, readable, Chinese first', async () => {
    const r = await cli('rules', 'list');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^R\d\d {2}/.test(l))).toHaveLength(14);
    expect(r.stdout).toContain('R09  印章、旅馆、典当等特种行业 / special trades');
  });
});

const DATES = ['--act-date', '2026-03-02', '--decided-on', '2026-04-01'];

describe('supervise penalty check', () => {
  it('refuses without the act date, naming it and the law that needs it', async () => {
    const r = await cli('penalty', 'check', '--regime', 'R09', '--violation', 'R09-PAWN-PROHIBITED-GOODS', '--amount', '8000');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PENALTY-ACT-DATE-REQUIRED');
    expect(r.stdout).toContain('第三十七条');
  });

  it('R05: ¥999,999 is refused; with the article and a recorded legal review, checked against its range (issue 11)', async () => {
    const base = ['penalty', 'check', '--regime', 'R05', '--violation', 'R05-EVENT-VIOLATION', '--unit', ...DATES];
    const gates = ['--collective-discussion', '--hearing-notified'];
    const noArticle = await cli(...base, '--amount', '999999', ...gates, '--json');
    expect(noArticle.code).toBe(1);
    expect((JSON.parse(noArticle.stdout) as { reasons: { code: string }[] }).reasons.map((x) => x.code)).toEqual([
      'PENALTY-ARTICLE-REQUIRED',
    ]);
    const noReview = await cli(...base, '--amount', '30000', '--article', 'LPE-2007-20', ...gates);
    expect(noReview.code).toBe(1);
    expect(noReview.stdout).toContain('PENALTY-LEGAL-REVIEW-REQUIRED');
    expect(noReview.stdout).toContain('法制审核');
    const review = [
      '--legal-review-by',
      '法制员 王五',
      '--legal-review-date',
      '2026-03-30',
      '--legal-review-article',
      '《大型群众性活动安全管理条例》第二十条',
      '--legal-review-opinion',
      '同意',
      '--legal-review-fine',
      '10000-50000',
    ];
    const tooMuch = await cli(...base, '--amount', '999999', '--article', 'LPE-2007-20', ...gates, ...review);
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.stdout).toContain('PENALTY-FINE-OUT-OF-RANGE');
    const ok = await cli(...base, '--amount', '30000', '--article', 'LPE-2007-20', ...gates, ...review);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('LPE-2007-20');
  });

  it('R10 serious against an enterprise: the unit fined and its responsible person detained', async () => {
    const base = [
      'penalty',
      'check',
      '--regime',
      'R10',
      '--violation',
      'R10-SCRAP-STOLEN-GOODS',
      '--unit',
      '--serious',
      '--amount',
      '800',
    ];
    const dates = ['--act-date', '2025-06-02', '--decided-on', '2025-07-01'];
    expect((await cli(...base, ...dates, '--head-detention', '张三=7')).code).toBe(0);
    const refused = await cli(...base, ...dates);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('PENALTY-INDIVIDUAL-DETENTION-REQUIRED');
  });

  it('prints OK and exits 0 for a fine within the range', async () => {
    const r = await cli(
      'penalty',
      'check',
      '--regime',
      'R09',
      '--violation',
      'R09-PAWN-PROHIBITED-GOODS',
      '--amount',
      '8000',
      ...DATES,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK 允许 \/ allowed: R09-PAWN-PROHIBITED-GOODS\n {2}适用条款 article: PAWN-2005-PROHIBITED-GOODS/);
  });

  it('prints every reason in zh and en and exits 1 when refused', async () => {
    const r = await cli(
      'penalty',
      'check',
      '--regime',
      'R09',
      '--violation',
      'R09-PAWN-PROHIBITED-GOODS',
      '--amount',
      '40000',
      ...DATES,
      '--json',
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; reasons: { code: string; zh: string; en: string }[] };
    expect(out.ok).toBe(false);
    expect(out.reasons.map((x) => x.code)).toEqual([
      'PENALTY-FINE-OUT-OF-RANGE',
      'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
      'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
    ]);
    for (const x of out.reasons) expect(x.zh && x.en).toBeTruthy();
  });

  it('checks the R09 seal-engraver precondition (deadline passed unmet)', async () => {
    const base = [
      'penalty',
      'check',
      '--regime',
      'R09',
      '--violation',
      'R09-SEAL-FACILITY-OR-RULES',
      '--amount',
      '3000',
      ...DATES,
    ];
    const refused = await cli(...base);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('已责令限期改正且逾期未改正');
    const ok = await cli(...base, '--precondition', 'rectification-deadline-passed-unmet');
    expect(ok.code).toBe(0);
  });

  it('lists the valid codes of the regime for an unknown violation', async () => {
    const r = await cli('penalty', 'check', '--regime', 'R09', '--violation', 'R09-NOPE', '--amount', '100');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown violation code: R09-NOPE');
    expect(r.stderr).toContain('R09-PAWN-PROHIBITED-GOODS');
    expect(r.stderr).not.toContain('R10-');
  });
});
