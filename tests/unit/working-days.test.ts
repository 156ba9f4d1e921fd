import { describe, expect, it } from 'vitest';
import { OFFICIAL_HOLIDAYS } from '../../shared/cases/holidays-cn.js';
import { cstDay, workCalendar } from '../../shared/cases/working-days.js';

const calendar = workCalendar();
const cst = (local: string) => new Date(`${local}+08:00`);

describe('the official holiday lists', () => {
  it('hold the State Council arrangements for 2025 and 2026, with their source', () => {
    const y2025 = OFFICIAL_HOLIDAYS.find((y) => y.year === 2025)!;
    const y2026 = OFFICIAL_HOLIDAYS.find((y) => y.year === 2026)!;
    expect(y2025.source).toContain('国办发明电〔2024〕12号');
    expect(y2026.source).toContain('2026年部分节假日安排');
    expect(y2025.holidays).toHaveLength(28); // 1 + 8 + 3 + 5 + 3 + 8
    expect(y2026.holidays).toHaveLength(33); // 3 + 9 + 3 + 5 + 3 + 3 + 7
    expect(y2025.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(y2026.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    for (const year of OFFICIAL_HOLIDAYS) {
      // Make-up working days are weekend days, and no day is both.
      for (const day of year.workdays) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      expect(year.holidays.filter((d) => year.workdays.includes(d))).toEqual([]);
      expect(new Set(year.holidays).size).toBe(year.holidays.length);
    }
  });
});

describe('working days', () => {
  it('skip weekends and holidays and count make-up Saturdays and Sundays', () => {
    expect(calendar.isWorkingDay('2025-06-13')).toBe(true); // a Friday
    expect(calendar.isWorkingDay('2025-06-14')).toBe(false); // a Saturday
    expect(calendar.isWorkingDay('2025-10-03')).toBe(false); // 国庆
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // 调休 Saturday
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // 调休 Saturday before the Spring Festival
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // 春节, a Monday
  });

  it('put the deadline at the end of the n-th working day after the opening day, across the Spring Festival', () => {
    // Friday 24 Jan 2025: Sun 26 (调休), Mon 27, then the festival to 4 Feb, Sat 8 Feb (调休)…
    expect(calendar.deadline(cst('2025-01-24T10:00:00'), 15)).toEqual({
      dueAt: '2025-02-20T15:59:59.999Z',
      dueDay: '2025-02-20',
      calendarCovered: true,
    });
    // Across 国庆 2025, with its two make-up days.
    expect(calendar.deadline(cst('2025-09-26T16:30:00'), 15).dueDay).toBe('2025-10-23');
    // The 2026 Spring Festival: 14 Feb is a working Saturday, 15–23 Feb are off.
    expect(calendar.deadline(cst('2026-02-12T09:00:00'), 5).dueDay).toBe('2026-02-26');
    // Five working days from a Monday is the next Monday.
    expect(calendar.deadline(cst('2025-06-16T09:00:00'), 5).dueDay).toBe('2025-06-23');
  });

  it('count in China Standard Time, whatever the server’s clock zone', () => {
    // 17:00 UTC on Friday is 01:00 on Saturday in Jinan: the opening day is the Saturday.
    expect(cstDay(new Date('2025-06-13T17:00:00Z'))).toBe('2025-06-14');
    expect(calendar.deadline(new Date('2025-06-13T17:00:00Z'), 1).dueDay).toBe('2025-06-16');
    expect(calendar.deadline(new Date('2025-06-13T15:00:00Z'), 1).dueDay).toBe('2025-06-16'); // 23:00 Friday CST
    expect(calendar.deadline(new Date('2025-06-12T15:00:00Z'), 1).dueDay).toBe('2025-06-13'); // 23:00 Thursday CST
  });

  it('say when a year’s official arrangement is unknown, and take extra dates from configuration', () => {
    expect(calendar.deadline(cst('2027-03-01T09:00:00'), 15).calendarCovered).toBe(false);
    expect(calendar.deadline(cst('2026-12-24T09:00:00'), 15).calendarCovered).toBe(false); // runs into 2027
    const local = workCalendar({ extraHolidays: ['2025-06-17'], extraWorkdays: ['2025-06-21'] });
    expect(local.isWorkingDay('2025-06-17')).toBe(false);
    expect(local.isWorkingDay('2025-06-21')).toBe(true);
    expect(local.deadline(cst('2025-06-16T09:00:00'), 5).dueDay).toBe('2025-06-23');
  });

  it('measure working days between two instants', () => {
    expect(calendar.workingDaysBetween(cst('2025-06-16T09:00:00'), cst('2025-06-16T18:00:00'))).toBe(0);
    expect(calendar.workingDaysBetween(cst('2025-06-13T09:00:00'), cst('2025-06-16T09:00:00'))).toBe(1);
    expect(calendar.workingDaysBetween(cst('2025-09-30T09:00:00'), cst('2025-10-09T09:00:00'))).toBe(1);
  });
});
