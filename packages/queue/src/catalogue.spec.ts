import { describe, expect, it } from 'vitest';
import { InvalidJobPayloadError, JOB_NAMES, QUEUE_NAMES, jobCatalogue, jobIdFor, parseJobPayload } from './catalogue.js';
import { schedulerDeclarations } from './schedulers.js';

describe('job catalogue', () => {
  it('names queues and jobs in kebab-case and puts every job on a known queue', () => {
    for (const name of [...QUEUE_NAMES, ...JOB_NAMES]) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const name of JOB_NAMES) expect(QUEUE_NAMES).toContain(jobCatalogue[name].queue);
  });

  it('gives every job retries with exponential backoff and bounded retention', () => {
    for (const name of JOB_NAMES) {
      const o = jobCatalogue[name].options;
      expect(o.attempts).toBeGreaterThan(1);
      expect(o.backoff).toMatchObject({ type: 'exponential' });
      // `true`: removed at once (reconcile jobs, so the next tick may reuse their deterministic id).
      if (o.removeOnComplete !== true) expect(o.removeOnComplete).toMatchObject({ count: expect.any(Number) });
      // `true`: the reconcile and the scan, whose deterministic ids a kept failure would block.
      if (o.removeOnFail !== true) expect(o.removeOnFail).toMatchObject({ count: expect.any(Number) });
    }
  });

  it('never keeps a failed reconcile or scan under its deterministic id (issue 14 §3: no restart could add it again)', () => {
    for (const name of ['reconcile-obligations', 'scan-alerts'] as const)
      expect(jobCatalogue[name].options.removeOnFail).toBe(true);
  });

  it('gives a batch re-added by the ledger a fresh job id, and keeps the plain id otherwise', () => {
    const base = { periodKind: 'month', periodStart: '2026-11-01', part: 'census', afterId: 0, upToId: 1000 } as const;
    const plain = jobIdFor('reconcile-batch', parseJobPayload('reconcile-batch', base));
    expect(plain).toBe('reconcile-batch.month.2026-11-01.census.0-1000');
    const again = jobIdFor('reconcile-batch', parseJobPayload('reconcile-batch', { ...base, ledgerSeq: 2 }));
    expect(again).toBe('reconcile-batch.month.2026-11-01.census.0-1000.e2');
  });

  it('builds the same job id from the same domain keys, without ":"', () => {
    const a = jobIdFor('worker-heartbeat', { workerId: 'host-1', everyMs: 30_000 });
    expect(a).toBe(jobIdFor('worker-heartbeat', { workerId: 'host-1', everyMs: 30_000 }));
    expect(a).not.toBe(jobIdFor('worker-heartbeat', { workerId: 'host-2', everyMs: 30_000 }));
    expect(a).not.toContain(':');
  });

  it('accepts a valid payload and rejects extra keys, wrong types and unknown jobs without echoing values', () => {
    // A payload without the interval (queued by an older worker) gets the default.
    expect(parseJobPayload('worker-heartbeat', { workerId: 'w-1' })).toEqual({ workerId: 'w-1', everyMs: 30_000 });
    expect(() => parseJobPayload('worker-heartbeat', { workerId: 'w-1', name: '张三' })).toThrow(InvalidJobPayloadError);
    expect(() => parseJobPayload('worker-heartbeat', { workerId: 7 })).toThrow(/workerId/);
    expect(() => parseJobPayload('worker-heartbeat', { workerId: 'a:b' })).toThrow(InvalidJobPayloadError);
    expect(() => parseJobPayload('no-such-job', {})).toThrow(/unknown job/);
    try {
      parseJobPayload('worker-heartbeat', { workerId: 'secret value!' });
    } catch (e) {
      expect((e as Error).message).not.toContain('secret value');
    }
  });

  it('declares schedulers with unique stable ids for catalogue jobs', () => {
    const ids = schedulerDeclarations.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of schedulerDeclarations) expect(JOB_NAMES).toContain(d.job);
  });
});
