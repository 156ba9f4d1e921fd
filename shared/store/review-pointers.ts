import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { FeedbackRecord } from '../feedback/record.js';
import { PlanId, TargetId, TargetType } from '../feedback/target.js';
import { FLAG_REVIEW_SORT_KEY, flagReviewKey, MODERATION_QUEUE_PARTITION, moderationQueueSortKey } from './keys.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';

// A published comment that citizens' flags sent for review stays where it is (public, in its
// target's published list) and enters the moderation queue through a pointer item of its own:
// flags (flag-repository.ts) write it, monitors' decisions (moderation-repository.ts) remove it,
// and the queue shows it only while its record is still under that review.

/**
 * A published comment's place in the moderation queue while it is under review: where its record
 * is and since when (the record's `underReviewSince`, which it must still carry to be shown).
 */
export const FlagReview = z.strictObject({
  feedbackId: z.string().check(z.minLength(1)),
  shard: z.number().check(z.int(), z.gte(0)),
  recordedAt: z.iso.datetime(),
  /** A plan's queue shows its own. Pointers written before it was per plan have none until `npm run migrate -- ratings` (migrate-ratings.ts) gives them their comment's. */
  planId: z.optional(PlanId),
  targetType: TargetType,
  targetId: TargetId,
  /** Written so the queue's reason, plan and target filters apply to it as to pending records. */
  queueReason: z.literal('flagged'),
  since: z.iso.datetime(),
});
export type FlagReview = z.infer<typeof FlagReview>;
export const FLAG_REVIEW_ITEM = 'flag-review';

/** Whether a cursor position in the queue is a comment's review pointer. */
export const isReviewPosition = (position: { p: string; k: string }) =>
  /^FLAGS#[^#]+$/.test(position.p) && position.k === FLAG_REVIEW_SORT_KEY;

export function reviewPointers(store: Store) {
  const { client, tableName } = store;

  /**
   * Puts a comment under review into the moderation queue, unless it is there already for this
   * review or a later one. A pointer left from an earlier review (its removal failed) is replaced.
   */
  async function queue(record: FeedbackRecord, since: string): Promise<void> {
    const review: FlagReview = {
      feedbackId: record.feedbackId,
      shard: record.shard,
      recordedAt: record.recordedAt,
      planId: record.planId,
      targetType: record.targetType,
      targetId: record.targetId,
      queueReason: 'flagged',
      since,
    };
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...flagReviewKey(record.feedbackId),
            GSI1PK: MODERATION_QUEUE_PARTITION,
            GSI1SK: moderationQueueSortKey(since, record.feedbackId),
            type: FLAG_REVIEW_ITEM,
            ...review,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR since < :since',
          ExpressionAttributeValues: { ':since': since },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * Takes the review of `since` out of the queue, once a monitor decided it. Only that review's
   * pointer: a later review (flags again after a keep) keeps its own. A pointer that survives
   * anyway (written by a flag just after the decision) is not shown: its record no longer matches.
   */
  async function unqueue(feedbackId: string, since: string): Promise<void> {
    try {
      await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: flagReviewKey(feedbackId),
          ConditionExpression: 'since = :since',
          ExpressionAttributeValues: { ':since': since },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  return { queue, unqueue };
}
