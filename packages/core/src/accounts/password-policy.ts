/**
 * Password rules (GB/T 22239-2019 level 3, 8.1.4.1 a: passwords of sufficient complexity, changed
 * periodically; OWASP ASVS 2.1). Pure: the clock is a parameter.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for a pass phrase, short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;
export const DEFAULT_PASSWORD_MAX_AGE_DAYS = 90;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_username';

/** The character classes present: lower case, upper case, digits, anything else. */
export function characterClasses(password: string): number {
  let n = 0;
  if (/\p{Ll}/u.test(password)) n++;
  if (/\p{Lu}/u.test(password)) n++;
  if (/\p{Nd}/u.test(password)) n++;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) n++;
  return n;
}

/** Every rule a candidate password breaks (empty: acceptable). */
export function checkPasswordPolicy(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) problems.push('too_few_classes');
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  return problems;
}

/** Whether a password set at `changedAt` is older than the maximum age at `now` (0 days: never). */
export function passwordExpired(changedAt: Date, now: Date, maxAgeDays: number): boolean {
  if (maxAgeDays <= 0) return false;
  return now.getTime() - changedAt.getTime() >= maxAgeDays * 86_400_000;
}
