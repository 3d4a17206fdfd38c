import { fail, redirect } from '@sveltejs/kit';
import { createAccountUseCase, listBrigades, officersWithoutAccount } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  const db = getDb();
  return {
    brigades: (await listBrigades(db)).map((b) => ({ id: b.id, name: b.name_zh })),
    officers: await officersWithoutAccount(db),
  };
};

export const actions: Actions = {
  // One use-case with the CLI's `supervise user create`: the same rules, audited (refusals too).
  default: async (event) => {
    const user = requireRoute(event);
    const f = await event.request.formData();
    const values = {
      username: String(f.get('username') ?? '')
        .trim()
        .toLowerCase(),
      displayName: String(f.get('displayName') ?? '').trim(),
      role: String(f.get('role') ?? ''),
      brigadeId: String(f.get('brigadeId') ?? '') || null,
      officerCode: String(f.get('officerCode') ?? '').trim() || null,
    };
    const r = await createAccountUseCase(
      getDb(),
      actorOf(event, user),
      // An initial password set by an administrator is changed at first login.
      { ...values, password: String(f.get('password') ?? ''), mustChangePassword: true },
      new Date(),
    );
    if (!r.ok) return fail(400, { values, problems: r.problems as string[] });
    redirect(303, `/admin/users/${r.id}?created`);
  },
};
