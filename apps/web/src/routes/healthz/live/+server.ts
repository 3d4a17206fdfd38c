import { requireRoute } from '$lib/server/access';
import type { RequestHandler } from './$types';

// Liveness: the web process answers, and nothing else is asked (no database, queue or session), so a
// supervisor restarts only a process that is stuck, never one whose database is down. Readiness, with
// every dependency checked, is /healthz. It is also the benchmark's trivial endpoint (issue 14).
export const GET: RequestHandler = (event) => {
  requireRoute(event, { public: true });
  return new Response('{"status":"live"}', {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
};
