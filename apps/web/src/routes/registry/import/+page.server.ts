import { fail, redirect } from '@sveltejs/kit';
import { ENTITY_IMPORT_COLUMNS } from '@supervise/core';
import { previewEntityImport } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { MAX_IMPORT_BYTES } from '$lib/server/registry';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  return { columns: ENTITY_IMPORT_COLUMNS.map((c) => ({ zh: c.zh, en: c.en, required: c.required, aliases: [...c.aliases] })) };
};

export const actions: Actions = {
  // Reads and validates the file; nothing is written to the registry here (the batch row only).
  preview: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return fail(400, { problem: 'no_file' as const });
    if (file.size > MAX_IMPORT_BYTES) return fail(413, { problem: 'too_large' as const });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { batch } = await previewEntityImport(getDb(), {
      fileName: file.name || 'upload',
      bytes,
      // Rows outside the importer's brigade/station, as written or as stored, are errors (the
      // use-case checks the actor's scope).
      actor: actorOf(event, user),
    });
    redirect(303, `/registry/import/${batch.id}`);
  },
};
