import type { Ballot, FeedbackRecord, FraudEvent, OfficialReply, PublishedComment, ReplacedRating } from './record.js';
import type { CommentStatus, Rating } from './rating.js';
import type { PlanTarget, TargetType } from './target.js';

/**
 * The stores of the feedback log, as the domain uses them: the ballot log (ratings and the
 * records that keep them), official replies and fraud marks. Implemented over DynamoDB in
 * shared/store/ (feedback-repository.ts, reply-fraud-repository.ts); moderation and citizens'
 * flags are in shared/moderation/store.ts.
 */

export interface NewFeedback {
  /** What makes the rating's id unique (a random UUID): the store adds where its record lands (feedback-id.ts). */
  nonce: string;
  voterId: string;
  planId: string;
  targetType: TargetType;
  targetId: string;
  year: number;
  rating: Rating;
  comment: string | null;
  /** Personal data masked in the comment before it got here (kinds and counts). */
  pii?: Record<string, number> | undefined;
  clock: () => Date;
}

/** Where a feedback record is in the log. */
export interface RecordRef {
  shard: number;
  recordedAt: string;
  feedbackId: string;
}

export interface RecordedFeedback {
  record: FeedbackRecord;
  replaced: ReplacedRating | null;
}

export interface BallotWithComment extends Ballot {
  comment: string | null;
  commentStatus: CommentStatus;
  /** Kinds of personal data masked in the comment before it was stored, and how many of each. */
  piiMasked: Record<string, number>;
}

/** A page of a list and where the next one starts (opaque to clients); null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The ballot log: each voter's current rating per target and year, and every rating ever recorded. */
export interface FeedbackStore {
  /**
   * Records a rating. The voter's ballot is the commit point, so two submissions racing for the
   * same voter, target and year cannot both count; the record lands in a slot only it may fill.
   */
  record: (input: NewFeedback) => Promise<RecordedFeedback>;
  /** The voter's current ratings (in every plan, in one, or of one target of one), with their comments' statuses. */
  ballotsOf: (
    voterId: string,
    planId?: string,
    target?: { targetType: TargetType; targetId: string },
  ) => Promise<BallotWithComment[]>;
  /** The record at `ref`; null for a slot whose rating never arrived. */
  getRecord: (ref: RecordRef, consistent?: boolean) => Promise<FeedbackRecord | null>;
  /**
   * Where a record is, by its feedback id: read off the id itself, or for an id recorded before ids
   * said so, from its pointer item; null for such an old id never recorded. A record may still be
   * missing where a self-locating id says (an id made up, or a slot whose rating never arrived).
   */
  resolve: (feedbackId: string) => Promise<RecordRef | null>;
  /** The record with this feedback id, or null. */
  find: (feedbackId: string, consistent?: boolean) => Promise<FeedbackRecord | null>;
  /** Ratings of 1 or 2 with a comment recorded after `since` up to `until`, oldest first (the case sweep). */
  lowRatingsBetween: (since: string, until: string) => Promise<FeedbackRecord[]>;
  /** Published comments of a target of a plan, newest first; `cursor` continues where the last page ended. */
  publishedComments: (
    target: PlanTarget,
    page: { limit: number; cursor?: string | undefined },
  ) => Promise<Page<PublishedComment>>;
  /** Every published comment of a plan, of all its targets, in no particular order (the comments export). */
  planPublishedComments: (planId: string) => Promise<PublishedComment[]>;
  /**
   * Published comments of a plan with official replies, enough of them to hold its newest `replies`
   * replies (the plan's feed), in no particular order.
   */
  planRepliedComments: (planId: string, replies: number) => Promise<PublishedComment[]>;
}

/** Official replies to comments, shown publicly with a comment once it is published. */
export interface ReplyStore {
  addReply: (ref: RecordRef, reply: OfficialReply) => Promise<FeedbackRecord>;
}

/** An administrator's documented findings that ratings are fraudulent. */
export interface FraudStore {
  /**
   * Marks the rating at `ref`: the record is kept as it was, and if the rating still counts, a
   * fraud event in the log takes it out of the counts. A second mark changes nothing (event null).
   */
  markFraud: (
    ref: RecordRef,
    mark: { by: string; reason: string },
    at: Date,
  ) => Promise<{ event: FraudEvent | null; record: FeedbackRecord }>;
}
