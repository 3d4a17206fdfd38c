import { DEMO_PASSWORD, createAccount, hashPassword, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { login, startWeb, type WebHarness } from './harness.js';

type Role = Parameters<typeof createAccount>[1]['roles'][number];

/** An account of one role in one unit, with the demo password and nothing to change at first login. */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
}

/**
 * The built server on the demo district as of `today` (its working calendar, units and officers) with
 * `accounts` added, serving SUPERVISE_TODAY = today.
 */
export function startDemoWeb(today: string, accounts: readonly DemoAccount[]): Promise<WebHarness> {
  return startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today });
      for (const a of accounts)
        await createAccount(t.db, {
          username: a.username,
          displayName: a.displayName,
          passwordHash: await hashPassword(DEMO_PASSWORD),
          mustChangePassword: false,
          roles: [a.role],
          now: new Date(),
        });
    },
    env: { SUPERVISE_TODAY: today },
  });
}

/** A new browser context (kept in `contexts`, for the spec to close) signed in as `username` with the demo password. */
export async function demoPageAs(
  h: WebHarness,
  contexts: BrowserContext[],
  username: string,
  options: BrowserContextOptions,
): Promise<Page> {
  const ctx = await h.browser.newContext(options);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 120_000 });
  return page;
}
