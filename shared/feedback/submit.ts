import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import type { FeedbackRepository, RecordedFeedback } from '../store/feedback-repository.js';
import type { PlanRepository } from '../store/plan-repository.js';
import { COMMENT_MAX_LENGTH, commentLength, normaliseComment } from './comment.js';
import { Rating, ratingYear } from './rating.js';
import { TargetId, TargetType } from './target.js';

const Comment = z
  .string()
  // Lone surrogates cannot be stored or shown faithfully; refuse them rather than mangle them.
  .refine((text) => text.isWellFormed(), 'contains unpaired surrogate code points')
  .transform(normaliseComment)
  .refine((text) => text === null || commentLength(text) <= COMMENT_MAX_LENGTH, {
    message: `at most ${COMMENT_MAX_LENGTH} characters`,
  });

/** `POST /api/v1/feedback`: a 好差评 rating of one indicator or project, with an optional comment. */
export const FeedbackSubmission = z.strictObject({
  targetType: TargetType,
  targetId: TargetId,
  rating: Rating,
  comment: Comment.optional(),
});
export type FeedbackSubmission = z.infer<typeof FeedbackSubmission>;

export interface SubmitDeps {
  planId: string;
  plans: Pick<PlanRepository, 'targetExists'>;
  feedback: Pick<FeedbackRepository, 'record'>;
  clock: () => Date;
  newId: () => string;
}

/** Records a voter's rating: one per voter, target and year; a new one replaces the old. */
export async function submitFeedback(deps: SubmitDeps, voterId: string, submission: FeedbackSubmission): Promise<RecordedFeedback> {
  if (!(await deps.plans.targetExists(deps.planId, submission.targetType, submission.targetId))) {
    throw new NotFoundError(submission.targetType, submission.targetId);
  }
  return deps.feedback.record({
    feedbackId: deps.newId(),
    voterId,
    targetType: submission.targetType,
    targetId: submission.targetId,
    year: ratingYear(deps.clock()),
    rating: submission.rating,
    comment: submission.comment ?? null,
    clock: deps.clock,
  });
}
