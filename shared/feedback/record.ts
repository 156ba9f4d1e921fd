import * as z from 'zod/mini';
import type { PublishedCommentSchema } from '../api/feedback-schemas.js';
import { CommentStatus, Rating } from './rating.js';
import { PlanId, TargetId, TargetType } from './target.js';

/**
 * The rating a new one replaces: enough to take it out of the counts it was added to (its level,
 * and its month through the time it was recorded) without reading it again.
 */
export const ReplacedRating = z.strictObject({ feedbackId: z.string(), rating: Rating, recordedAt: z.iso.datetime() });
export type ReplacedRating = z.infer<typeof ReplacedRating>;

/** The target of a plan and the year a rating is about: what every item of the feedback log names. */
const ratedTarget = {
  /** The plan whose target is rated: the same target id in two plans is two targets. */
  planId: PlanId,
  targetType: TargetType,
  targetId: TargetId,
  year: z.number().check(z.int()),
};

/** The longest official reply kept, after masking; the same limit applies to what a monitor types. */
export const REPLY_TEXT_MAX = 4000;
/** The longest name of the department that answers. */
export const DEPARTMENT_MAX_LENGTH = 100;

/** An official reply to a comment, attributed to a department; public once the comment is. */
export const OfficialReply = z.strictObject({
  replyId: z.string().check(z.minLength(1)),
  department: z.string().check(z.minLength(1), z.maxLength(DEPARTMENT_MAX_LENGTH)),
  /** The department of the managed list (shared/departments/); absent on replies given as free text. */
  departmentId: z.optional(z.string().check(z.minLength(1))),
  /** The department's English name when the reply was given; absent on free text and on replies from before it was kept. */
  departmentEn: z.optional(z.string().check(z.minLength(1), z.maxLength(DEPARTMENT_MAX_LENGTH))),
  text: z.string().check(z.minLength(1), z.maxLength(REPLY_TEXT_MAX)),
  publishedAt: z.iso.datetime(),
  /** The staff member who attached it (`name (sub)`): kept, never shown publicly. */
  by: z.string().check(z.minLength(1), z.maxLength(300)),
  caseId: z.optional(z.string().check(z.minLength(1))),
});
export type OfficialReply = z.infer<typeof OfficialReply>;

/** How many of each kind of personal data were masked in the comment before it was stored. */
export const PiiCounts = z.record(z.string(), z.number().check(z.int(), z.gte(1)));

/** An administrator's finding that a rating is fraudulent (documented case, with a reason). */
export const FraudMark = z.strictObject({
  at: z.iso.datetime(),
  by: z.string().check(z.minLength(1)),
  reason: z.string().check(z.minLength(1), z.maxLength(1000)),
});

/**
 * One submission of a rating, kept for good: the replaced rating of a voter who changed their
 * mind stays as the earlier record, and the new record says which one it replaced, so the
 * aggregation can move the count from the old level to the new one.
 */
export const FeedbackRecord = z.strictObject({
  feedbackId: z.string().check(z.minLength(1)),
  voterId: z.string().check(z.minLength(1)),
  ...ratedTarget,
  rating: Rating,
  comment: z.nullable(z.string()),
  commentStatus: CommentStatus,
  recordedAt: z.iso.datetime(),
  shard: z.number().check(z.int(), z.gte(0)),
  replaces: z.nullable(ReplacedRating),
  publishedAt: z.optional(z.iso.datetime()),
  /** Personal data found and masked at submission; the unmasked text is never stored. */
  pii: z.optional(PiiCounts),
  /** Why a pending comment is in the queue: new, or sent back by citizens' flags. */
  queueReason: z.optional(z.enum(['new', 'flagged'])),
  /** Flags by distinct voters since the comment was last approved. */
  flagCount: z.optional(z.number().check(z.int(), z.gte(0))),
  /**
   * When citizens' flags reached the threshold: the comment stays published, marked publicly as
   * under review, and waits in the moderation queue until a monitor keeps or hides it.
   */
  underReviewSince: z.optional(z.iso.datetime()),
  /** The monitor who last kept it after a review, and when (the audit log has every one). */
  kept: z.optional(z.strictObject({ at: z.iso.datetime(), by: z.string().check(z.minLength(1), z.maxLength(300)) })),
  replies: z.optional(z.array(OfficialReply)),
  fraud: z.optional(FraudMark),
});
export type FeedbackRecord = z.infer<typeof FeedbackRecord>;

/** A voter's current rating of a target for a year, pointing at the record that holds it. */
export const Ballot = z.strictObject({
  voterId: z.string().check(z.minLength(1)),
  ...ratedTarget,
  rating: Rating,
  feedbackId: z.string().check(z.minLength(1)),
  shard: z.number().check(z.int(), z.gte(0)),
  recordedAt: z.iso.datetime(),
  revision: z.number().check(z.int(), z.gte(1)),
  firstRecordedAt: z.iso.datetime(),
  /** What the current rating's record replaces; used if that record was never written. */
  replaces: z.nullable(ReplacedRating),
  /**
   * The counted rating was marked fraudulent: the fraud event's slot in the log (shard of the
   * ballot, sort key `sk`). A new rating replaces nothing if that event landed, and voids the slot
   * if it did not, exactly as for a record that never arrived.
   */
  fraud: z.optional(
    z.strictObject({ feedbackId: z.string().check(z.minLength(1)), sk: z.string().check(z.minLength(1)) }),
  ),
});
export type Ballot = z.infer<typeof Ballot>;

/** What the public sees of a published comment: no voter id, nothing else about the person. */
/** A published comment as the public sees it: the API's model (PublishedComment in shared/api/feedback-schemas.ts). */
export type PublishedComment = z.output<typeof PublishedCommentSchema>;

/**
 * Marks a record slot as void: written by a later submission that found the slot empty (the
 * earlier request died between its ballot and its record). Whoever writes a slot first wins, so
 * a record still in flight cannot land after it has been skipped.
 */
export const VOID_ITEM = 'void';

/** A change of a comment's visibility, appended to the feedback log so counts by status follow it. */
export const ModerationEvent = z.strictObject({
  eventId: z.string().check(z.minLength(1)),
  feedbackId: z.string().check(z.minLength(1)),
  ...ratedTarget,
  /** When the rating was recorded: it decides the month whose comment counts change. */
  ratedAt: z.iso.datetime(),
  from: CommentStatus,
  to: CommentStatus,
  at: z.iso.datetime(),
  shard: z.number().check(z.int(), z.gte(0)),
  /** Who moved it (`name (sub)`, or `system` for citizens' flags) and why: the log attributes itself. */
  by: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  reason: z.optional(z.string().check(z.maxLength(2000))),
});
export type ModerationEvent = z.infer<typeof ModerationEvent>;

/**
 * A rating found fraudulent by an administrator, appended to the feedback log. If the rating was
 * still counted when marked (`counted`), the aggregation takes it out of its level; a rating
 * already replaced was out of the counts anyway, and the event changes nothing. The rating's
 * record itself is never changed or removed (the 好差评 rules forbid touching a rating).
 */
export const FraudEvent = z.strictObject({
  eventId: z.string().check(z.minLength(1)),
  feedbackId: z.string().check(z.minLength(1)),
  ...ratedTarget,
  rating: Rating,
  ratedAt: z.iso.datetime(),
  counted: z.boolean(),
  at: z.iso.datetime(),
  shard: z.number().check(z.int(), z.gte(0)),
  by: z.string().check(z.minLength(1)),
  reason: z.string().check(z.minLength(1), z.maxLength(1000)),
});
export type FraudEvent = z.infer<typeof FraudEvent>;
