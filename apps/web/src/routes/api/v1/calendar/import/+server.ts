import { json } from '@sveltejs/kit';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { importNotice, noticeFormatOf } from '$lib/server/calendar';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import type { RequestHandler } from './$types';

// A year's notice lists a few dozen days; anything near this is not a notice.
const MAX_BYTES = 256 * 1024;

/**
 * POST a year's State Council notice: `application/json` ({ year, notice, days }) or `text/csv`
 * (date,kind,name). All or nothing: any bad row → 400 with every issue (row, field, zh, en) and
 * nothing stored. `?notice=` overrides the title. Form content types are refused (415), so a
 * cross-site form can never post here.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const type = event.request.headers.get('content-type') ?? '';
  const format = noticeFormatOf(type);
  if (!format)
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      '请以 application/json 或 text/csv 提交通知',
      'send the notice as application/json or text/csv',
      'content-type',
    );
  const text = await event.request.text();
  if (text.length > MAX_BYTES)
    throw new ApiError(413, 'TOO_LARGE', '文件过大，不像一份年度通知', 'too large to be a yearly notice');
  const outcome = await importNotice(getDb(), actorOf(event, user), {
    text,
    format,
    notice: event.url.searchParams.get('notice'),
    source: 'api',
  });
  if (!outcome.ok) {
    const first = outcome.issues[0];
    throw new ApiError(
      400,
      'NOTICE_INVALID',
      `通知有 ${outcome.issues.length} 处错误，未导入任何数据`,
      `the notice has ${outcome.issues.length} error(s); nothing was imported`,
      first?.field ?? undefined,
      { format: outcome.format, issues: outcome.issues },
    );
  }
  return json({ ok: true, ...outcome.result }, { status: outcome.result.outcome === 'imported' ? 201 : 200 });
});
