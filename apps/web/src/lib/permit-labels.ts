import { m } from '$lib/paraglide/messages.js';

/** An R02 permit's flag in words (overdue, or a hoarding beyond the approved area). */
export const permitFlagLabel = (k: string): string => (k === 'overdue' ? m.permit_flag_overdue() : m.permit_flag_beyond_area());
