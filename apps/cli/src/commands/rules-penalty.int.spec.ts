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
    expect(r03!.gates.map((g) => g.id)).toEqual(['HEARING-RIGHT', 'COLLECTIVE-DISCUSSION', 'HEARING-REQUEST-PERIOD']);
  });

  it('lists all fourteen regimes, readable, Chinese first', async () => {
    const r = await cli('rules', 'list');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^R\d\d {2}/.test(l))).toHaveLength(14);
    expect(r.stdout).toContain('R09  印章、旅馆、典当等特种行业 / special trades');
  });
});

describe('supervise penalty check', () => {
  it('prints OK and exits 0 for a fine within the range', async () => {
    const r = await cli('penalty', 'check', '--regime', 'R09', '--violation', 'R09-PAWN-PROHIBITED-GOODS', '--amount', '8000');
    expect(r).toMatchObject({ code: 0, stdout: 'OK 允许 / allowed: R09-PAWN-PROHIBITED-GOODS\n' });
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
    const base = ['penalty', 'check', '--regime', 'R09', '--violation', 'R09-SEAL-FACILITY-OR-RULES', '--amount', '3000'];
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
