/**
 * Numbers, money and dates for display, through Intl in the page's locale (zh-CN first). Shared by
 * server and browser code; no clock and no time-zone guessing: calendar dates are formatted as such.
 */
/**
 * One formatter per (locale, style), made once: building an Intl formatter costs far more than using
 * it, and the dashboard formats some hundred numbers a page (issue 12/14: a CPU profile under load
 * spent a tenth of the server's time constructing them).
 */
function memo<F>(make: (locale: string) => F): (locale: string) => F {
  const made = new Map<string, F>();
  return (locale) => {
    let f = made.get(locale);
    if (!f) made.set(locale, (f = make(locale)));
    return f;
  };
}

const integer = memo((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }));
const yuan = memo((l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'CNY', currencyDisplay: 'symbol' }));
const percent = memo((l) => new Intl.NumberFormat(l, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const longDate = memo((l) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' }));
const shortMonth = memo((l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: 'short', timeZone: 'UTC' }));
const dateTime = memo((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }));
const dateTimeSeconds = memo(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Shanghai' }),
);

export function formatInteger(locale: string, n: number): string {
  return integer(locale).format(n);
}

/** Fen (1/100 yuan) as yuan: ¥12,345.00 */
export function formatYuan(locale: string, fen: number): string {
  return yuan(locale).format(fen / 100);
}

export function formatPercent(locale: string, ratio: number): string {
  return percent(locale).format(ratio);
}

/** A calendar date 'YYYY-MM-DD': 2026年11月27日 / November 27, 2026. */
export function formatDate(locale: string, isoDate: string): string {
  return longDate(locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A month 'YYYY-MM': 2026年11月 / Nov 2026. */
export function formatMonth(locale: string, month: string): string {
  return shortMonth(locale).format(new Date(`${month}-01T00:00:00Z`));
}

/** An instant, shown in Beijing time. */
export function formatDateTime(locale: string, iso: string): string {
  return dateTime(locale).format(new Date(iso));
}

/** An instant to the second, in Beijing time (how fresh a cached figure is). */
export function formatDateTimeSeconds(locale: string, iso: string): string {
  return dateTimeSeconds(locale).format(new Date(iso));
}
