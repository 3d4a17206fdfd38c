import { createHash } from 'node:crypto';
import { DEFAULT_PASSWORD_MAX_AGE_DAYS } from '@supervise/core';
import { z } from 'zod';

/**
 * The account-security settings of the web process, parsed once with zod at run time (like env.ts).
 * TOTP_ENCRYPTION_KEY: 32 bytes, base64; it encrypts the TOTP secrets at rest (AES-256-GCM). It is
 * required: the web app refuses to start without one (issue 15: a public fallback key was used
 * whenever ORIGIN was unset or localhost, and compose passed none). `npm start` generates one into
 * its data folder; the only exception is NODE_ENV=test (vitest), which uses a fixed test key.
 */
const schema = z.object({
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(DEFAULT_PASSWORD_MAX_AGE_DAYS),
  TOTP_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'expected 32 bytes, base64')
    .optional(),
  NODE_ENV: z.string().optional(),
});

export interface SecurityEnv {
  passwordMaxAgeDays: number;
  totpKey: Buffer;
  /** True when the test key is in use (NODE_ENV=test only). */
  devTotpKey: boolean;
}

/** FOR TESTS ONLY (NODE_ENV=test): the key when TOTP_ENCRYPTION_KEY is unset. */
export const DEV_TOTP_KEY = createHash('sha256').update('supervise tests only: not a secret').digest();

export function parseSecurityEnv(source: Record<string, string | undefined>): SecurityEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const keys = [...new Set(r.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new Error(`Invalid environment for the web app: ${keys}`);
  }
  const e = r.data;
  if (!e.TOTP_ENCRYPTION_KEY && e.NODE_ENV !== 'test') {
    throw new Error('Invalid environment for the web app: TOTP_ENCRYPTION_KEY (required; 32 random bytes, base64)');
  }
  return {
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    totpKey: e.TOTP_ENCRYPTION_KEY ? Buffer.from(e.TOTP_ENCRYPTION_KEY, 'base64') : DEV_TOTP_KEY,
    devTotpKey: !e.TOTP_ENCRYPTION_KEY,
  };
}

let cached: SecurityEnv | undefined;

export function securityEnv(): SecurityEnv {
  if (!cached) {
    cached = parseSecurityEnv(process.env);
    if (cached.devTotpKey) console.warn('TOTP_ENCRYPTION_KEY is unset: using the test key (NODE_ENV=test only).');
  }
  return cached;
}
