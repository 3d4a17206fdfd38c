import { fail, redirect } from '@sveltejs/kit';
import { ENTITY_IMPORT_COLUMNS, UPLOAD_LIMITS } from '@supervise/core';
import { acceptRegistryUpload, saveUpload, uploadDirectory } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { boundaryOf, MultipartError, multipartFile, type MultipartFileInfo } from '$lib/server/multipart-file';
import { jobProducer } from '$lib/server/producer';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  return { columns: ENTITY_IMPORT_COLUMNS.map((c) => ({ zh: c.zh, en: c.en, required: c.required, aliases: [...c.aliases] })) };
};

/** adapter-node's BODY_SIZE_LIMIT, exceeded: its error carries 413. */
const isPayloadTooLarge = (e: unknown) => (e as { status?: number } | null)?.status === 413;

export const actions: Actions = {
  // Issue 15 §1: the file is streamed to the upload directory as it arrives (the size limit enforced
  // while it streams) and parsed by the worker; this request reads nothing of it into memory.
  preview: async (event) => {
    const user = requireRoute(event);
    const boundary = boundaryOf(event.request.headers.get('content-type') ?? '');
    if (!boundary || !event.request.body) return fail(400, { problem: 'no_file' as const });
    const dir = uploadDirectory();
    const info: MultipartFileInfo = { fileName: null };
    let saved;
    try {
      saved = await saveUpload(multipartFile(event.request.body, boundary, 'file', info), dir, UPLOAD_LIMITS.maxBytes);
    } catch (e) {
      if (isPayloadTooLarge(e)) return fail(413, { problem: 'too_large' as const });
      if (e instanceof MultipartError) return fail(400, { problem: 'no_file' as const });
      throw e;
    }
    if (!saved.ok)
      return fail(saved.problem === 'too_large' ? 413 : 400, {
        problem: saved.problem === 'too_large' ? 'too_large' : 'no_file',
      } as const);
    const { batch } = await acceptRegistryUpload(getDb(), {
      fileName: info.fileName ?? 'upload',
      upload: saved.file,
      uploadDir: dir,
      // Rows outside the importer's brigade/station, as written or as stored, are errors (the
      // worker's parse checks the uploader's scope).
      actor: actorOf(event, user),
      enqueue: (batchId) => jobProducer().add('parse-registry-upload', { batchId }),
    });
    redirect(303, `/registry/import/${batch.id}`);
  },
};
