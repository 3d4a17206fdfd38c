import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { createAccountUseCase, migrateToLatest, type AccountProblem } from '@supervise/db';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { operatorActor } from '../operator-actor.js';
import { logErr } from '../output.js';

/** Each refusal in words, zh and en (the web page names the same problems through its messages). */
const ACCOUNT_PROBLEM_TEXT: Partial<Record<AccountProblem, string>> = {
  username_format:
    '用户名须为3–32位小写字母、数字或 . _ -，以字母开头 / 3–32 lower-case letters, digits or . _ -, starting with a letter',
  username_taken: '用户名已存在 / the username is taken',
  display_name: '请填写姓名 / enter a display name',
  role: '未知角色 / unknown role',
  unknown_role: '未知角色 / unknown role',
  separation_of_duties: '三权分立：一个账号不得兼任两种管理员角色 / separation of duties: two administrator roles',
  business_and_admin: '三权分立：业务角色与管理员角色不得在同一账号 / a business role and an administrator role on one account',
  scope_not_allowed: '该角色不能限定大队 / this role cannot be scoped to a brigade',
  both_scopes: '只能限定大队或派出所之一 / a brigade or a station, not both',
  unknown_brigade: '未知大队 / unknown brigade',
  officer_required:
    '检查民警、调度员账号须关联民警（--officer 警号） / inspectors and schedulers need an officer (--officer CODE)',
  officer_unknown: '未找到该警号的民警 / no officer with this police number',
  officer_taken: '该民警已有账号 / this officer already has an account',
  too_short: '密码少于10位 / password shorter than 10 characters',
  too_long: '密码超过128位 / password longer than 128 characters',
  too_few_classes: '密码字符类型少于3种 / fewer than 3 character classes',
  contains_username: '密码不得包含用户名 / the password contains the username',
};

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
    .option('--officer <code>', 'the police number of the officer this account belongs to (required for inspector and scheduler)')
    .option('--password-stdin', 'read the password from stdin (never from the command line)')
    .action(
      async (opts: {
        username: string;
        displayName: string;
        role: string;
        brigade?: string;
        officer?: string;
        passwordStdin?: boolean;
      }) => {
        let password: string;
        if (opts.passwordStdin || !process.stdin.isTTY) {
          password = await readStdin();
        } else {
          password = await promptHidden('Password / 密码: ');
          if ((await promptHidden('Again / 再次输入: ')) !== password) throw new Error('the passwords differ');
        }
        const env = parseEnv();
        // The same use-case as /admin/users/new: the same rules, and a refusal is audited too.
        const r = await withAppDb(env, logErr, async (db) => {
          await migrateToLatest(db);
          return createAccountUseCase(
            db,
            operatorActor(),
            {
              username: opts.username,
              displayName: opts.displayName,
              password,
              role: opts.role,
              brigadeId: opts.brigade ?? null,
              officerCode: opts.officer ?? null,
              // The operator chose this password; administrators still enrol TOTP at first login.
              mustChangePassword: false,
            },
            new Date(),
          );
        });
        if (!r.ok) {
          for (const p of r.problems) logErr(`${p}: ${ACCOUNT_PROBLEM_TEXT[p] ?? p}`);
          throw new Error(`account refused: ${r.problems.join(', ')}`);
        }
        console.log(
          JSON.stringify({
            id: r.id,
            username: opts.username.trim().toLowerCase(),
            role: opts.role,
            brigade: opts.brigade ?? null,
            officer: opts.officer ?? null,
          }),
        );
      },
    );
}
