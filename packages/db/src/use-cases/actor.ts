import type { Principal } from '@supervise/core';

/**
 * Who performs a use-case, and through which door. Every use-case (a draw, a roster change, a
 * calendar import, a role grant …) takes one, checks the actor's scope on what exists as well as on
 * what is written, and writes its audit entry in the same transaction as the change, whichever path
 * (web page, JSON API, CLI, worker) called it.
 */
export interface Actor {
  /** The account; null only for the system itself (the worker, a migration). */
  id: number | null;
  username: string;
  /** The roles and scope the actor holds; the system actor holds none and is trusted. */
  principal: Principal | null;
  via: 'web' | 'api' | 'cli' | 'worker';
  ip?: string | null;
  userAgent?: string | null;
}

/** The fields of an audit entry that say who did it. */
export function auditActor(actor: Actor): {
  actorId: number | null;
  actorUsername: string;
  ip: string | null;
  userAgent: string | null;
} {
  return {
    actorId: actor.id,
    actorUsername: actor.username,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? (actor.via === 'cli' ? 'supervise-cli' : actor.via === 'worker' ? 'supervise-worker' : null),
  };
}
