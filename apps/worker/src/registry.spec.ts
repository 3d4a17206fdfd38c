import { describe, expect, it } from 'vitest';
import { registerProcessor } from './processor-context.js';
import { processors } from './processors/index.js';
import { ProcessorRegistryError, buildRegistry } from './registry.js';

const noop = registerProcessor('worker-heartbeat', async () => {});

describe('processor registry', () => {
  it('accepts the real processor list: one processor per catalogue job', () => {
    expect(buildRegistry(processors).queues()).toEqual(['maintenance', 'obligations', 'alerts', 'imports', 'dashboard']);
  });

  it('refuses a catalogue job without a processor', () => {
    expect(() => buildRegistry([])).toThrow(ProcessorRegistryError);
    expect(() => buildRegistry([])).toThrow(/no processor for job "worker-heartbeat"/);
  });

  it('refuses two processors for one job', () => {
    expect(() => buildRegistry([noop, noop])).toThrow(/two processors for job "worker-heartbeat"/);
  });

  it('refuses a processor for a job the catalogue lacks', () => {
    expect(() => buildRegistry([noop, { job: 'no-such-job' as never, process: async () => {} }])).toThrow(
      /unknown job "no-such-job"/,
    );
  });
});
