import { WindowError } from '@supervise/db';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { ReasonMessage } from './reason-messages.js';

/** Issue 13 §6: a window-service refusal in words; a refused file's problems line by line (file, row, field). */
const REASONS: Record<string, ReasonMessage> = {
  required: m.window_error_required,
  too_long: m.window_error_too_long,
  bad_channel: m.window_error_bad_channel,
  bad_date: m.window_error_bad_date,
  in_future: m.window_error_in_future,
  bad_kind: m.window_error_bad_kind,
  staff_not_found: m.window_error_staff_not_found,
  out_of_scope: m.window_error_out_of_scope,
  not_found: m.window_error_not_found,
  already_followed_up: m.window_error_already_followed_up,
  bad_month: m.window_error_bad_month,
  bad_measure: m.window_error_bad_measure,
  not_flagged: m.window_error_not_flagged,
  measure_exists: m.window_error_measure_exists,
  bad_threshold: m.window_error_bad_threshold,
  not_in_service: m.window_error_not_in_service,
};

export function windowRefusal(e: WindowError, form: string) {
  const en = getLocale() === 'en';
  return {
    form,
    field: e.field,
    message: e.code === 'WINDOW-BAD-FILE' ? m.window_import_refused() : (REASONS[e.reason]?.() ?? e.reason),
    issues: e.issues.map((i) =>
      m.window_issue_line({ file: i.file, row: i.row, field: i.field ?? '—', message: en ? i.en : i.zh }),
    ),
    status: (e.code === 'WINDOW-DENIED' ? 403 : e.code === 'WINDOW-NOT-FOUND' ? 404 : e.code === 'WINDOW-STATE' ? 409 : 400) as
      400 | 403 | 404 | 409,
  };
}
