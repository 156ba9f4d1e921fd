import type * as z from 'zod/mini';
import type { StaffCommentSchema } from '../api/monitor-schemas.js';
import { ConflictError } from '../errors.js';
import type { FeedbackRecord } from '../feedback/record.js';
import type { CommentStatus } from '../feedback/rating.js';
import type { Page, RecordRef } from '../feedback/store.js';
import type { TargetType } from '../feedback/target.js';
import type { Flagger } from '../store/keys.js';
import type { FlagReason } from './flags.js';

/** A comment as a moderator sees it: the masked text and what moderation needs, never the voter. */
/** A comment as a moderator sees it: the API's model (StaffComment in shared/api/monitor-schemas.ts). */
export type StaffComment = z.output<typeof StaffCommentSchema>;

export interface QueueQuery {
  status: 'pending' | 'rejected' | 'hidden' | 'published';
  /** The plan of the target filtered by; published comments are listed per target of a plan, so they need it. */
  planId?: string | undefined;
  targetType?: TargetType | undefined;
  targetId?: string | undefined;
  reason?: 'new' | 'flagged' | undefined;
  /** ISO times bounding `since`: older than `before`, newer than `after`. */
  before?: string | undefined;
  after?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** What a moderation step did: the record as it was read, the status it left, whether anything changed. */
export interface StatusChange {
  record: FeedbackRecord;
  from: CommentStatus;
  changed: boolean;
}

export interface FlagOutcome {
  /** False for a second flag by the same flagger: nothing changed. */
  counted: boolean;
  flags: number;
  /** True for the one flag that sent the comment for review, however many crossed the threshold together. */
  sentForReview: boolean;
  record: FeedbackRecord;
}

/**
 * Who may see a comment's text: monitors' decisions and the moderation queue. Implemented over
 * DynamoDB in shared/store/moderation-repository.ts. Nothing here touches a rating.
 */
export interface ModerationStore {
  /**
   * Publishes, rejects or hides a comment, and appends the change to the feedback log so counts by
   * status follow. Publishing a published comment under review keeps it (mark and flags cleared).
   * Throws CommentStateError when the comment's status is not one of `expectFrom`.
   */
  setCommentStatus: (
    ref: RecordRef,
    // Nothing goes back to pending: citizens' flags send a published comment for review instead.
    status: Exclude<CommentStatus, 'none' | 'pending'>,
    at: Date,
    options?: { expectFrom?: readonly CommentStatus[]; by?: string; why?: string },
  ) => Promise<StatusChange>;
  /**
   * The queue (oldest first: pending comments, and published ones flags sent for review), comments
   * rejected or hidden (most recent first), or a target's published comments.
   */
  moderationQueue: (query: QueueQuery) => Promise<Page<StaffComment>>;
}

/** Citizens' flags on published comments (shared/store/flag-repository.ts). */
export interface FlagStore {
  /**
   * A citizen flags a published comment, once per flagger. At `threshold` flags it is marked under
   * review and enters the queue; flags never take it off public view.
   */
  flagComment: (
    feedbackId: string,
    flagger: Flagger,
    reason: FlagReason,
    at: Date,
    threshold: number,
  ) => Promise<FlagOutcome>;
}

/** A moderation step that does not apply to the comment's current status. */
export class CommentStateError extends ConflictError {
  override readonly kind = 'invalid-state';
}
