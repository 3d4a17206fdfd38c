import { fail, redirect } from '@sveltejs/kit';
import { visibleRegimes } from '@supervise/core';
import { createEntity, listPoliceStations, RegistryWriteError } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { validateEntityForm } from '$lib/server/registry';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const stations = await listPoliceStations(getDb());
  return {
    regimes: visibleRegimes(user, 'registry.manage'),
    stations: stations.map((s) => ({ id: s.id, zh: s.name_zh, en: s.name_en })),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireRoute(event);
    const db = getDb();
    const { entity, issues, values } = await validateEntityForm(db, user, await event.request.formData());
    if (!entity) return fail(400, { issues, values });
    try {
      await createEntity(db, entity, actorOf(event, user));
    } catch (e) {
      if (e instanceof Error && e.name === 'RegistryWriteError' && (e as RegistryWriteError).code === 'code_taken') {
        return fail(409, {
          issues: [
            { code: 'duplicate_code', row: 0, column: '对象编码', zh: '该对象编码已存在', en: 'this code already exists' },
          ],
          values,
        });
      }
      throw e;
    }
    redirect(303, `/registry/${encodeURIComponent(entity.code)}`);
  },
};
