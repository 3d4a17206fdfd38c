// Makes a fresh clone runnable with nothing but Node.js >= 20.19 and npm: installs pnpm (pinned, in
// .tools/, no root needed), the dependencies and a build, each only when missing or out of date.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

export function say(line) {
  process.stderr.write(`\x1b[36m▸\x1b[0m ${line}\n`);
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Node.js >= 20.19 is needed; this is ${process.version}.`);
  }
}

/** The pinned pnpm: a global one of the right version, else one installed into .tools/. */
export function pnpmPath() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return 'pnpm';
  const bin = join(ROOT, '.tools', 'node_modules', '.bin');
  const local = join(bin, 'pnpm');
  // turbo and our scripts call `pnpm` by name: the local one must be first on every child's PATH.
  process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
  if (!existsSync(local)) {
    say(`Installing pnpm ${PNPM_VERSION} into .tools/ …`);
    mkdirSync(join(ROOT, '.tools'), { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', join(ROOT, '.tools'), '--no-save', '--no-audit', '--no-fund', `pnpm@${PNPM_VERSION}`],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  return local;
}

export function run(cmd, args, opts = {}) {
  // Children write to our stderr: stdout is kept for results (`N passed, N failed`, a CLI
  // command's output).
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    ...opts,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', ...opts.env },
  });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function fingerprint(...files) {
  const h = createHash('sha256');
  for (const f of files) h.update(existsSync(f) ? readFileSync(f) : '');
  return h.digest('hex');
}

const INSTALL_STAMP = join(ROOT, 'node_modules', '.supervise-install');
const installFingerprint = () => fingerprint(join(ROOT, 'pnpm-lock.yaml'), join(ROOT, 'package.json'));

/** Whether the dependencies are installed from the lockfile as it is now. */
export function installed() {
  return existsSync(INSTALL_STAMP) && readFileSync(INSTALL_STAMP, 'utf8') === installFingerprint();
}

/**
 * Install when the lockfile changed since the last install; build (turbo caches what is unchanged).
 * `filter`: build only that package and what it depends on (e.g. `@supervise/cli...`).
 */
export function bootstrap({ filter } = {}) {
  checkNode();
  const pnpm = pnpmPath();
  if (!installed()) {
    say('Installing dependencies (pnpm install --frozen-lockfile) …');
    if (run(pnpm, ['install', '--frozen-lockfile', '--config.update-notifier=false']) !== 0)
      throw new Error('pnpm install failed');
    writeFileSync(INSTALL_STAMP, installFingerprint());
  }
  say('Building (turbo; unchanged packages come from its cache) …');
  const args = ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...(filter ? [`--filter=${filter}`] : [])];
  if (run(pnpm, args) !== 0) throw new Error('the build failed');
  return pnpm;
}

/** The newest modification time (ms) of the files under `paths` (folders walked; node_modules and dist skipped). */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist' && !e.startsWith('.')) visit(join(p, e));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of paths) visit(p);
  return newest;
}
