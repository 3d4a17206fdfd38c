/**
 * Starts apps/web's production build (`node build` in BENCH_WEB_DIR, env passed through) and prints
 * `pid <n>` and then `ready` once its /healthz answers, for the benchmark's child helper. SIGTERM is
 * passed on.
 */
import { spawn } from 'node:child_process';

const server = spawn(process.execPath, ['build'], {
  cwd: process.env.BENCH_WEB_DIR!,
  env: process.env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.stdout.write(`pid ${server.pid}\n`);
server.once('exit', (code) => process.exit(code ?? 1));
process.once('SIGTERM', () => server.kill('SIGTERM'));
const url = `http://127.0.0.1:${process.env.PORT}/healthz`;
for (;;) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000) });
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 250));
  }
}
process.stdout.write('ready\n');
