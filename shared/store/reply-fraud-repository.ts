import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../errors.js';
import { FeedbackRecord, OfficialReply, type FraudEvent } from '../feedback/record.js';
import type { FraudStore, RecordRef, ReplyStore } from '../feedback/store.js';
import { ballotKey, feedbackKey, repliedCommentSortKey } from './keys.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import { eventAbout, feedbackRecords, recordKeyOf, updateRecord } from './feedback-records.js';

/** Official replies over DynamoDB: kept in the comment's record, in the order they were given. */
export function replyRepository(store: Store): ReplyStore {
  return {
    /** Attaches an official reply to a comment; shown publicly with the comment once it is published. */
    async addReply(ref: RecordRef, reply: OfficialReply): Promise<FeedbackRecord> {
      const parsed = OfficialReply.parse(reply);
      return updateRecord(
        store,
        ref,
        {
          // The newest reply sorts the comment in its plan's index (docs/data-model.md); until the
          // comment is published the key is in no index.
          UpdateExpression: 'SET replies = list_append(if_not_exists(replies, :none), :reply), GSI2SK = :replied',
          ConditionExpression: '#type = :feedback AND attribute_type(#comment, :string)',
          ExpressionAttributeNames: { '#type': 'type', '#comment': 'comment' },
          ExpressionAttributeValues: {
            ':none': [],
            ':reply': [parsed],
            ':replied': repliedCommentSortKey(parsed.publishedAt, ref.feedbackId),
            ':feedback': 'feedback',
            ':string': 'S',
          },
          ReturnValues: 'ALL_NEW',
        },
        () => new NotFoundError('comment', ref.feedbackId),
      );
    },
  };
}

/**
 * Fraud marks over DynamoDB: the mark on the record, and, for a rating that still counts, a fraud
 * event in the feedback log that the voter's ballot points at (the ballot log's protocol).
 */
export function fraudRepository(store: Store): FraudStore {
  const { client, tableName } = store;
  const records = feedbackRecords(store);
  return {
    /**
     * An administrator's documented finding that a rating is fraudulent. The record is kept as it
     * was (marked, not changed); if the rating still counts, a fraud event in the log takes it out
     * of the counts, and the voter's ballot notes it so a later rating does not take it out twice.
     * Marking a record twice changes nothing the second time.
     */
    async markFraud(
      ref: RecordRef,
      mark: { by: string; reason: string },
      at: Date,
    ): Promise<{ event: FraudEvent | null; record: FeedbackRecord }> {
      const record = await records.getRecord(ref, true);
      if (!record) throw new NotFoundError('rating', ref.feedbackId);
      if (record.fraud) return { event: null, record };
      const key = ballotKey(record.voterId, record, record.year);
      for (let attempt = 0; attempt < 5; attempt++) {
        const ballot = await records.readBallot(key);
        const counted = ballot ? await records.countedRating(ballot) : null;
        const isCounted = counted?.feedbackId === record.feedbackId;
        const event: FraudEvent = {
          eventId: randomUUID(),
          ...eventAbout(record),
          rating: record.rating,
          ratedAt: record.recordedAt,
          counted: isCounted,
          at: at.toISOString(),
          shard: record.shard,
          by: mark.by,
          reason: mark.reason,
        };
        const slot = feedbackKey(record.shard, event.at, event.eventId);
        if (isCounted && ballot) {
          try {
            await client.send(
              new PutCommand({
                TableName: tableName,
                Item: {
                  ...key,
                  type: 'ballot',
                  ...ballot,
                  revision: ballot.revision + 1,
                  fraud: { feedbackId: record.feedbackId, sk: slot.SK },
                },
                ConditionExpression: 'revision = :revision',
                ExpressionAttributeValues: { ':revision': ballot.revision },
              }),
            );
          } catch (error) {
            if (isConditionFailure(error)) continue;
            throw error;
          }
        }
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...slot, type: 'fraud', ...event },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          );
        } catch (error) {
          // A new rating by the same voter voided the slot first: look again.
          if (isConditionFailure(error)) continue;
          throw error;
        }
        try {
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: recordKeyOf(record),
              UpdateExpression: 'SET fraud = :mark',
              ConditionExpression: 'attribute_not_exists(fraud)',
              ExpressionAttributeValues: { ':mark': { at: event.at, by: mark.by, reason: mark.reason } },
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
        return { event, record };
      }
      throw new ConflictError('the rating is being changed concurrently; try again');
    },
  };
}
