/**
 * A reason something is refused, in the users' language first. `code` is stable (tests, API,
 * i18n keys); `clause` names the rule it comes from, so a result can always show its source.
 */
export interface Reason {
  code: string;
  zh: string;
  en: string;
  clause?: string;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface CheckResult {
  ok: boolean;
  reasons: Reason[];
}

export function checkResult(reasons: Reason[]): CheckResult {
  return { ok: reasons.length === 0, reasons };
}
