/**
 * Errors of the statutory calendar. A computation that reaches a year the table does not cover is
 * refused, never guessed as Monday–Friday: the State Council moves working days every year.
 */
export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';
  readonly code = 'CALENDAR_YEAR_MISSING';
  readonly zh: string;
  readonly en: string;
  constructor(readonly year: number) {
    const zh = `法定节假日日历缺少 ${year} 年：请先导入国务院办公厅 ${year} 年部分节假日安排通知`;
    const en = `The statutory calendar does not cover ${year}: import the State Council's ${year} holiday notice first`;
    super(`${zh} / ${en}`);
    this.zh = zh;
    this.en = en;
  }
}

/** The day table itself is inconsistent (bad date, conflicting entries, makeup day on a weekday). */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
  readonly code = 'CALENDAR_DATA_INVALID';
  constructor(message: string) {
    super(message);
  }
}
