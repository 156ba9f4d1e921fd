import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FeedbackRecord } from '../feedback/record.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import { recordKeyOf } from './feedback-records.js';
import { fromItem } from './items.js';
import { planCommentsPartition, repliedCommentSortKey, unrepliedCommentSortKey } from './keys.js';

/**
 * The key a published comment takes in its plan's index (GSI2): by its latest reply if it has
 * one, else by when it was published. What publishing and replying set, one step at a time.
 */
const planIndexSortKey = (record: FeedbackRecord) => {
  const lastReply = (record.replies ?? [])
    .map((r) => r.publishedAt)
    .sort()
    .at(-1);
  return lastReply
    ? repliedCommentSortKey(lastReply, record.feedbackId)
    : unrepliedCommentSortKey(record.publishedAt ?? record.recordedAt, record.feedbackId);
};

/**
 * Puts the comments published before the plan index existed into it (`npm run migrate -- ratings`
 * and every `npm start` run it, after the ratings migration gave every record its plan): each
 * published record of a plan that has no GSI2PK gets its plan's partition and sort key. Returns
 * how many it indexed; run again, it indexes none. Safe beside live moderation: the write is
 * conditional on the comment still being published and still unindexed, and keeps a sort key a
 * reply set meanwhile. Reads the whole table once (a scan): an operator's command, never a request's.
 */
export async function indexPublishedComments(store: Store): Promise<number> {
  const { client, tableName } = store;
  let indexed = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression:
          '#type = :feedback AND commentStatus = :published AND attribute_exists(planId) AND attribute_not_exists(GSI2PK)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':feedback': 'feedback', ':published': 'published' },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const record = fromItem(FeedbackRecord, item);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: recordKeyOf(record),
            UpdateExpression: 'SET GSI2PK = :partition, GSI2SK = if_not_exists(GSI2SK, :sort)',
            ConditionExpression: 'commentStatus = :published AND attribute_not_exists(GSI2PK)',
            ExpressionAttributeValues: {
              ':partition': planCommentsPartition(record.planId, record.shard),
              ':sort': planIndexSortKey(record),
              ':published': 'published',
            },
          }),
        );
        indexed++;
      } catch (error) {
        // Hidden, or indexed by its own publishing, since the scan read it: nothing to do.
        if (!isConditionFailure(error)) throw error;
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return indexed;
}
