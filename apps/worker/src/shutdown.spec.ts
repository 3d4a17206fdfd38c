import { describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';
import { SHUTDOWN_STEPS, handleShutdownSignals, shutdownInOrder, type ShutdownPlan } from './shutdown.js';

describe('shutdown', () => {
  it('runs every step in the written order, even after a failing one', async () => {
    const ran: string[] = [];
    const plan = Object.fromEntries(
      SHUTDOWN_STEPS.map((s) => [
        s,
        async () => {
          ran.push(s);
          if (s === 'close-queues') throw new Error('boom');
        },
      ]),
    ) as ShutdownPlan;
    await shutdownInOrder(plan, silentLogger);
    expect(ran).toEqual(['stop-schedulers', 'close-workers', 'close-queues', 'quit-connections', 'destroy-db-pool']);
  });

  it('handles the first signal once and forces the exit on the second', async () => {
    const exits: number[] = [];
    let stops = 0;
    let finish: () => void = () => {};
    const dispose = handleShutdownSignals(
      () => {
        stops++;
        return new Promise<void>((r) => (finish = r));
      },
      { log: silentLogger, exit: (c) => exits.push(c), signals: ['SIGUSR2'] },
    );
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(stops).toBe(1);
    expect(exits).toEqual([]);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(stops).toBe(1);
    expect(exits).toEqual([130]);
    finish();
    await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([130, 0]);
    dispose();
  });
});
