import type * as z from 'zod/mini';
import type { CaseStatsRow } from '../api/accountability-schemas.js';
import type { FollowUpCase } from './case.js';
import type { WorkCalendar } from './working-days.js';
import { attributeDepartment, type AttributedDepartment, type Department } from '../departments/department.js';

/** One row of the case statistics, overall or of a target or department: the API's model (CaseStatsRow). */
export type CaseStats = z.output<typeof CaseStatsRow>;

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/**
 * How many 差评 were answered and how fast, per target or per department, from the cases
 * themselves: nothing about the people who rated, no texts.
 */
export function caseStats(
  cases: readonly FollowUpCase[],
  groupBy: 'target' | 'department' | 'all',
  now: Date,
  calendar: WorkCalendar,
  departments: readonly Department[] = [],
): CaseStats[] {
  const groups = new Map<string | null, FollowUpCase[]>();
  const attributed = new Map<string | null, AttributedDepartment | null>();
  for (const c of cases) {
    let key: string | null = groupBy === 'target' ? `${c.targetType}:${c.targetId}` : 'all';
    if (groupBy === 'department') {
      // By the department's id; free text no department answers to stays apart, under its own words.
      const department = attributeDepartment(departments, c);
      key = department === null ? null : (department.id ?? `unassigned:${department.nameZh}`);
      attributed.set(key, department);
    }
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups]
    .map(([group, members]): CaseStats => {
      const department = attributed.get(group);
      const key = department === undefined ? group : (department?.id ?? null);
      const answered = members.filter((c) => c.firstReplyAt !== null);
      const onTime = answered.filter((c) => c.firstReplyAt! <= c.firstDueAt);
      const overdue = members.filter(
        (c) => c.firstReplyAt === null && c.status !== 'closed' && now.toISOString() > c.firstDueAt,
      );
      const decided = answered.length + overdue.length;
      return {
        key,
        ...(department === undefined ? {} : { department }),
        cases: members.length,
        answered: answered.length,
        answeredOnTime: onTime.length,
        overdue: overdue.length,
        onTimeShare: decided === 0 ? null : Math.round((onTime.length / decided) * 1000) / 1000,
        medianDays: round1(
          median(answered.map((c) => (Date.parse(c.firstReplyAt!) - Date.parse(c.openedAt)) / 86_400_000)),
        ),
        medianWorkingDays: median(
          answered.map((c) => calendar.workingDaysBetween(new Date(c.openedAt), new Date(c.firstReplyAt!))),
        ),
        closed: members.filter((c) => c.status === 'closed').length,
        satisfied: members.filter((c) => c.satisfaction === 'satisfied').length,
        unsatisfied: members.filter((c) => c.satisfaction === 'unsatisfied').length,
      };
    })
    .sort(
      (a, b) =>
        b.cases - a.cases || String(a.key ?? a.department?.nameZh).localeCompare(String(b.key ?? b.department?.nameZh)),
    );
}
