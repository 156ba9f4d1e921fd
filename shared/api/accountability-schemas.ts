import * as z from 'zod/mini';
import { CaseEvent, CaseStatus } from '../cases/case.js';
import { Rating } from '../feedback/rating.js';
import { TargetId, TargetType } from '../feedback/target.js';
import { counts, DEPARTMENT_EN } from './fields.js';
import { doc } from './registry.js';

/**
 * What the Accountability operations answer: a flag, the 差评 cases a citizen's ratings opened, and
 * how fast the cases are answered.
 */

export const DueState = doc(z.enum(['overdue', 'due-soon', 'on-time', 'awaiting-citizen', 'closed']), {
  id: 'DueState',
  description:
    'How the deadline stands now: overdue, due within three working days, on time, replied and awaiting the citizen, or closed.',
});

export const FlagResult = z.strictObject({
  feedbackId: z.string(),
  flagged: z.literal(true),
  alreadyFlagged: doc(z.boolean(), {
    description: 'This voter had flagged it already; counted once. How many flagged it is never disclosed.',
  }),
});

export const CitizenCase = doc(
  z.strictObject({
    caseId: z.string(),
    feedbackId: z.string(),
    targetType: TargetType,
    targetId: TargetId,
    rating: Rating,
    status: CaseStatus,
    department: doc(z.nullable(z.string()), {
      description: 'The department handling it, in Chinese; null before one is named.',
    }),
    departmentEn: doc(z.nullable(z.string()), { description: DEPARTMENT_EN }),
    openedAt: z.iso.datetime(),
    dueAt: z.nullable(z.iso.datetime()),
    firstDueAt: z.iso.datetime(),
    dueState: DueState,
    reply: z.nullable(
      z.strictObject({
        department: z.string(),
        departmentEn: doc(z.string(), { description: DEPARTMENT_EN }),
        text: z.string(),
        at: z.iso.datetime(),
      }),
    ),
    satisfaction: z.nullable(z.enum(['satisfied', 'unsatisfied'])),
    canRateReply: z.boolean(),
    steps: z.array(z.strictObject({ at: z.iso.datetime(), action: CaseEvent.shape.action, status: CaseStatus })),
  }),
  {
    id: 'CitizenCase',
    description:
      'A 差评 case as the citizen whose rating opened it sees it: its steps and the official reply, not who in the office did what.',
  },
);
export const MyCases = z.strictObject({ items: z.array(CitizenCase) });

export const CaseStatsRow = doc(
  z.strictObject({
    key: doc(z.nullable(z.string()), {
      description:
        '`indicator:gdp` or `project:…` by target; the department’s id by department (null: no listed department); null overall.',
    }),
    department: doc(
      z.optional(z.nullable(z.strictObject({ id: z.nullable(z.string()), nameZh: z.string(), nameEn: z.string() }))),
      {
        description:
          'By department: its names (older free-text departments count for the department whose name or alias they equal; any other text is shown as typed, with `id` null); null for cases no department was named for.',
      },
    ),
    // answered: with an official reply; answeredOnTime: by their first deadline; overdue: past it without a reply
    ...counts('cases', 'answered', 'answeredOnTime', 'overdue'),
    /** answered on time, among the cases whose outcome is decided (answered, or overdue unanswered); null if none is */
    onTimeShare: z.nullable(z.number()),
    /** from opening to the first reply, over answered cases, in calendar and working days; null if none is answered */
    medianDays: z.nullable(z.number()),
    medianWorkingDays: z.nullable(z.number()),
    ...counts('closed', 'satisfied', 'unsatisfied'),
  }),
  {
    id: 'CaseStats',
    description:
      'How many 差评 cases were answered, how many on time, and how fast (median calendar and working days to the first reply).',
  },
);
export const CaseStatsAnswer = doc(
  z.strictObject({
    group: z.enum(['target', 'department']),
    deadlineWorkingDays: z.number().check(z.int()),
    generatedAt: z.iso.datetime(),
    overall: z.nullable(CaseStatsRow),
    items: z.array(CaseStatsRow),
  }),
  {
    id: 'CaseStatsAnswer',
    description:
      'Answer statistics of the 差评 cases: overall and per target or department. Nothing about the people who rated, no texts.',
  },
);
