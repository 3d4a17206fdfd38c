/**
 * Numbers, money and dates for display, through Intl in the page's locale (zh-CN first). Shared by
 * server and browser code; no clock and no time-zone guessing: calendar dates are formatted as such.
 */
export function formatInteger(locale: string, n: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** Fen (1/100 yuan) as yuan: ¥12,345.00 */
export function formatYuan(locale: string, fen: number): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'symbol' }).format(fen / 100);
}

export function formatPercent(locale: string, ratio: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio);
}

/** A calendar date 'YYYY-MM-DD': 2026年11月27日 / November 27, 2026. */
export function formatDate(locale: string, isoDate: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A month 'YYYY-MM': 2026年11月 / Nov 2026. */
export function formatMonth(locale: string, month: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** An instant, shown in Beijing time. */
export function formatDateTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(
    new Date(iso),
  );
}
