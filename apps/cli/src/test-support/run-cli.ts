/** Runs the BUILT CLI (`node apps/cli/dist/main.js`, as `pnpm supervise` does) for the integration tests. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A runner bound to a database URL (read when called, so a test may set it in beforeAll). */
export function cliRunner(databaseUrl?: () => string): (...args: string[]) => Promise<CliRun> {
  return (...args) =>
    new Promise((resolve) => {
      const env = databaseUrl ? { ...process.env, DATABASE_URL: databaseUrl() } : process.env;
      execFile(process.execPath, [CLI_MAIN, ...args], { env }, (err, stdout, stderr) => {
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
      });
    });
}
