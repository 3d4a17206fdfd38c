import { m } from '$lib/paraglide/messages.js';

/** Why an officer may not inspect (core's OfficerUnavailability), in the page's language. */
export const unavailabilityLabel: Record<string, () => string> = {
  inactive: m.roster_why_inactive,
  credential_missing: m.roster_why_credential_missing,
  credential_expired: m.roster_why_credential_expired,
  on_leave: m.roster_why_on_leave,
  recused: m.roster_why_recused,
};

export const whyText = (why: readonly string[]) => why.map((w) => unavailabilityLabel[w]?.() ?? w).join(m.roster_list_sep());

/** A roster change refused by the use-case, named. */
export function refusalText(r: { code: string; officerCode?: string; unavailability?: readonly string[] }): string {
  const officer = r.officerCode ?? '';
  switch (r.code) {
    case 'INSPECTION_NOT_FOUND':
      return m.roster_refused_not_found();
    case 'INSPECTION_NOT_PLANNED':
      return m.roster_refused_not_planned();
    case 'OUT_OF_SCOPE':
      return m.roster_refused_scope();
    case 'OFFICER_NOT_FOUND':
      return m.roster_refused_officer_not_found({ officer });
    case 'NOT_ON_ROSTER':
      return m.roster_refused_not_on_roster({ officer });
    case 'ALREADY_ON_ROSTER':
      return m.roster_refused_already({ officer });
    case 'REASON_REQUIRED':
      return m.roster_refused_reason();
    case 'OFFICER_OUT_OF_UNIT':
      return m.roster_refused_unit({ officer });
    case 'OFFICER_UNAVAILABLE':
      return m.roster_refused_unavailable({ officer, why: whyText(r.unavailability ?? []) });
    case 'CHOICE_MISSING':
      return m.roster_leave_choice_missing();
    default:
      return r.code;
  }
}
