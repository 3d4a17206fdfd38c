import { describe, expect, it } from 'vitest';
import { drills } from './drills.js';
import { soakTable } from './report-table.js';

describe('the soak drills list and its table', () => {
  it('names each drill once and says what it checks', () => {
    const names = drills.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['backup', 'fuzz', 'load']));
    for (const d of drills) expect(d.what.length).toBeGreaterThan(20);
  });

  it('prints one row per drill, a failure marked, pipes escaped', () => {
    const table = soakTable([
      { what: 'a | b', result: { name: 'x', tried: 't', ok: true, figures: { n: 1 } } },
      { what: 'w', result: { name: 'y', tried: 't', ok: false, figures: { error: 'boom' } } },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('| x | a \\| b | t | ok | n: 1 |');
    expect(lines[3]).toBe('| y | w | t | **FAILED** | error: boom |');
  });
});
