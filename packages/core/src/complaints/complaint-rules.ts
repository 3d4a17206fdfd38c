import { REGIME_CODES } from '../regimes/entity-kinds.js';
import { compareIsoDates, plusDays, toDayNumber, type IsoDate } from '../shared/iso-date.js';

/**
 * Complaints and reports (举报/投诉, issue 13 §4). The rulebook has the public report and complain
 * (seed R01 三（1）群众监督、投诉; R02 四（4）根据群众举报进行调查; R05/R06 六 对群众举报、投诉的信息及时
 * 组织警力依法进行核查; R09/R10 随报随查) and says the informant's details are kept secret (seed R03
 * 六、执法监督: 接到举报的部门应当及时处理，并对举报人的相关信息予以保密).
 *
 * The reply period: the rulebook names none ("及时" only) and no statute's period was verified here,
 * so it is a CONFIGURED number of calendar days (service_setting.complaint_reply_days, default below),
 * and every page that shows a deadline says so (`COMPLAINT_REPLY_PERIOD_SOURCE`).
 */
export const COMPLAINT_CHANNELS = ['phone', 'window', 'web'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const DEFAULT_COMPLAINT_REPLY_DAYS = 15;
export const COMPLAINT_REPLY_DAYS_RANGE = { min: 1, max: 90 } as const;

export const COMPLAINT_REPLY_PERIOD_SOURCE = {
  clause: 'seed R05/R06 六、监督检查处理：及时组织警力依法进行核查（no period named）',
  configured: true,
  statutoryVerified: false,
} as const;

/** Longest complaint text kept; longer input is refused (named), never cut silently. */
export const COMPLAINT_CONTENT_MAX = 4000;
export const COMPLAINT_REPLY_MAX = 4000;

/** The day the reply is due: `replyDays` calendar days after the day it was received. */
export function complaintReplyDue(receivedOn: IsoDate, replyDays: number): IsoDate {
  if (!Number.isInteger(replyDays) || replyDays < COMPLAINT_REPLY_DAYS_RANGE.min || replyDays > COMPLAINT_REPLY_DAYS_RANGE.max)
    throw new RangeError(
      `complaint reply period ${replyDays} days is outside ${COMPLAINT_REPLY_DAYS_RANGE.min}–${COMPLAINT_REPLY_DAYS_RANGE.max}`,
    );
  return plusDays(receivedOn, replyDays);
}

/** The complaint's number: `JB` + year + a six-digit sequence (举报/投诉 编号). */
export function complaintNumber(receivedOn: IsoDate, sequence: number): string {
  return `JB${receivedOn.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}

export interface ComplaintInput {
  channel: string;
  regime: string;
  content: string;
  place?: string | null;
  informantName?: string | null;
  informantPhone?: string | null;
}

export type ComplaintErrorCode = 'bad_channel' | 'bad_regime' | 'required' | 'too_long' | 'bad_phone';
export interface ComplaintError {
  field: keyof ComplaintInput;
  code: ComplaintErrorCode;
}

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;

/** Every reason the complaint cannot be stored (empty: it can), each naming its field. */
export function checkComplaint(input: ComplaintInput): ComplaintError[] {
  const errors: ComplaintError[] = [];
  if (!(COMPLAINT_CHANNELS as readonly string[]).includes(input.channel)) errors.push({ field: 'channel', code: 'bad_channel' });
  if (!(REGIME_CODES as readonly string[]).includes(input.regime)) errors.push({ field: 'regime', code: 'bad_regime' });
  const content = input.content.trim();
  if (content === '') errors.push({ field: 'content', code: 'required' });
  else if (content.length > COMPLAINT_CONTENT_MAX) errors.push({ field: 'content', code: 'too_long' });
  if ((input.place ?? '').length > 500) errors.push({ field: 'place', code: 'too_long' });
  if ((input.informantName ?? '').length > 100) errors.push({ field: 'informantName', code: 'too_long' });
  const phone = (input.informantPhone ?? '').trim();
  if (phone !== '' && !PHONE.test(phone)) errors.push({ field: 'informantPhone', code: 'bad_phone' });
  return errors;
}

/** Days left before the reply is due (negative: overdue by that many). */
export function complaintDaysLeft(replyDueOn: IsoDate, today: IsoDate): number {
  return toDayNumber(replyDueOn) - toDayNumber(today);
}

/** Whether a reply given on `repliedOn` met the deadline. */
export const repliedInTime = (repliedOn: IsoDate, replyDueOn: IsoDate): boolean => compareIsoDates(repliedOn, replyDueOn) <= 0;

/**
 * The public form's limit per client address (issue 13 §4: rate-limited, no login): a fixed window,
 * counted in the login throttle's table under its own key prefix (core `currentFailures`).
 */
export const PUBLIC_COMPLAINT_POLICY = { windowMs: 60 * 60_000, maxPerAddress: 5 } as const;
export const publicComplaintThrottleKey = (address: string): string => `complaint-address:${address}`;
