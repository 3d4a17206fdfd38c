import { m } from '$lib/paraglide/messages.js';

/** Labels of a complaint's channel and status (issue 13 §4). */
const CHANNELS: Record<string, () => string> = {
  phone: m.complaint_channel_phone,
  window: m.complaint_channel_window,
  web: m.complaint_channel_web,
};
export const channelLabel = (c: string): string => CHANNELS[c]?.() ?? c;

const STATUSES: Record<string, () => string> = { open: m.complaint_status_open, replied: m.complaint_status_replied };
export const statusLabel = (s: string): string => STATUSES[s]?.() ?? s;
