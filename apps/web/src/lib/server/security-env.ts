import { createHash } from 'node:crypto';
import { DEFAULT_PASSWORD_MAX_AGE_DAYS } from '@supervise/core';
import { z } from 'zod';

/**
 * The account-security settings of the web process, parsed once with zod at run time (like env.ts).
 * TOTP_ENCRYPTION_KEY: 32 bytes, base64; it encrypts the TOTP secrets at rest (AES-256-GCM). Unset,
 * a fixed development key is used, and ONLY when the public origin is this machine (localhost,
 * 127.0.0.1: the `npm start` demo and the tests); any other origin refuses to start without a key.
 */
const schema = z.object({
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(DEFAULT_PASSWORD_MAX_AGE_DAYS),
  TOTP_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'expected 32 bytes, base64')
    .optional(),
  ORIGIN: z.string().optional(),
});

export interface SecurityEnv {
  passwordMaxAgeDays: number;
  totpKey: Buffer;
  /** True when the development key is in use (logged once at start). */
  devTotpKey: boolean;
}

/** FOR LOCAL USE ONLY: the key when TOTP_ENCRYPTION_KEY is unset on a localhost origin. */
export const DEV_TOTP_KEY = createHash('sha256').update('supervise local development only: not a secret').digest();

function isLocalOrigin(origin: string | undefined): boolean {
  if (!origin) return true;
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

export function parseSecurityEnv(source: Record<string, string | undefined>): SecurityEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const keys = [...new Set(r.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new Error(`Invalid environment for the web app: ${keys}`);
  }
  const e = r.data;
  if (!e.TOTP_ENCRYPTION_KEY && !isLocalOrigin(e.ORIGIN)) {
    throw new Error('Invalid environment for the web app: TOTP_ENCRYPTION_KEY (required when ORIGIN is not localhost)');
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
    if (cached.devTotpKey) console.warn('TOTP_ENCRYPTION_KEY is unset: using the local development key (localhost only).');
  }
  return cached;
}
