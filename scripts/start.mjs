// `npm start`: install and build what is missing, then run the whole system (see `supervise start`).
import { bootstrap, ROOT } from './bootstrap.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

try {
  bootstrap();
} catch (e) {
  process.stderr.write(`npm start: ${e.message}\n`);
  process.exit(1);
}
process.argv = [process.argv[0], 'supervise', 'start', ...process.argv.slice(2)];
await import(pathToFileURL(join(ROOT, 'apps/cli/dist/main.js')).href);
