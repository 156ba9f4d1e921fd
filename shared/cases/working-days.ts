import { OFFICIAL_HOLIDAYS, type HolidayYear } from './holidays-cn.js';

/**
 * Working days in China Standard Time (UTC+8, no daylight saving): Monday to Friday, minus the
 * official holidays, plus the make-up working days (调休). Deadlines of 差评 cases count in these.
 */
export interface WorkCalendar {
  isWorkingDay(day: string): boolean;
  /** Whether the official arrangement of that year is known (else: weekends only). */
  covers(year: number): boolean;
  /**
   * The deadline of something opened at `openedAt` with `days` working days: the end (23:59:59.999
   * CST) of the `days`-th working day after the opening day. The opening day never counts, even if
   * it is a working day, so a case opened late on a Friday has as long as one opened that morning.
   */
  deadline(openedAt: Date, days: number): { dueAt: string; dueDay: string; calendarCovered: boolean };
  /** Working days after `from`'s day up to and including `to`'s day (0 on the same day). */
  workingDaysBetween(from: Date, to: Date): number;
}

const CST_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The CST calendar day of an instant, as YYYY-MM-DD. */
export const cstDay = (at: Date) => new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
/** 23:59:59.999 CST of a day, as an ISO instant. */
export const endOfCstDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - 1 - CST_MS).toISOString();

export function workCalendar(
  options: {
    years?: readonly HolidayYear[];
    extraHolidays?: readonly string[];
    extraWorkdays?: readonly string[];
  } = {},
): WorkCalendar {
  const years = options.years ?? OFFICIAL_HOLIDAYS;
  const holidays = new Set([...years.flatMap((y) => y.holidays), ...(options.extraHolidays ?? [])]);
  const workdays = new Set([...years.flatMap((y) => y.workdays), ...(options.extraWorkdays ?? [])]);
  const covered = new Set(years.map((y) => y.year));

  const isWorkingDay = (day: string) => {
    if (workdays.has(day)) return true;
    if (holidays.has(day)) return false;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  return {
    isWorkingDay,
    covers: (year) => covered.has(year),
    deadline(openedAt, days) {
      let day = cstDay(openedAt);
      let calendarCovered = covered.has(Number(day.slice(0, 4)));
      for (let counted = 0; counted < days;) {
        day = nextDay(day);
        if (!covered.has(Number(day.slice(0, 4)))) calendarCovered = false;
        if (isWorkingDay(day)) counted++;
      }
      return { dueAt: endOfCstDay(day), dueDay: day, calendarCovered };
    },
    workingDaysBetween(from, to) {
      let day = cstDay(from);
      const last = cstDay(to);
      let count = 0;
      while (day < last) {
        day = nextDay(day);
        if (isWorkingDay(day)) count++;
      }
      return count;
    },
  };
}
