import { actorLabel, type Actor } from '../auth/roles.js';
import { CITIZEN_ACTOR, staffActor } from '../audit/entry.js';
import type { AuditSystemReason } from '../audit/system-reason.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { FeedbackStore, ReplyStore } from '../feedback/store.js';
import { NotFoundError } from '../errors.js';
import { attachReply, replyToComment } from '../moderation/moderate.js';
import { chooseDepartment, type DepartmentChoice } from '../departments/department.js';
import type { DepartmentRepository } from '../store/department-repository.js';
import type { FeedbackRecord } from '../feedback/record.js';
import { maskPiiWithin } from '../moderation/pii.js';
import { REPLY_TEXT_MAX } from '../feedback/record.js';
import { COMMENT_MAX_LENGTH, normaliseComment } from '../feedback/comment.js';
import {
  applyStep,
  caseForRecord,
  dueState,
  opensCase,
  type CaseStep,
  type DueState,
  type FollowUpCase,
} from './case.js';
import type { WorkCalendar } from './working-days.js';
import { NOTICE_OF_STEP, type Notifier } from './notifier.js';
import { tellFollowers } from './notify.js';

export interface CaseDeps {
  cases: CaseRepository;
  feedback: Pick<FeedbackStore, 'resolve' | 'getRecord' | 'lowRatingsBetween'>;
  replies: ReplyStore;
  audit: Pick<AuditRepository, 'append'>;
  calendar: WorkCalendar;
  caseDeadlineDays: number;
  /** Tells the case's followers of a step (shared/cases/notify.ts); the functions that step cases have one. */
  notifier?: Pick<Notifier, 'notify'>;
}

const rules = (deps: Pick<CaseDeps, 'caseDeadlineDays' | 'calendar'>) => ({
  deadlineDays: deps.caseDeadlineDays,
  calendar: deps.calendar,
});

/** What a monitor's step uses: the case's own deps, and the departments a step names. */
export type StepDeps = CaseDeps & { departments: Pick<DepartmentRepository, 'list'> };

/** A monitor's step as the API and the forms give it: the department by id (or deprecated free text). */
export type MonitorStep =
  | Exclude<CaseStep, { action: 'satisfied' | 'unsatisfied' | 'verify' | 'reply' | 'assign' }>
  | ({ action: 'verify'; note?: string | undefined } & DepartmentChoice)
  | ({ action: 'reply'; text: string } & DepartmentChoice)
  | ({ action: 'assign'; note?: string | undefined } & DepartmentChoice);

/** The step with its department as kept: a verification without one names none. */
type StaffStep = Exclude<CaseStep, { action: 'satisfied' | 'unsatisfied' }>;
async function withDepartment(deps: StepDeps, step: MonitorStep): Promise<StaffStep> {
  if (step.action !== 'verify' && step.action !== 'reply' && step.action !== 'assign') return step;
  const { departmentId, department, ...rest } = step;
  if (rest.action === 'verify' && departmentId == null && department === undefined) return rest;
  return { ...rest, ...chooseDepartment(await deps.departments.list(), { departmentId, department }) };
}

/**
 * A monitor's step on a case. A reply is also attached to the comment as an official reply
 * (public once the comment is), so the citizen and the public read the same answer; it is audited
 * once, as `case.reply` (docs/staff.md).
 */
export async function stepCase(
  deps: StepDeps,
  caseId: string,
  monitorStep: MonitorStep,
  actor: Actor,
  at: Date,
): Promise<{ case: FollowUpCase; record: FeedbackRecord | null }> {
  const step = await withDepartment(deps, monitorStep);
  // The case keeps the reply as the public reads it (feeds, the citizen's page): masked, and
  // refused before anything is written if masking makes it too long to keep.
  const kept = step.action === 'reply' ? { ...step, text: maskPiiWithin(step.text, REPLY_TEXT_MAX).text } : step;
  const updated = await deps.cases.update(caseId, (current) =>
    applyStep(current, kept, actorLabel(actor), at, rules(deps)),
  );
  if (!updated) throw new NotFoundError('case', caseId);
  const { after } = updated;
  // Masked again there, to the same text, so the audit entry counts what was masked.
  const replied =
    step.action === 'reply'
      ? await attachReply(
          deps,
          {
            feedbackId: after.feedback.feedbackId,
            department: step.department,
            departmentId: step.departmentId ?? null,
            departmentEn: step.departmentEn ?? null,
            text: step.text,
            caseId,
          },
          actor,
          at,
        )
      : null;
  await deps.audit.append(
    {
      actor: staffActor(actor),
      action: `case.${step.action}`,
      subject: { type: 'case', id: caseId },
      reason: 'note' in step && step.note ? step.note : null,
      details: {
        from: updated.before.status,
        to: after.status,
        department: after.department,
        departmentId: after.departmentId ?? null,
        ...(replied ? { piiMasked: replied.piiMasked, commentStatus: replied.record.commentStatus } : {}),
      },
    },
    at,
  );
  await tellFollowers(deps, caseId, NOTICE_OF_STEP[step.action], updated.followers, at);
  return { case: after, record: replied?.record ?? null };
}

/**
 * The one way staff reply to a comment: the reply step of the case the comment opened (a case's id
 * is the id of the rating that opened it), or, for a comment that opened none, an official reply
 * of its own (`comment.reply`). The comment's page and `POST /comments/{id}/replies` both come here.
 */
export async function officialReply(
  deps: StepDeps,
  input: { feedbackId: string; text: string } & DepartmentChoice,
  actor: Actor,
  at: Date,
): Promise<{ record: FeedbackRecord; caseId: string | null }> {
  const { feedbackId, text, ...choice } = input;
  if (await deps.cases.get(feedbackId)) {
    const { record } = await stepCase(deps, feedbackId, { action: 'reply', text, ...choice }, actor, at);
    return { record: record!, caseId: feedbackId };
  }
  const department = chooseDepartment(await deps.departments.list(), choice);
  return { record: await replyToComment(deps, { feedbackId, text, ...department }, actor, at), caseId: null };
}

/** The citizen who rated says whether the reply satisfies them, once; not satisfied starts a review. */
export async function rateReply(
  deps: Pick<CaseDeps, 'cases' | 'audit' | 'calendar' | 'caseDeadlineDays'>,
  voterId: string,
  caseId: string,
  satisfied: boolean,
  note: string | undefined,
  at: Date,
): Promise<FollowUpCase> {
  const existing = await deps.cases.get(caseId, true);
  // Someone else's case is answered exactly like a case that does not exist.
  if (!existing || existing.voterId !== voterId) throw new NotFoundError('case', caseId);
  // A citizen's words, kept in the case and the audit log that staff read: cleaned and masked like a comment.
  const cleaned = note === undefined ? null : normaliseComment(note);
  const kept = cleaned === null ? undefined : maskPiiWithin(cleaned, COMMENT_MAX_LENGTH).text;
  const step: CaseStep = satisfied ? { action: 'satisfied' } : { action: 'unsatisfied', note: kept };
  const updated = await deps.cases.update(caseId, (current) => applyStep(current, step, 'citizen', at, rules(deps)));
  if (!updated) throw new NotFoundError('case', caseId);
  await deps.audit.append(
    {
      actor: CITIZEN_ACTOR,
      action: 'case.satisfaction',
      subject: { type: 'case', id: caseId },
      reason: kept ?? null,
      details: { satisfied, from: updated.before.status, to: updated.after.status },
    },
    at,
  );
  return updated.after;
}

/**
 * The sweep behind opening cases at submission: finds 差评 with comments recorded between
 * `since` and `until` whose case is missing (the request died after its record) and opens them,
 * with the deadline counted from when the rating was recorded. Idempotent: run it as often as
 * you like. The log credits each opening to whoever ran the sweep, at the time it ran; a window
 * reaching into the future ends now.
 */
export async function reconcileCases(
  deps: Omit<CaseDeps, 'replies'>,
  since: Date,
  until: Date,
  actor: Actor,
  at: Date,
): Promise<{ checked: number; opened: string[] }> {
  const end = until.getTime() > at.getTime() ? at : until;
  const records = await deps.feedback.lowRatingsBetween(since.toISOString(), end.toISOString());
  const opened: string[] = [];
  for (const record of records) {
    if (!opensCase(record)) continue;
    const result = await deps.cases.open(caseForRecord(record, rules(deps)));
    if (result.created) {
      opened.push(record.feedbackId);
      await deps.audit.append(
        {
          actor: staffActor(actor),
          action: 'case.open',
          subject: { type: 'case', id: record.feedbackId },
          reason: 'opened-by-sweep' satisfies AuditSystemReason,
          details: { openedAt: record.recordedAt },
        },
        at,
      );
    }
  }
  return { checked: records.length, opened };
}

export type CaseView = 'active' | 'overdue' | 'due-soon' | 'closed';

/** Monitors see a case, not who rated: the voter id stays in the store. */
export type StaffCase = Omit<FollowUpCase, 'voterId'> & { dueState: DueState };

export function staffCase(item: FollowUpCase, now: Date, calendar: WorkCalendar): StaffCase {
  const { voterId: _voterId, ...rest } = item;
  return { ...rest, dueState: dueState(item, now, calendar) };
}

/** A page of a plan's unfinished cases (soonest deadline first), those overdue or due soon, or its closed ones. */
export async function listCases(
  deps: Pick<CaseDeps, 'cases' | 'calendar'>,
  view: CaseView,
  page: { limit: number; cursor?: string | undefined; planId: string },
  now: Date,
) {
  const group = view === 'closed' ? 'closed' : 'active';
  const range =
    view === 'overdue'
      ? { dueBefore: now.toISOString() }
      : view === 'due-soon'
        ? // Three working days are at most a week of calendar days, holidays aside; dueState decides exactly.
          { dueAfter: now.toISOString(), dueBefore: new Date(now.getTime() + 14 * 86_400_000).toISOString() }
        : {};
  const found = await deps.cases.list(page.planId, group, { limit: page.limit, cursor: page.cursor, ...range });
  const items = found.items
    .map((item) => staffCase(item, now, deps.calendar))
    .filter((item) => view === 'active' || view === 'closed' || item.dueState === view);
  return { view, items, nextCursor: found.nextCursor };
}

/** One case as a monitor works it: its comment with the official replies, and its audit trail. */
export async function caseDetail(
  deps: Pick<CaseDeps, 'cases' | 'calendar' | 'feedback'> & { audit: Pick<AuditRepository, 'forSubject'> },
  caseId: string,
  now: Date,
) {
  const found = await deps.cases.get(caseId);
  if (!found) throw new NotFoundError('case', caseId);
  const [record, audit] = await Promise.all([
    deps.feedback.getRecord(found.feedback),
    deps.audit.forSubject('case', caseId),
  ]);
  return {
    ...staffCase(found, now, deps.calendar),
    comment: record ? { text: record.comment, status: record.commentStatus, replies: record.replies ?? [] } : null,
    audit,
  };
}
