import * as z from 'zod/mini';
import type { CitizenCase } from '../api/accountability-schemas.js';
import { DomainError, type ErrorKind } from '../errors.js';
import { Rating } from '../feedback/rating.js';
import { PlanId, TargetId, TargetType } from '../feedback/target.js';
import type { WorkCalendar } from './working-days.js';

/**
 * The 差评 follow-up loop (每个差评都要整改, 国办发〔2019〕51号): every rating of 1 or 2 that comes
 * with a comment opens a case. It is verified (核实), then rectified (整改) or explained (说明),
 * then answered with an official reply within a deadline in working days; the citizen may say
 * whether they are satisfied, and an unsatisfied answer starts a review (申诉复核).
 *
 *   open → verifying → rectifying → replied → closed
 *                    ↘─────────────↗        ↘ disputed → verifying → …
 */
export const CASE_STATUSES = ['open', 'verifying', 'rectifying', 'replied', 'closed', 'disputed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseAction = z.enum(['verify', 'rectify', 'reply', 'close', 'assign']);
export type CaseAction = z.infer<typeof CaseAction>;

export const CaseEvent = z.strictObject({
  at: z.iso.datetime(),
  /** `name (sub)` of a staff member, `citizen`, or `system`. */
  by: z.string().check(z.minLength(1), z.maxLength(300)),
  action: z.enum(['open', 'verify', 'rectify', 'reply', 'close', 'assign', 'satisfied', 'unsatisfied']),
  from: z.nullable(CaseStatus),
  to: CaseStatus,
  note: z.nullable(z.string().check(z.maxLength(4000))),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

export const FollowUpCase = z.strictObject({
  caseId: z.string().check(z.minLength(1)),
  /** Where the rating that opened it is in the feedback log. */
  feedback: z.strictObject({
    shard: z.number().check(z.int(), z.gte(0)),
    recordedAt: z.iso.datetime(),
    feedbackId: z.string().check(z.minLength(1)),
  }),
  /** The voter who rated, so they can follow their case; never shown to anyone else. */
  voterId: z.string().check(z.minLength(1)),
  /** The plan of the rated target: a plan's pages and statistics show its own cases. */
  planId: PlanId,
  targetType: TargetType,
  targetId: TargetId,
  rating: Rating,
  department: z.nullable(z.string().check(z.minLength(1), z.maxLength(100))),
  /** The department of the managed list (shared/departments/); absent or null when `department` is free text. */
  departmentId: z.optional(z.nullable(z.string().check(z.minLength(1)))),
  /** Its English name when it was named; absent or null for free text and on cases from before it was kept. */
  departmentEn: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(100)))),
  status: CaseStatus,
  openedAt: z.iso.datetime(),
  deadlineDays: z.number().check(z.int(), z.gte(1)),
  /** The deadline of the first official reply. */
  firstDueAt: z.iso.datetime(),
  /** The deadline of the reply now awaited (a dispute sets a new one); null once replied or closed. */
  dueAt: z.nullable(z.iso.datetime()),
  calendarCovered: z.boolean(),
  firstReplyAt: z.nullable(z.iso.datetime()),
  /** How the first reply answered: after rectification, or by explanation. */
  resolution: z.nullable(z.enum(['rectified', 'explained'])),
  reply: z.nullable(
    z.strictObject({
      department: z.string(),
      /** Absent for free text and on replies from before the English name was kept. */
      departmentEn: z.optional(z.string()),
      text: z.string(),
      at: z.iso.datetime(),
    }),
  ),
  closedAt: z.nullable(z.iso.datetime()),
  satisfaction: z.nullable(z.enum(['satisfied', 'unsatisfied'])),
  /** Every step, oldest first: nothing in a case is ever rewritten, only appended. */
  history: z.array(CaseEvent),
  version: z.number().check(z.int(), z.gte(1)),
});
export type FollowUpCase = z.infer<typeof FollowUpCase>;

/** A rating opens a case if it is a 差评 (1 or 2) and comes with a comment. */
export const opensCase = (record: { rating: number; comment: string | null }) =>
  record.rating <= 2 && record.comment !== null;

export function newCase(
  input: {
    feedback: FollowUpCase['feedback'];
    voterId: string;
    planId: string;
    targetType: TargetType;
    targetId: string;
    rating: 1 | 2;
  },
  openedAt: Date,
  rules: { deadlineDays: number; calendar: WorkCalendar },
): FollowUpCase {
  const due = rules.calendar.deadline(openedAt, rules.deadlineDays);
  const at = openedAt.toISOString();
  const { shard, recordedAt, feedbackId } = input.feedback;
  return FollowUpCase.parse({
    caseId: feedbackId,
    feedback: { shard, recordedAt, feedbackId },
    voterId: input.voterId,
    planId: input.planId,
    targetType: input.targetType,
    targetId: input.targetId,
    rating: input.rating,
    department: null,
    status: 'open',
    openedAt: at,
    deadlineDays: rules.deadlineDays,
    firstDueAt: due.dueAt,
    dueAt: due.dueAt,
    calendarCovered: due.calendarCovered,
    firstReplyAt: null,
    resolution: null,
    reply: null,
    closedAt: null,
    satisfaction: null,
    history: [{ at, by: 'system', action: 'open', from: null, to: 'open', note: null }],
    version: 1,
  } satisfies FollowUpCase);
}

/** The case a 差评 opens, from its feedback record, at the time the rating was recorded. */
export const caseForRecord = (
  record: FollowUpCase['feedback'] &
    Pick<FollowUpCase, 'voterId' | 'planId' | 'targetType' | 'targetId'> & { rating: number },
  rules: { deadlineDays: number; calendar: WorkCalendar },
): FollowUpCase =>
  newCase({ ...record, feedback: record, rating: record.rating as 1 | 2 }, new Date(record.recordedAt), rules);

/** A step the case's state does not allow (a reply rated twice, a closed case stepped). */
export class CaseStateError extends DomainError {
  override name = 'CaseStateError';
  readonly kind: ErrorKind = 'invalid-state';
}

/** The department of a step as kept: a name, and its id and English name in the managed list when it is one (shared/departments/). */
type StepDepartment = {
  department: string;
  departmentId?: string | null | undefined;
  departmentEn?: string | null | undefined;
};

export type CaseStep =
  | ({ action: 'verify'; note?: string | undefined } & Partial<StepDepartment>)
  | { action: 'rectify'; note: string }
  | ({ action: 'reply'; text: string } & StepDepartment)
  | { action: 'close'; note: string }
  | ({ action: 'assign'; note?: string | undefined } & StepDepartment)
  | { action: 'satisfied' }
  | { action: 'unsatisfied'; note?: string | undefined };

const ALLOWED: Record<CaseStep['action'], readonly CaseStatus[]> = {
  verify: ['open', 'disputed'],
  rectify: ['verifying'],
  reply: ['verifying', 'rectifying'],
  // A monitor closes a replied case (the citizen did not answer, or was satisfied offline), or
  // ends a review that upholds the earlier reply.
  close: ['replied', 'disputed'],
  assign: ['open', 'verifying', 'rectifying', 'disputed'],
  satisfied: ['replied'],
  unsatisfied: ['replied'],
};

/** The steps a case in `status` can take, in the order they come. */
export const stepsFrom = (status: CaseStatus): Array<CaseStep['action']> =>
  (Object.keys(ALLOWED) as Array<CaseStep['action']>).filter((action) => ALLOWED[action].includes(status));

/**
 * The case after one step, or CaseStateError if the step is not allowed from its status. Pure:
 * the repository writes the result only if nobody changed the case meanwhile.
 */
export function applyStep(
  current: FollowUpCase,
  step: CaseStep,
  by: string,
  at: Date,
  rules: { deadlineDays: number; calendar: WorkCalendar },
): FollowUpCase {
  if (!ALLOWED[step.action].includes(current.status)) {
    throw new CaseStateError(
      `a case that is ${current.status} cannot be ${step.action === 'satisfied' || step.action === 'unsatisfied' ? 'rated' : `given the step ${step.action}`}`,
    );
  }
  if ((step.action === 'satisfied' || step.action === 'unsatisfied') && current.satisfaction !== null) {
    throw new CaseStateError('the reply has already been rated');
  }
  const iso = at.toISOString();
  const next: FollowUpCase = { ...current, history: [...current.history], version: current.version + 1 };
  let to: CaseStatus = current.status;
  let note: string | null = null;
  switch (step.action) {
    case 'verify':
      to = 'verifying';
      note = step.note ?? null;
      if (step.department) Object.assign(next, departmentOf({ ...step, department: step.department }));
      break;
    case 'rectify':
      to = 'rectifying';
      note = step.note;
      break;
    case 'reply':
      to = 'replied';
      note = step.text;
      Object.assign(next, departmentOf(step));
      next.reply = {
        department: step.department,
        ...(step.departmentEn ? { departmentEn: step.departmentEn } : {}),
        text: step.text,
        at: iso,
      };
      if (next.firstReplyAt === null) {
        next.firstReplyAt = iso;
        next.resolution = current.status === 'rectifying' ? 'rectified' : 'explained';
      }
      next.dueAt = null;
      break;
    case 'close':
      to = 'closed';
      note = step.note;
      next.closedAt = iso;
      next.dueAt = null;
      break;
    case 'assign':
      note = step.note ?? null;
      Object.assign(next, departmentOf(step));
      break;
    case 'satisfied':
      to = 'closed';
      next.satisfaction = 'satisfied';
      next.closedAt = iso;
      break;
    case 'unsatisfied': {
      to = 'disputed';
      note = step.note ?? null;
      next.satisfaction = 'unsatisfied';
      // The review has a deadline of its own, counted from the dispute.
      const due = rules.calendar.deadline(at, rules.deadlineDays);
      next.dueAt = due.dueAt;
      break;
    }
  }
  next.status = to;
  next.history.push({ at: iso, by, action: step.action, from: current.status, to, note });
  return next;
}

const departmentOf = (step: StepDepartment) => ({
  department: step.department,
  departmentId: step.departmentId ?? null,
  departmentEn: step.departmentEn ?? null,
});

/**
 * Whether a case's awaited reply is past its deadline at `now`: dueState's 'overdue', which needs
 * no calendar (the deadline is already a moment), for what decides on that alone (shared/cases/overdue.ts).
 */
export const isOverdue = (c: Pick<FollowUpCase, 'status' | 'dueAt'>, now: Date): boolean =>
  c.status !== 'closed' && c.dueAt !== null && now > new Date(c.dueAt);

/** Unfinished cases, by how their deadline stands at `now`. */
export type DueState = 'overdue' | 'due-soon' | 'on-time' | 'awaiting-citizen' | 'closed';

export function dueState(c: FollowUpCase, now: Date, calendar: WorkCalendar, soonWorkingDays = 3): DueState {
  if (c.status === 'closed') return 'closed';
  if (c.dueAt === null) return 'awaiting-citizen';
  if (isOverdue(c, now)) return 'overdue';
  return calendar.workingDaysBetween(now, new Date(c.dueAt)) <= soonWorkingDays ? 'due-soon' : 'on-time';
}

/** What the citizen whose rating opened a case sees of it: its steps and the reply, not who in the office did what. */
export function citizenCaseView(c: FollowUpCase, now: Date, calendar: WorkCalendar): CitizenCaseView {
  return {
    caseId: c.caseId,
    feedbackId: c.feedback.feedbackId,
    targetType: c.targetType,
    targetId: c.targetId,
    rating: c.rating,
    status: c.status,
    department: c.department,
    departmentEn: c.department === null ? null : (c.departmentEn ?? c.department),
    openedAt: c.openedAt,
    dueAt: c.dueAt,
    firstDueAt: c.firstDueAt,
    dueState: dueState(c, now, calendar),
    reply: c.reply && { ...c.reply, departmentEn: c.reply.departmentEn ?? c.reply.department },
    satisfaction: c.satisfaction,
    canRateReply: c.status === 'replied' && c.satisfaction === null,
    steps: c.history.map((h) => ({ at: h.at, action: h.action, status: h.to })),
  };
}
export type CitizenCaseView = z.output<typeof CitizenCase>;
