import { z } from 'zod';
import { CommentStatus, Rating } from './rating.js';
import { TargetId, TargetType } from './target.js';

/**
 * The rating a new one replaces: enough to take it out of the counts it was added to (its level,
 * and its month through the time it was recorded) without reading it again.
 */
export const ReplacedRating = z.strictObject({ feedbackId: z.string(), rating: Rating, recordedAt: z.iso.datetime() });
export type ReplacedRating = z.infer<typeof ReplacedRating>;

/**
 * One submission of a rating, kept for good: the replaced rating of a voter who changed their
 * mind stays as the earlier record, and the new record says which one it replaced, so the
 * aggregation can move the count from the old level to the new one.
 */
export const FeedbackRecord = z.strictObject({
  feedbackId: z.string().min(1),
  voterId: z.string().min(1),
  targetType: TargetType,
  targetId: TargetId,
  year: z.number().int(),
  rating: Rating,
  comment: z.string().nullable(),
  commentStatus: CommentStatus,
  recordedAt: z.iso.datetime(),
  shard: z.number().int().min(0),
  replaces: ReplacedRating.nullable(),
  publishedAt: z.iso.datetime().optional(),
});
export type FeedbackRecord = z.infer<typeof FeedbackRecord>;

/** A voter's current rating of a target for a year, pointing at the record that holds it. */
export const Ballot = z.strictObject({
  voterId: z.string().min(1),
  targetType: TargetType,
  targetId: TargetId,
  year: z.number().int(),
  rating: Rating,
  feedbackId: z.string().min(1),
  shard: z.number().int().min(0),
  recordedAt: z.iso.datetime(),
  revision: z.number().int().min(1),
  firstRecordedAt: z.iso.datetime(),
  /** What the current rating's record replaces; used if that record was never written. */
  replaces: ReplacedRating.nullable(),
});
export type Ballot = z.infer<typeof Ballot>;

/** What the public sees of a published comment: no voter id, nothing else about the person. */
export interface PublishedComment {
  feedbackId: string;
  targetType: TargetType;
  targetId: string;
  rating: number;
  comment: string;
  recordedAt: string;
  publishedAt: string;
}

/**
 * Marks a record slot as void: written by a later submission that found the slot empty (the
 * earlier request died between its ballot and its record). Whoever writes a slot first wins, so
 * a record still in flight cannot land after it has been skipped.
 */
export const VOID_ITEM = 'void';

/** A change of a comment's visibility, appended to the feedback log so counts by status follow it. */
export const ModerationEvent = z.strictObject({
  eventId: z.string().min(1),
  feedbackId: z.string().min(1),
  targetType: TargetType,
  targetId: TargetId,
  year: z.number().int(),
  /** When the rating was recorded: it decides the month whose comment counts change. */
  ratedAt: z.iso.datetime(),
  from: CommentStatus,
  to: CommentStatus,
  at: z.iso.datetime(),
  shard: z.number().int().min(0),
});
export type ModerationEvent = z.infer<typeof ModerationEvent>;
