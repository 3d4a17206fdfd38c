// `npm start`: install and build what is missing, then run the whole system (`supervise start`).
//
// The orchestrator runs in a process group of its own, with PostgreSQL, the worker and the web app
// under it: a Ctrl-C in the terminal reaches only this process, which passes it on, so everything
// stops in order (web and worker first, the database last) instead of all at once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bootstrap, ROOT } from './bootstrap.mjs';

try {
  bootstrap();
} catch (e) {
  process.stderr.write(`npm start: ${e.message}\n`);
  process.exit(1);
}

const child = spawn(process.execPath, [join(ROOT, 'apps/cli/dist/main.js'), 'start', ...process.argv.slice(2)], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  detached: true,
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
