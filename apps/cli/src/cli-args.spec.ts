import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseIsoDate, parseRegimeCode, parseYuanToFen } from './args.js';
import { buildProgram } from './program.js';

/** The whole program, throwing instead of exiting and writing nothing, for argument-parsing tests. */
function quietProgram(): Command {
  const program = buildProgram();
  const quiet = (c: Command) => {
    c.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    c.commands.forEach(quiet);
  };
  quiet(program);
  return program;
}

async function parseError(args: string[]): Promise<CommanderError> {
  try {
    await quietProgram().parseAsync(args, { from: 'user' });
  } catch (e) {
    return e as CommanderError;
  }
  throw new Error('expected a parse error');
}

describe('argument parsers', () => {
  it('parses yuan into fen exactly, with at most two decimals', () => {
    expect(parseYuanToFen('5000')).toBe(500_000);
    expect(parseYuanToFen('12.5')).toBe(1250);
    expect(parseYuanToFen('0.01')).toBe(1);
    for (const bad of ['-1', '1.234', '1e3', '5,000', '', 'abc']) expect(() => parseYuanToFen(bad)).toThrow(/yuan/);
  });

  it('accepts real dates only', () => {
    expect(parseIsoDate('2026-09-30')).toBe('2026-09-30');
    expect(() => parseIsoDate('2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => parseIsoDate('2026-9-30')).toThrow(/YYYY-MM-DD/);
  });

  it('takes a regime code in either case and lists the valid ones otherwise', () => {
    expect(parseRegimeCode('r09')).toBe('R09');
    expect(() => parseRegimeCode('R15')).toThrow(/R01, R02.*R14/);
  });
});

describe('command-line parsing', () => {
  it('refuses a bad --from before opening any database', async () => {
    const e = await parseError(['calendar', 'add', '--from', '2026-02-30', '--days', '1']);
    expect(e.code).toBe('commander.invalidArgument');
    expect(e.message).toContain('2026-02-30');
  });

  it('requires --from, and a whole number of days', async () => {
    expect((await parseError(['calendar', 'add', '--days', '1'])).code).toBe('commander.missingMandatoryOptionValue');
    expect((await parseError(['calendar', 'add', '--from', '2026-01-01', '--days', '1.5'])).code).toBe(
      'commander.invalidArgument',
    );
  });

  it('penalty check requires --regime and --violation, and validates --precondition', async () => {
    expect((await parseError(['penalty', 'check', '--violation', 'X'])).code).toBe('commander.missingMandatoryOptionValue');
    const e = await parseError(['penalty', 'check', '--regime', 'R09', '--violation', 'X', '--precondition', 'nonsense']);
    expect(e.message).toContain('rectification-deadline-passed-unmet');
  });

  it('registers calendar add/import/years, rules list and penalty check', () => {
    const names = (c: Command): string[] => c.commands.flatMap((s) => [s.name(), ...names(s).map((n) => `${s.name()} ${n}`)]);
    expect(names(buildProgram())).toEqual(
      expect.arrayContaining([
        'calendar add',
        'calendar import',
        'calendar years',
        'rules list',
        'penalty check',
        'migrate',
        'seed',
        'start',
      ]),
    );
  });
});
