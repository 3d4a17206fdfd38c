import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, from this file's place in apps/cli/dist. */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // Issue 15: the role that owns the tables and runs the migrations; DATABASE_URL is then the apps'
  // least-privilege role, which `migrate` creates and grants DML only (grantAppRole).
  DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // BullMQ's schema on the PostgreSQL backend (the apps' QUEUE_SCHEMA): created by the owner.
  QUEUE_SCHEMA: z
    .string()
    .max(60)
    .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SUPERVISE_DATA_DIR: z.string().default(resolve(REPO_ROOT, '.data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
});

export type CliEnv = z.infer<typeof schema>;

/** Parsed once per process; a bad key stops the command with the list of what is wrong. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`bad environment:\n${lines.join('\n')}`);
  }
  return r.data;
}
