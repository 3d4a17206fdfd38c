import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { checkGrant, checkPasswordPolicy, isRole } from '@supervise/core';
import { accountSnapshot, createAccount, hashPassword, migrateToLatest, recordAudit, usernameTaken } from '@supervise/db';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { logErr } from '../output.js';

/** Reads all of stdin (a pipe: `--password-stdin`); the trailing newline is dropped. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const rlOut = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    // Mute the echo of the typed characters (the question itself was already written).
    rlOut._writeToOutput = () => {};
  });
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('accounts / 账号');
  user
    .command('create')
    .description('create an account, e.g. the first security administrator / 创建账号（如首个安全管理员）')
    .requiredOption('--username <name>', 'login name (lower case)')
    .requiredOption('--display-name <name>', 'name shown in the interface')
    .requiredOption(
      '--role <role>',
      'leader, scheduler, inspector, complaints_officer, system_admin, security_admin, audit_admin',
    )
    .option('--brigade <id>', 'scope the role to one brigade (e.g. B-JJ)')
    .option('--password-stdin', 'read the password from stdin (never from the command line)')
    .action(async (opts: { username: string; displayName: string; role: string; brigade?: string; passwordStdin?: boolean }) => {
      const username = opts.username.trim().toLowerCase();
      if (!isRole(opts.role)) throw new Error(`unknown role ${opts.role}`);
      const refusal = checkGrant([], { role: opts.role, brigadeId: opts.brigade ?? null });
      if (refusal) throw new Error(`role refused: ${refusal}`);
      let password: string;
      if (opts.passwordStdin || !process.stdin.isTTY) {
        password = await readStdin();
      } else {
        password = await promptHidden('Password / 密码: ');
        if ((await promptHidden('Again / 再次输入: ')) !== password) throw new Error('the passwords differ');
      }
      const problems = checkPasswordPolicy(password, username);
      if (problems.length)
        throw new Error(`password refused: ${problems.join(', ')} (≥ 10 characters, 3 of 4 classes, not the username)`);
      const hash = await hashPassword(password);
      const env = parseEnv();
      const id = await withAppDb(env, logErr, async (db) => {
        await migrateToLatest(db);
        if (await usernameTaken(db, username)) throw new Error(`username ${username} exists`);
        return db.transaction().execute(async (trx) => {
          const newId = await createAccount(trx, {
            username,
            displayName: opts.displayName,
            passwordHash: hash,
            // The operator chose this password; administrators still enrol TOTP at first login.
            mustChangePassword: false,
            roles: [{ role: opts.role, brigadeId: opts.brigade ?? null, stationId: null }],
            now: new Date(),
          });
          await recordAudit(trx, {
            action: 'user.create',
            entityType: 'app_user',
            entityId: newId,
            after: await accountSnapshot(trx, newId),
            details: { via: 'cli' },
          });
          return newId;
        });
      });
      console.log(JSON.stringify({ id, username, role: opts.role, brigade: opts.brigade ?? null }));
    });
}
