import { z } from 'zod';
import { CommentStatus, Rating } from './rating.js';
import { TargetId, TargetType } from './target.js';

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
  replaces: z.strictObject({ feedbackId: z.string(), rating: Rating }).nullable(),
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
