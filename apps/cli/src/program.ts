import { Command } from 'commander';
import { registerBackup } from './commands/backup.command.js';
import { registerCalendar } from './commands/calendar.command.js';
import { registerDashboard } from './commands/dashboard.command.js';
import { registerDb } from './commands/db.command.js';
import { registerDraw } from './commands/draw.command.js';
import { registerMigrate } from './commands/migrate.command.js';
import { registerPenalty } from './commands/penalty.command.js';
import { registerRoster } from './commands/roster.command.js';
import { registerRules } from './commands/rules.command.js';
import { registerSeed } from './commands/seed.command.js';
import { registerStart } from './commands/start.command.js';
import { registerUser } from './commands/user.command.js';

export function buildProgram(): Command {
  const program = new Command('supervise')
    .description("鹿泉区公安局 事中事后监管平台 — the supervision platform's admin CLI")
    .showHelpAfterError();
  registerStart(program);
  registerMigrate(program);
  registerSeed(program);
  registerDb(program);
  registerCalendar(program);
  registerRules(program);
  registerPenalty(program);
  registerDraw(program);
  registerRoster(program);
  registerUser(program);
  registerDashboard(program);
  registerBackup(program);
  return program;
}
