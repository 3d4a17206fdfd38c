// The services `npm test` needs: the given ones (DATABASE_URL, REDIS_URL), else the ones on
// localhost, else started here. Each returns { url, label, stop() }. DATABASE_URL is the tests' OWNER
// (it creates a database per test file and needs CREATEDB and CREATEROLE); the tests that start the
// web app or the worker connect them as a least-privilege role of their own (`createTestAppRole`,
// issue 15), never as this one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, say } from './bootstrap.mjs';

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';
const TEST_PG_PORT = 54339;
const TEST_REDIS_PORT = 63799;

const isRoot = () => process.getuid?.() === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const keep = { stop: async () => {} };

function aptInstall(...pkgs) {
  if (!isRoot() || !has('apt-get')) return false;
  say(`Installing Debian's ${pkgs.join(', ')} (apt-get) …`);
  spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const r = spawnSync('apt-get', ['install', '-y', '-q', ...pkgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

export async function ensurePostgres() {
  const { canConnect } = await import(pathToFileURL(join(ROOT, 'packages/db/dist/index.js')).href);
  if (process.env.DATABASE_URL) {
    if (!(await canConnect(process.env.DATABASE_URL)))
      throw new Error('DATABASE_URL is set but PostgreSQL does not answer there.');
    return { url: process.env.DATABASE_URL, label: '(DATABASE_URL)', ...keep };
  }
  if (await canConnect(LOCAL_PG)) return { url: LOCAL_PG, label: '127.0.0.1:5432', ...keep };
  say('No PostgreSQL on 127.0.0.1:5432: starting the embedded one for the tests …');
  const { startLocalPostgres } = await import(pathToFileURL(join(ROOT, 'apps/cli/dist/local/embedded-postgres.js')).href);
  const pg = await startLocalPostgres(join(ROOT, '.data', 'test'), TEST_PG_PORT, say);
  return { url: pg.url, label: `embedded on :${TEST_PG_PORT}`, stop: () => pg.stop() };
}

function redisPing(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1500 });
    let answer = '';
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      answer += d;
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.startsWith('+PONG'));
      }
    });
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
  });
}

export async function ensureRedis() {
  if (process.env.REDIS_URL) {
    const u = new URL(process.env.REDIS_URL);
    if (!(await redisPing(u.hostname, Number(u.port || 6379))))
      throw new Error('REDIS_URL is set but Redis does not answer there.');
    return { url: process.env.REDIS_URL, label: '(REDIS_URL)', ...keep };
  }
  if (await redisPing('127.0.0.1', 6379)) return { url: LOCAL_REDIS, label: '127.0.0.1:6379', ...keep };
  if (!has('redis-server') && !aptInstall('redis-server')) {
    throw new Error(
      'Redis is needed for the tests: set REDIS_URL, run Redis on 127.0.0.1:6379, or install it (sudo apt-get install redis-server).',
    );
  }
  const dir = join(ROOT, '.data', 'test-redis');
  mkdirSync(dir, { recursive: true });
  say(`Starting redis-server on 127.0.0.1:${TEST_REDIS_PORT} for the tests …`);
  const proc = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(TEST_REDIS_PORT), '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50 && !(await redisPing('127.0.0.1', TEST_REDIS_PORT)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    url: `redis://127.0.0.1:${TEST_REDIS_PORT}`,
    label: `redis-server on :${TEST_REDIS_PORT}`,
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

export function ensureChromium() {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (aptInstall('chromium') && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(
    "Chromium is needed for the browser tests: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH.",
  );
}

// Official documents (packages/documents) are set in a CJK font, and their tests read the PDFs back with
// poppler-utils (pdftotext, pdffonts, pdfinfo); Chromium needs the same font to show Chinese.
// The Debian paths among @supervise/documents' DEFAULT_FONT_PATHS (fonts-noto-cjk, fonts-wqy-*).
const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
];
const hasCjkFont = () => CJK_FONTS.some((f) => existsSync(f));

export function ensureDocumentTools() {
  const missing = [];
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (!has('pdftotext') || !has('pdffonts') || !has('pdfinfo')) missing.push('poppler-utils');
  if (missing.length && !aptInstall(...missing)) {
    throw new Error(
      `The document tests need Debian's ${missing.join(' and ')}: install ${missing.length > 1 ? 'them' : 'it'} (sudo apt-get install ${missing.join(' ')}).`,
    );
  }
}
