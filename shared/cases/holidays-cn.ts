/**
 * Public holidays and make-up working days (调休) of mainland China, as the State Council's
 * General Office publishes them each November for the next year. A date listed under `holidays`
 * is a day off even if it is a weekday; one under `workdays` is a working day even if it is a
 * Saturday or Sunday. Every other Monday–Friday is a working day.
 *
 * Years not listed are computed with weekends only; the deadline then says so
 * (`calendarCovered: false`). Add a year here when its notice is published, or pass extra dates
 * through CASE_EXTRA_HOLIDAYS / CASE_EXTRA_WORKDAYS (a district may add local arrangements).
 */
export interface HolidayYear {
  year: number;
  source: string;
  holidays: string[];
  workdays: string[];
}

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
};

export const OFFICIAL_HOLIDAYS: readonly HolidayYear[] = [
  {
    year: 2025,
    source:
      '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日，新华社受权发布；' +
      '例 https://m.gmw.cn/2024-11/12/content_1303894933.htm）',
    holidays: [
      '2025-01-01', // 元旦，不调休
      ...range('2025-01-28', '2025-02-04'), // 春节 8 天
      ...range('2025-04-04', '2025-04-06'), // 清明节
      ...range('2025-05-01', '2025-05-05'), // 劳动节
      ...range('2025-05-31', '2025-06-02'), // 端午节
      ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节 8 天
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社受权发布）',
    holidays: [
      ...range('2026-01-01', '2026-01-03'), // 元旦
      ...range('2026-02-15', '2026-02-23'), // 春节 9 天
      ...range('2026-04-04', '2026-04-06'), // 清明节
      ...range('2026-05-01', '2026-05-05'), // 劳动节
      ...range('2026-06-19', '2026-06-21'), // 端午节
      ...range('2026-09-25', '2026-09-27'), // 中秋节
      ...range('2026-10-01', '2026-10-07'), // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
