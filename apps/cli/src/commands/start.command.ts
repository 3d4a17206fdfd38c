import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  countEntities,
  createDb,
  DEFAULT_DEMO_SEED,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  prepareDatabase,
  seedDemo,
} from '@supervise/db';
import { appUrlForStart, migrateQueueAsOwner } from '../app-role.js';
import { redact, resolveDatabase } from '../database.js';
import { parseEnv, REPO_ROOT } from '../env.js';
import { logErr, todayInShanghai } from '../output.js';

const STOP_GRACE_MS = 30_000;

interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Each app runs in its own process group, so a Ctrl-C in the terminal reaches only this process,
 * which then stops them in order: web and worker first (the worker finishes the job in hand), then
 * PostgreSQL. The IPC channel lets a child notice when this process dies and stop by itself.
 */
function launch(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, [script], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { name, proc, exited };
}

async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => {
    logErr(`${child.name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it.`);
    child.proc.kill('SIGKILL');
  }, STOP_GRACE_MS);
  await child.exited;
  clearTimeout(timer);
}

/** One GET without keep-alive: a pooled connection from here would hold the web app's graceful close open. */
function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function waitForHealth(url: string, child: Child, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && child.proc.exitCode === null) {
    if (await healthy(url)) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/**
 * The TOTP secrets' key (issue 15: no public fallback key): TOTP_ENCRYPTION_KEY when set, else one
 * generated once into the data folder (mode 0600) and reused, so enrolled second factors survive a
 * restart.
 */
function totpEncryptionKey(dataDir: string): string {
  if (process.env.TOTP_ENCRYPTION_KEY) return process.env.TOTP_ENCRYPTION_KEY;
  const file = join(dataDir, 'totp-encryption-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  logErr(`TOTP_ENCRYPTION_KEY is unset: generated one in ${file} (keep it with the database).`);
  return key;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the whole system: migrations, demo data when empty, worker and web app / 启动整个系统')
    .option('--demo', `the demo accounts get the published password ${DEMO_PASSWORD} (else a generated one, printed once)`)
    .action(async (opts: { demo?: boolean }) => {
      const env = parseEnv();
      // Issue 15: the demo accounts' published password only when asked for; otherwise a new one.
      let demoPassword: string | null = null;
      // Issue 15: everything below runs as the owner (DATABASE_OWNER_URL, else DATABASE_URL, else the
      // embedded server's superuser); the web app and the worker get the apps' role (`appUrl`).
      const app = await resolveDatabase(env.DATABASE_OWNER_URL ? { ...env, DATABASE_URL: env.DATABASE_OWNER_URL } : env, logErr);
      const db = createDb({ url: app.url, max: 2, applicationName: 'supervise-start' });
      let appUrl: string;
      try {
        const prepared = await prepareDatabase(db, todayInShanghai());
        if (prepared.applied.length) logErr(`Migrations applied: ${prepared.applied.join(', ')}`);
        if (prepared.calendarSeeded.length)
          logErr(`Calendar seeded from chinese-days: ${prepared.calendarSeeded[0]}–${prepared.calendarSeeded.at(-1)}`);
        if ((await countEntities(db)) === 0) {
          logErr('The database is empty: loading the demo district …');
          demoPassword = opts.demo ? DEMO_PASSWORD : `Sv-${randomBytes(12).toString('base64url')}`;
          const summary = await seedDemo(db, { seed: DEFAULT_DEMO_SEED, today: todayInShanghai(), password: demoPassword });
          logErr(`Demo data loaded: ${JSON.stringify(summary)}`);
        }
        await migrateQueueAsOwner(env, app.url);
        appUrl = await appUrlForStart(db, env, app.url, logErr);
      } catch (e) {
        await db.destroy();
        await app.release();
        throw e;
      }
      await db.destroy();

      const childEnv: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: appUrl,
        PORT: String(env.PORT),
        NODE_ENV: 'production',
        TOTP_ENCRYPTION_KEY: totpEncryptionKey(env.SUPERVISE_DATA_DIR),
        // Registry uploads: streamed here by the web app, parsed and removed by the worker.
        UPLOAD_DIR: process.env.UPLOAD_DIR || join(env.SUPERVISE_DATA_DIR, 'uploads'),
      };
      if (env.REDIS_URL) childEnv.REDIS_URL = env.REDIS_URL;
      else delete childEnv.REDIS_URL;
      delete childEnv.DATABASE_OWNER_URL; // the owner's credentials stay here
      if (env.QUEUE_SCHEMA) childEnv.QUEUE_SCHEMA = env.QUEUE_SCHEMA;
      const children = [
        launch('worker', join(REPO_ROOT, 'apps/worker/dist/main.js'), childEnv),
        launch('web', join(REPO_ROOT, 'apps/web/serve.js'), childEnv),
      ];

      let stopping: Promise<void> | undefined;
      const stopAll = (code: number) =>
        (stopping ??= (async () => {
          logErr('Stopping: web and worker first, then the database …');
          await Promise.all(children.map(stopChild));
          await app.release();
          logErr('Stopped.');
          process.exit(code);
        })());
      process.once('SIGINT', () => void stopAll(0));
      process.once('SIGTERM', () => void stopAll(0));
      // Launched by `npm start` with an IPC channel: if that parent dies, stop in order too.
      if (process.send) {
        process.once('disconnect', () => void stopAll(0));
        process.channel?.unref();
      }
      for (const c of children) {
        void c.exited.then((code) => {
          if (!stopping) {
            logErr(`${c.name} exited unexpectedly (code ${code}).`);
            void stopAll(1);
          }
        });
      }

      const base = `http://localhost:${env.PORT}`;
      if (await waitForHealth(`${base}/healthz`, children[1]!, 120_000)) {
        const accounts = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(10)} ${a.role}`).join('\n');
        console.log(
          [
            '',
            `鹿泉区公安局 事中事后监管平台 is running: ${base}`,
            `Database: ${redact(app.url)}${app.local ? ' (embedded)' : ''}; web and worker as ${decodeURIComponent(new URL(appUrl).username)}`,
            `Queue backend: ${env.REDIS_URL ? `Redis ${redact(env.REDIS_URL)}` : 'PostgreSQL (bullmq schema)'}`,
            demoPassword === null
              ? 'Demo accounts (their password was printed when the demo was loaded):'
              : `Demo accounts (password ${demoPassword}${opts.demo ? '' : ', generated: shown this once'}):`,
            accounts,
            'Press Ctrl-C to stop.',
            '',
          ].join('\n'),
        );
      } else if (!stopping) {
        logErr(`The web app did not answer ${base}/healthz within 2 minutes.`);
        await stopAll(1);
      }
    });
}
