import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FeedbackRecord, type PublishedComment } from '../feedback/record.js';
import type { FeedbackStore } from '../feedback/store.js';
import type { Store } from './client.js';
import { underReview } from './feedback-records.js';
import { fromItem } from './items.js';
import { PLAN_COMMENT_SHARDS, planCommentsPartition, REPLIED_COMMENT_PREFIX } from './keys.js';

/** What the public sees of a published comment's record: no voter id, nothing else about the person. */
export function publicComment(record: FeedbackRecord): PublishedComment {
  const { feedbackId, planId, targetType, targetId, rating, recordedAt } = record;
  return {
    feedbackId,
    planId,
    targetType,
    targetId,
    rating,
    recordedAt,
    comment: record.comment ?? '',
    publishedAt: record.publishedAt ?? recordedAt,
    // An older reply, or one naming free text, has no English name: English readers see the Chinese one.
    replies: (record.replies ?? []).map(({ department, departmentEn, text, publishedAt }) => ({
      department,
      departmentEn: departmentEn ?? department,
      text,
      publishedAt,
    })),
    underReview: underReview(record),
  };
}

/**
 * A plan's published comments across all its targets, from its partitions of GSI2 (keys.ts): one
 * query per partition and page of results, however many targets the plan has.
 */
export function planComments(store: Store): Pick<FeedbackStore, 'planPublishedComments' | 'planRepliedComments'> {
  const { client, tableName } = store;

  /** One partition, newest first, until `limit` comments or its end; `repliedOnly` reads the replied ones alone. */
  async function readPartition(partition: string, repliedOnly: boolean, limit: number): Promise<PublishedComment[]> {
    const found: PublishedComment[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: repliedOnly ? 'GSI2PK = :pk AND begins_with(GSI2SK, :replied)' : 'GSI2PK = :pk',
          ExpressionAttributeValues: {
            ':pk': partition,
            ...(repliedOnly ? { ':replied': REPLIED_COMMENT_PREFIX } : {}),
          },
          ScanIndexForward: false,
          ...(Number.isFinite(limit) ? { Limit: limit - found.length } : {}),
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) found.push(publicComment(fromItem(FeedbackRecord, item)));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && found.length < limit);
    return found;
  }

  const everyPartition = async (planId: string, repliedOnly: boolean, limit: number) =>
    (
      await Promise.all(
        Array.from({ length: PLAN_COMMENT_SHARDS }, (_, shard) =>
          readPartition(planCommentsPartition(planId, shard), repliedOnly, limit),
        ),
      )
    ).flat();

  return {
    planPublishedComments: (planId) => everyPartition(planId, false, Infinity),
    /**
     * Each partition gives its `replies` comments with the latest replies: every one has a reply at
     * least as recent as any reply of the partition's comments not read, so the newest `replies`
     * replies of the plan are all among those read.
     */
    planRepliedComments: (planId, replies) => everyPartition(planId, true, replies),
  };
}
