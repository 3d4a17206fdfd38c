import { createServer, type Socket } from 'node:net';
import { pingQueueBackend, type QueueBackendConfig } from '@supervise/queue';
import { figure, median, timed, type Figure } from './measure.js';

const SILENT_TIMEOUT_MS = 500;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * /healthz pings the queue backend within a bound (issue 8 §1: moved here from the queue tests, where
 * they were wall-clock assertions). Two figures per backend: a dead port against a live ping, and a
 * backend that accepts and then says nothing against the timeout it was given (≈ 1× is right).
 */
export async function queuePingFigures(live: QueueBackendConfig, runs: number): Promise<Figure[]> {
  const kind = live.kind;
  const urlAt = (port: number) =>
    kind === 'redis' ? `redis://127.0.0.1:${port}` : `postgres://postgres@127.0.0.1:${port}/postgres`;
  const liveTimes = await timed(runs, () => pingQueueBackend(live));
  const deadTimes = await timed(runs, async () =>
    pingQueueBackend({ kind, url: urlAt(await closedPort()) } as QueueBackendConfig),
  );

  const sockets = new Set<Socket>();
  const silent = createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const { port } = silent.address() as { port: number };
  const silentTimes = await timed(runs, () =>
    pingQueueBackend({ kind, url: urlAt(port) } as QueueBackendConfig, SILENT_TIMEOUT_MS),
  );
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));

  return [
    figure({
      name: `queue ping (${kind})`,
      what: 'a closed port answers false',
      baseline: 'a live ping',
      runs,
      medianMs: median(deadTimes),
      baselineMs: median(liveTimes),
    }),
    figure({
      name: `queue ping (${kind})`,
      what: 'a silent backend answers false',
      baseline: `its ${SILENT_TIMEOUT_MS} ms timeout`,
      runs,
      medianMs: median(silentTimes),
      baselineMs: SILENT_TIMEOUT_MS,
      goal: '≈ 1×',
    }),
  ];
}
