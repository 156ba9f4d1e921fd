import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors.js';
import type { FlagReason } from '../moderation/flags.js';
import type { FlagOutcome, FlagStore } from '../moderation/store.js';
import { commentFlagKey, type Flagger } from './keys.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import { feedbackRecords, recordKeyOf } from './feedback-records.js';
import { reviewPointers } from './review-pointers.js';

/** Citizens' flags over DynamoDB: one item per flagger and comment, the record's count and its review mark. */
export function flagRepository(store: Store): FlagStore {
  const { client, tableName } = store;
  const records = feedbackRecords(store);
  const reviews = reviewPointers(store);

  return {
    /**
     * A citizen flags a published comment: once per flagger per comment (the flag's item is the
     * rule). Flags never take a comment off public view: at `threshold` flags it is marked as under
     * review and enters the moderation queue, where a monitor keeps or hides it. `sentForReview`
     * is true for the one flag that did that, however many crossed the threshold together.
     */
    async flagComment(
      feedbackId: string,
      flagger: Flagger,
      reason: FlagReason,
      at: Date,
      threshold: number,
    ): Promise<FlagOutcome> {
      const record = await records.find(feedbackId, true);
      if (!record || record.commentStatus !== 'published') throw new NotFoundError('published comment', feedbackId);
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...commentFlagKey(feedbackId, flagger), type: 'flag', feedbackId, reason, at: at.toISOString() },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error))
          return { counted: false, flags: record.flagCount ?? 0, sentForReview: false, record };
        throw error;
      }
      let flags: number;
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: recordKeyOf(record),
            UpdateExpression: 'ADD flagCount :one',
            ConditionExpression: 'commentStatus = :published',
            ExpressionAttributeValues: { ':one': 1, ':published': 'published' },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        flags = Number(Attributes?.flagCount ?? 0);
      } catch (error) {
        // Moderated meanwhile: the flag is kept, the comment is no longer public anyway.
        if (isConditionFailure(error))
          return { counted: true, flags: record.flagCount ?? 0, sentForReview: false, record };
        throw error;
      }
      if (flags < threshold) return { counted: true, flags, sentForReview: false, record };
      const since = at.toISOString();
      try {
        // The mark decides which of several flags crossing the threshold at once sends it.
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: recordKeyOf(record),
            UpdateExpression: 'SET underReviewSince = :since',
            ConditionExpression: 'commentStatus = :published AND attribute_not_exists(underReviewSince)',
            ExpressionAttributeValues: { ':since': since, ':published': 'published' },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Under review already (or moderated meanwhile). If the flag that marked it died before
        // queuing it, this one queues it, so a marked comment always reaches a monitor.
        const current = await records.getRecord(record, true);
        if (current?.commentStatus === 'published' && current.underReviewSince !== undefined)
          await reviews.queue(current, current.underReviewSince);
        return { counted: true, flags, sentForReview: false, record };
      }
      await reviews.queue(record, since);
      return { counted: true, flags, sentForReview: true, record };
    },
  };
}
