import { fail } from '@sveltejs/kit';
import { PERIOD_UNITS } from '@supervise/core';
import { mayUse, requireRoute } from '$lib/server/access';
import { ApiError } from '$lib/server/api-error';
import {
  calendarOverview,
  computeAdd,
  importNotice,
  isPeriodUnit,
  noticeFormatOf,
  parseCount,
  parseFrom,
} from '$lib/server/calendar';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

const MAX_FILE_BYTES = 256 * 1024;

/** The working-day calculator is a read: a GET form whose answer is computed here, in `load`. */
async function calculate(params: URLSearchParams) {
  if (!params.has('from')) return null;
  const input = { from: params.get('from') ?? '', n: params.get('n') ?? '', unit: params.get('unit') ?? 'working_days' };
  try {
    const from = parseFrom(input.from);
    const n = parseCount(input.n, 'n');
    if (!isPeriodUnit(input.unit)) throw new ApiError(400, 'INVALID_UNIT', '期限单位无效', 'invalid unit', 'unit');
    return { input, ok: true as const, ...(await computeAdd(getDb(), from, { unit: input.unit, n })) };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { input, ok: false as const, error: { code: e.code, zh: e.zh, en: e.en, field: e.field ?? null } };
  }
}

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const today = serverToday();
  const overview = await calendarOverview(getDb(), today);
  return {
    today,
    ...overview,
    canManage: mayUse(user, '/admin/calendar', 'POST', 'import'),
    units: PERIOD_UNITS,
    calc: await calculate(event.url.searchParams),
  };
};

export const actions: Actions = {
  /** Imports one year's notice from an uploaded JSON or CSV file; all or nothing. */
  import: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    const file = form.get('notice');
    const title = String(form.get('title') ?? '').trim();
    if (!(file instanceof File) || file.size === 0) return fail(400, { import: { error: 'missing' as const } });
    if (file.size > MAX_FILE_BYTES) return fail(400, { import: { error: 'too_large' as const, fileName: file.name } });
    const format = noticeFormatOf(file.name) ?? noticeFormatOf(file.type);
    const outcome = await importNotice(getDb(), actorOf(event, user), {
      text: await file.text(),
      ...(format ? { format } : {}),
      notice: title || null,
      source: file.name.slice(0, 200),
    });
    if (!outcome.ok)
      return fail(400, {
        import: { error: 'invalid' as const, fileName: file.name, format: outcome.format, issues: outcome.issues },
      });
    return { import: { ok: true as const, fileName: file.name, ...outcome.result } };
  },
};
