import { fail } from '@sveltejs/kit';
import { DrawRecordFormatError, parseDrawRecord, verifyDrawRecord } from '@supervise/core';
import { requireRoute } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

/**
 * `/draws/verify`: upload a published record and have it re-computed with the very function
 * `supervise draw verify` runs (core's `verifyDrawRecord`). It runs on the server: core's sampler
 * hashes with node:crypto (synchronous SHA-256, thousands of tickets), which the browser's WebCrypto
 * offers only asynchronously; one code path keeps the page and the CLI byte-for-byte alike.
 */
const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = (event) => {
  requireRoute(event);
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    requireRoute(event);
    const file = (await event.request.formData()).get('record');
    if (!(file instanceof File) || file.size === 0) return fail(400, { problem: 'file' as const });
    if (file.size > MAX_BYTES) return fail(413, { problem: 'size' as const });
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (e) {
      return fail(400, { problem: 'json' as const, detail: (e as Error).message, name: file.name });
    }
    try {
      const record = parseDrawRecord(json);
      const result = verifyDrawRecord(record);
      return { name: file.name, drawId: record.draw_id, ok: result.ok, difference: result.ok ? null : result.difference };
    } catch (e) {
      if (e instanceof DrawRecordFormatError || (e instanceof Error && e.name === 'DrawRecordFormatError'))
        return fail(400, { problem: 'format' as const, detail: (e as Error).message, name: file.name });
      throw e;
    }
  },
};
