// argon2id at OWASP's parameters: 19 MiB of memory, 2 iterations, 1 lane.
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// The native module is loaded on first use, not by every process that imports @supervise/db.
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const load = () => (argon2 ??= import('@node-rs/argon2'));

export async function hashPassword(plain: string): Promise<string> {
  return (await load()).hash(plain, OPTIONS);
}

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  return (await load()).verify(hashed, plain).catch(() => false);
}
