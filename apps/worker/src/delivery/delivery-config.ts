import { DEFAULT_DUE_SOON_WORKING_DAYS, DEFAULT_ESCALATION, type EscalationLadder } from '@supervise/core';

/** How reminders leave the worker. Built once from the env (main.ts) or by a test. */
export interface DeliveryConfig {
  /** SMTP (nodemailer URL form, e.g. `smtp://user:pass@host:587`); null: no e-mail reminders are created. */
  mail: { url: string; from: string } | null;
  /** The HTTP client for group robots (tests may point it anywhere; production uses global fetch). */
  fetch: typeof fetch;
  /** Per-request timeout for SMTP and webhooks, ms. */
  timeoutMs: number;
  escalation: EscalationLadder;
  dueSoonWorkingDays: number;
}

export function defaultDeliveryConfig(overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  return {
    mail: null,
    fetch: globalThis.fetch.bind(globalThis),
    timeoutMs: 10_000,
    escalation: DEFAULT_ESCALATION,
    dueSoonWorkingDays: DEFAULT_DUE_SOON_WORKING_DAYS,
    ...overrides,
  };
}
