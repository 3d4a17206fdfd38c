/**
 * A text cell that a spreadsheet must not run: one beginning with = + - @ (or a tab or carriage
 * return, which some programs strip first) is prefixed with a quote, so Excel and WPS show it as
 * text (OWASP: CSV injection). Used by every CSV and XLSX the platform writes from stored text.
 */
export function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
