import * as z from 'zod/mini';
import type { FeedbackResult } from '../api/feedback-schemas.js';
import type { FeedbackLimits } from '../abuse/rate-limits.js';
import { NotFoundError } from '../errors.js';
import type { FeedbackStore, RecordedFeedback } from './store.js';
import type { PlanRepository } from '../store/plan-repository.js';
import { COMMENT_MAX_LENGTH, commentLength, normaliseComment } from './comment.js';
import { maskPii, type PiiKind } from '../moderation/pii.js';
import { caseForRecord, opensCase, type FollowUpCase } from '../cases/case.js';
import type { WorkCalendar } from '../cases/working-days.js';
import { formatReceiptCode, type ReceiptBook } from '../cases/receipt.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { AuditRepository } from '../store/audit-repository.js';
import { SYSTEM_ACTOR } from '../audit/entry.js';
import { Rating, ratingYear } from './rating.js';
import { TargetId, TargetType } from './target.js';
import { assertTakesRatings, type PlanStatus } from '../plan/lifecycle.js';

const Comment = z
  .pipe(
    // Lone surrogates cannot be stored or shown faithfully; refuse them rather than mangle them.
    z.string().check(z.refine((text) => text.isWellFormed(), 'contains unpaired surrogate code points')),
    z.transform(normaliseComment),
  )
  .check(
    z.refine((text) => text === null || commentLength(text) <= COMMENT_MAX_LENGTH, {
      message: `at most ${COMMENT_MAX_LENGTH} characters`,
    }),
  );

/** `POST /api/v1/feedback`: a 好差评 rating of one indicator or project, with an optional comment. */
export const FeedbackSubmission = z.strictObject({
  targetType: TargetType,
  targetId: TargetId,
  rating: Rating,
  comment: z.optional(Comment),
});
export type FeedbackSubmission = z.infer<typeof FeedbackSubmission>;

export interface SubmitDeps {
  plans: Pick<PlanRepository, 'targetExists'>;
  feedback: Pick<FeedbackStore, 'record'>;
  clock: () => Date;
  newId: () => string;
  feedbackLimits: Pick<FeedbackLimits, 'check'>;
  /** Where the 差评 follow-up case a low rating with a comment opens is kept, with its deadline. */
  cases: Pick<CaseRepository, 'open'>;
  caseDeadlineDays: number;
  calendar: WorkCalendar;
  /** Issues the case's receipt: its code, shown once with the case, and the hash the case keeps. */
  receipts: Pick<ReceiptBook, 'issue'>;
  audit: Pick<AuditRepository, 'append'>;
  logger: { error(message: string, extra: { error: unknown; feedbackId: string }): void };
}

export interface SubmittedFeedback extends RecordedFeedback {
  /** The 差评 case this rating opened, if it did, and its receipt code if this opening issued it. */
  case: FollowUpCase | null;
  receiptCode: string | null;
  /** Kinds of personal data masked in the comment before it was stored. */
  piiMasked: Partial<Record<PiiKind, number>>;
}

/**
 * What the citizen is told about a submission besides the rating: which kinds of personal data
 * were masked in their comment (never the text that was there) and the follow-up case it opened.
 */
export function submissionNotice(
  submitted: Pick<SubmittedFeedback, 'piiMasked' | 'case' | 'receiptCode'>,
): Pick<z.output<typeof FeedbackResult>, 'personalDataMasked' | 'followUpCase'> {
  const opened = submitted.case;
  return {
    personalDataMasked: submitted.piiMasked,
    followUpCase: opened
      ? {
          caseId: opened.caseId,
          status: opened.status,
          openedAt: opened.openedAt,
          dueAt: opened.firstDueAt,
          deadlineWorkingDays: opened.deadlineDays,
          receiptCode: submitted.receiptCode === null ? null : formatReceiptCode(submitted.receiptCode),
        }
      : null,
  };
}

/**
 * Records a voter's rating of a target of `plan`: one per voter, target of a plan and year; a new
 * one replaces the old. Refused when the plan takes no ratings (PlanClosedToRatingsError: a closed
 * plan is read-only) and (RateLimitedError) when the voter or the client address has submitted too
 * often lately.
 */
export async function submitFeedback(
  deps: SubmitDeps,
  plan: { id: string; status: PlanStatus },
  voterId: string,
  submission: FeedbackSubmission,
  origin: { addressHash: string | null } = { addressHash: null },
): Promise<SubmittedFeedback> {
  assertTakesRatings(plan.id, plan.status);
  if (!(await deps.plans.targetExists(plan.id, submission.targetType, submission.targetId))) {
    throw new NotFoundError(submission.targetType, submission.targetId);
  }
  await deps.feedbackLimits.check({ voterId, addressHash: origin.addressHash }, deps.clock());
  // Personal data is masked here, before the comment is stored or seen by anyone; the unmasked
  // text is not kept anywhere (docs/moderation-and-privacy.md).
  const masked = submission.comment ? maskPii(submission.comment) : null;
  const recorded = await deps.feedback.record({
    nonce: deps.newId(),
    voterId,
    planId: plan.id,
    targetType: submission.targetType,
    targetId: submission.targetId,
    year: ratingYear(deps.clock()),
    rating: submission.rating,
    comment: masked?.text ?? null,
    pii: masked?.found,
    clock: deps.clock,
  });
  return { ...recorded, ...(await openCaseFor(deps, recorded.record)), piiMasked: masked?.found ?? {} };
}

/**
 * Every 差评 with a comment opens a follow-up case, in the same request, right after its record
 * is written; the case is keyed by the feedback id, so opening twice opens one case. If this
 * step fails the rating stays recorded (a citizen's rating never depends on our bookkeeping) and
 * the sweep `reconcileCases` opens the case later (docs/moderation-and-privacy.md).
 */
async function openCaseFor(
  deps: SubmitDeps,
  record: RecordedFeedback['record'],
): Promise<Pick<SubmittedFeedback, 'case' | 'receiptCode'>> {
  if (!opensCase(record)) return { case: null, receiptCode: null };
  try {
    const receipt = deps.receipts.issue();
    const opened = await deps.cases.open(
      caseForRecord(record, { deadlineDays: deps.caseDeadlineDays, calendar: deps.calendar }),
      receipt,
    );
    if (opened.created) {
      await deps.audit.append(
        {
          actor: SYSTEM_ACTOR,
          action: 'case.open',
          subject: { type: 'case', id: record.feedbackId },
          reason: null,
          details: { rating: record.rating, dueAt: opened.case.firstDueAt },
        },
        new Date(record.recordedAt),
      );
    }
    return { case: opened.case, receiptCode: opened.receiptIssued ? receipt.code : null };
  } catch (error) {
    deps.logger.error('opening a follow-up case failed; the sweep will open it', {
      error,
      feedbackId: record.feedbackId,
    });
    return { case: null, receiptCode: null };
  }
}
