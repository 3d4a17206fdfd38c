/**
 * The short load run of issue 15 §4 (the long one is `pnpm soak`): 20 dashboard sessions and 4
 * inspectors for 10 s against the BUILT web app. Asserts no 5xx and no lost or doubled write; times
 * and memory are reported, never asserted.
 */
import { describe, expect, it } from 'vitest';
import { runLoad } from './load.drill.js';

describe('load, short (built web app, real PostgreSQL)', () => {
  it('serves 20 dashboard sessions and 4 inspectors saving hazards: no 5xx, every acknowledged write stored once', async () => {
    const r = await runLoad({ dashboards: 20, inspectors: 4, seconds: 10, dashboardThinkMs: 200, inspectorThinkMs: 50 });
    console.log(`load short: ${JSON.stringify(r)}`);
    expect(r.firstErrors).toEqual([]);
    expect(r.serverErrors).toBe(0);
    expect(r.dashboardOk).toBeGreaterThan(0);
    expect(r.writesAcknowledged).toBeGreaterThan(0);
    expect(r.noAnswer).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.doubled).toBe(0);
    expect(r.unexpected).toBe(0);
    expect(r.stored).toBe(r.writesAcknowledged);
  });
});
