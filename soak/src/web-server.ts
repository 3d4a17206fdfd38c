import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** apps/web, whose BUILT server (`node build`) the drills run (`pnpm exec turbo run build --filter=@supervise/soak...`). */
const WEB_DIR = fileURLToPath(new URL('../../apps/web', import.meta.url));

export interface WebApp {
  base: string;
  pid: number;
  /** The server process's resident memory now, in MiB (from /proc). */
  rssMiB(): number;
  /** Whether the server process is still running (a drill tells a crash from a dropped connection). */
  running(): boolean;
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The built web app on loopback, on the given database, with the client address taken from
 * `x-forwarded-for` (ADDRESS_HEADER), so a drill can speak for many clients; resolves once /healthz
 * reports its database and queue backend up (the worker is not run: it stays 503 for that alone).
 */
export async function startWebApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<WebApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    ORIGIN: base,
    ADDRESS_HEADER: 'x-forwarded-for',
    DATABASE_URL: databaseUrl,
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...extraEnv,
  };
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  let log = '';
  const server = spawn(process.execPath, ['build'], { cwd: WEB_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-200_000)));
  server.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-200_000)));
  const stop = async () => {
    if (server.exitCode !== null) return;
    server.kill('SIGTERM');
    await Promise.race([once(server, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  };
  const until = Date.now() + 180_000;
  let last = '';
  for (;;) {
    if (server.exitCode !== null) throw new Error(`web app exited (${server.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
      last = `${r.status} ${await r.text()}`;
      const failing = (JSON.parse(last.slice(4)) as { failing?: string[] }).failing ?? [];
      if (failing.every((part) => part === 'worker')) break;
    } catch (e) {
      last = String(e);
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`web app not healthy within 180 s: ${last}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = server.pid!;
  return {
    base,
    pid,
    rssMiB() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
    },
    running: () => server.exitCode === null && server.signalCode === null,
    log: () => log,
    stop,
  };
}
