import { setTimeout as sleep } from 'node:timers/promises';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors.js';
import { Ballot, FeedbackRecord, type PublishedComment } from '../feedback/record.js';
import { feedbackIdAt } from '../feedback/feedback-id.js';
import type { BallotWithComment, FeedbackStore, NewFeedback, Page, RecordedFeedback } from '../feedback/store.js';
import type { PlanTarget, TargetType } from '../feedback/target.js';
import {
  ballotKey,
  ballotPrefix,
  FEEDBACK_SHARDS,
  feedbackPartition,
  feedbackShard,
  MODERATION_QUEUE_PARTITION,
  moderationQueueSortKey,
  publishedCommentsPartition,
  voterPartition,
} from './keys.js';
import { fromItem } from './items.js';
import { queryAll } from './query.js';
import { planComments, publicComment } from './plan-comments.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import {
  decodeCursor,
  encodeCursor,
  startAfter,
  feedbackRecords,
  isLogPosition,
  recordKeyOf,
} from './feedback-records.js';

/**
 * The ballot log over DynamoDB: each voter's ballot per target and year (the commit point of a
 * rating), the records of every rating in the sharded feedback log, and the reads of both.
 */
export function feedbackRepository(store: Store): FeedbackStore {
  const { client, tableName } = store;
  const records = feedbackRecords(store);

  return {
    /**
     * Records a rating. The voter's ballot item is the commit point: it is written only if it
     * still holds the revision just read, so two submissions racing for the same voter, target
     * and year cannot both count. The record is written after, into a slot only it may fill.
     */
    async record(input: NewFeedback): Promise<RecordedFeedback> {
      const key = ballotKey(input.voterId, input, input.year);
      const shard = feedbackShard(input.voterId, input.targetType, input.targetId);
      const { voterId, planId, targetType, targetId, year, rating } = input;
      for (let attempt = 0; attempt < 8; attempt++) {
        const previous = await records.readBallot(key);
        const replaces = previous ? await records.countedRating(previous) : null;
        // Taken per attempt, so the ballot's commit order and the log's time order agree.
        const recordedAt = input.clock().toISOString();
        // The id says where the record goes, so nothing else is written to find it by (feedback-id.ts).
        const feedbackId = feedbackIdAt(shard, recordedAt, input.nonce);
        const rated = { voterId, planId, targetType, targetId, year, rating, feedbackId, shard, recordedAt, replaces };
        const ballot: Ballot = {
          ...rated,
          revision: (previous?.revision ?? 0) + 1,
          firstRecordedAt: previous?.firstRecordedAt ?? recordedAt,
        };
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...key, type: 'ballot', ...ballot },
              ...(previous
                ? {
                    ConditionExpression: 'revision = :revision',
                    ExpressionAttributeValues: { ':revision': previous.revision },
                  }
                : { ConditionExpression: 'attribute_not_exists(PK)' }),
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          // Jittered, so racing submissions of one voter stop colliding on the same revision.
          await sleep(Math.random() * 20 * (attempt + 1));
          continue;
        }
        const record: FeedbackRecord = {
          ...rated,
          comment: input.comment,
          commentStatus: input.comment === null ? 'none' : 'pending',
          ...(input.comment !== null && input.pii && Object.keys(input.pii).length > 0 ? { pii: input.pii } : {}),
          ...(input.comment !== null ? { queueReason: 'new' as const } : {}),
        };
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...recordKeyOf(record),
                // A comment enters the moderation queue in the same write that records it.
                ...(record.comment !== null
                  ? {
                      GSI1PK: MODERATION_QUEUE_PARTITION,
                      GSI1SK: moderationQueueSortKey(recordedAt, record.feedbackId),
                    }
                  : {}),
                type: 'feedback',
                ...record,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          );
        } catch (error) {
          // A later submission of the same voter already declared this slot void.
          if (isConditionFailure(error))
            throw new ConflictError('a newer rating by the same voter superseded this one');
          throw error;
        }
        return { record, replaced: replaces };
      }
      throw new ConflictError('the same rating is being submitted concurrently; try again');
    },

    /** The voter's current ratings (in every plan, in one, or of one target of one), with their comments' statuses. */
    async ballotsOf(
      voterId: string,
      planId?: string,
      target?: { targetType: TargetType; targetId: string },
    ): Promise<BallotWithComment[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: {
            ':pk': voterPartition(voterId),
            ':prefix': ballotPrefix(planId, target),
          },
        }),
      );
      const ballots = Items.map((item) => fromItem(Ballot, item));
      // A ballot can point at a void slot (its request died before the record): it shows no comment.
      const found = await records.batchGetRecords(ballots);
      return ballots.map((ballot) => {
        const record = found.get(ballot.feedbackId);
        return {
          ...ballot,
          comment: record?.comment ?? null,
          commentStatus: record?.commentStatus ?? 'none',
          piiMasked: record?.pii ?? {},
        };
      });
    },

    getRecord: records.getRecord,
    resolve: records.resolve,
    find: records.find,

    /**
     * Ratings of 1 or 2 with a comment recorded after `since` (exclusive) up to `until`, from
     * every shard of the log: what the case sweep checks for cases that failed to open.
     */
    async lowRatingsBetween(since: string, until: string): Promise<FeedbackRecord[]> {
      const shards = Array.from({ length: FEEDBACK_SHARDS }, (_, shard) => shard);
      const perShard = await Promise.all(
        shards.map(async (shard) => {
          const items = await queryAll(store, {
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
            FilterExpression: '#type = :feedback AND rating <= :two AND attribute_type(#comment, :string)',
            ExpressionAttributeNames: { '#type': 'type', '#comment': 'comment' },
            ExpressionAttributeValues: {
              ':pk': feedbackPartition(shard),
              ':lo': since,
              ':hi': `${until}~`,
              ':feedback': 'feedback',
              ':two': 2,
              ':string': 'S',
            },
          });
          return items.map((item) => fromItem(FeedbackRecord, item));
        }),
      );
      return perShard.flat().sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    },

    /** Published comments of a target of a plan, newest first; `cursor` continues where the last page ended. */
    async publishedComments(
      target: PlanTarget,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<Page<PublishedComment>> {
      const partition = publishedCommentsPartition(target);
      const start = page.cursor ? decodeCursor(page.cursor, isLogPosition) : undefined;
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(start ? { ExclusiveStartKey: startAfter(partition, start) } : {}),
        }),
      );
      const items = Items.map((item) => publicComment(fromItem(FeedbackRecord, item)));
      return { items, nextCursor: encodeCursor(LastEvaluatedKey) };
    },

    ...planComments(store),
  };
}
