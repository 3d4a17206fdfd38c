import { userInfo } from 'node:os';
import type { Actor } from '@supervise/db';

/**
 * The actor of a CLI command: the operator on the server, who reaches the database directly and is
 * trusted like the system (no principal), named in the audit log by their OS account.
 */
export function operatorActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? 'unknown';
  }
  return { id: null, username: `cli:${name}`, principal: null, via: 'cli' };
}
