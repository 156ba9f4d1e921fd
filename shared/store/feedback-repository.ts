import { randomUUID } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError, InvalidCursorError, NotFoundError } from '../errors.js';
import { Ballot, FeedbackRecord, ModerationEvent, VOID_ITEM, type PublishedComment, type ReplacedRating } from '../feedback/record.js';
import type { CommentStatus, Rating } from '../feedback/rating.js';
import type { TargetType } from '../feedback/target.js';
import {
  ballotKey,
  ballotPrefix,
  feedbackKey,
  feedbackShard,
  publishedCommentSortKey,
  publishedCommentsPartition,
  voterPartition,
} from './keys.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';

export interface NewFeedback {
  feedbackId: string;
  voterId: string;
  targetType: TargetType;
  targetId: string;
  year: number;
  rating: Rating;
  comment: string | null;
  clock: () => Date;
}

export interface RecordedFeedback {
  record: FeedbackRecord;
  replaced: ReplacedRating | null;
}

export interface BallotWithComment extends Ballot {
  comment: string | null;
  commentStatus: CommentStatus;
}

/** Where a feedback record lives; opaque to clients except as a cursor position. */
const CommentCursor = z.strictObject({ s: z.string().max(200), p: z.string().max(40), k: z.string().max(200) });

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export function feedbackRepository({ client, tableName }: Store) {
  const recordKeyOf = (r: { shard: number; recordedAt: string; feedbackId: string }) =>
    feedbackKey(r.shard, r.recordedAt, r.feedbackId);

  /**
   * What a new rating replaces: the ballot's current rating if its record exists. If it does
   * not (its request died after committing the ballot), the slot is declared void and the new
   * rating replaces what that one would have, so the log never counts a voter twice.
   */
  async function linkTo(ballot: Ballot): Promise<ReplacedRating | null> {
    const slot = recordKeyOf(ballot);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: slot, ConsistentRead: true, ProjectionExpression: '#type', ExpressionAttributeNames: { '#type': 'type' } }));
    if (Item?.type === 'feedback') return { feedbackId: ballot.feedbackId, rating: ballot.rating, recordedAt: ballot.recordedAt };
    if (!Item) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...slot, type: VOID_ITEM, feedbackId: ballot.feedbackId },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (error) {
        // The record landed after all: it is the rating to replace.
        if (isConditionFailure(error)) return { feedbackId: ballot.feedbackId, rating: ballot.rating, recordedAt: ballot.recordedAt };
        throw error;
      }
    }
    return ballot.replaces;
  }

  return {
    /**
     * Records a rating. The voter's ballot item is the commit point: it is written only if it
     * still holds the revision just read, so two submissions racing for the same voter, target
     * and year cannot both count. The record is written after, into a slot only it may fill.
     */
    async record(input: NewFeedback): Promise<RecordedFeedback> {
      const key = ballotKey(input.voterId, input.targetType, input.targetId, input.year);
      const shard = feedbackShard(input.voterId, input.targetType, input.targetId);
      for (let attempt = 0; attempt < 5; attempt++) {
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
        const previous = Item ? fromItem(Ballot, Item) : null;
        const replaces = previous ? await linkTo(previous) : null;
        // Taken per attempt, so the ballot's commit order and the log's time order agree.
        const recordedAt = input.clock().toISOString();
        const ballot: Ballot = {
          voterId: input.voterId,
          targetType: input.targetType,
          targetId: input.targetId,
          year: input.year,
          rating: input.rating,
          feedbackId: input.feedbackId,
          shard,
          recordedAt,
          revision: (previous?.revision ?? 0) + 1,
          firstRecordedAt: previous?.firstRecordedAt ?? recordedAt,
          replaces,
        };
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...key, type: 'ballot', ...ballot },
              ...(previous
                ? { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': previous.revision } }
                : { ConditionExpression: 'attribute_not_exists(PK)' }),
            }),
          );
        } catch (error) {
          if (isConditionFailure(error)) continue;
          throw error;
        }
        const record: FeedbackRecord = {
          feedbackId: input.feedbackId,
          voterId: input.voterId,
          targetType: input.targetType,
          targetId: input.targetId,
          year: input.year,
          rating: input.rating,
          comment: input.comment,
          commentStatus: input.comment === null ? 'none' : 'pending',
          recordedAt,
          shard,
          replaces,
        };
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...recordKeyOf(record), type: 'feedback', ...record },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          );
        } catch (error) {
          // A later submission of the same voter already declared this slot void.
          if (isConditionFailure(error)) throw new ConflictError('a newer rating by the same voter superseded this one');
          throw error;
        }
        return { record, replaced: replaces };
      }
      throw new ConflictError('the same rating is being submitted concurrently; try again');
    },

    /** The voter's current ratings, optionally of one target, with their comments' statuses. */
    async ballotsOf(voterId: string, target?: { targetType: TargetType; targetId: string }): Promise<BallotWithComment[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': voterPartition(voterId), ':prefix': ballotPrefix(target?.targetType, target?.targetId) },
        }),
      );
      const ballots = Items.map((item) => fromItem(Ballot, item));
      const records = new Map<string, FeedbackRecord>();
      for (let i = 0; i < ballots.length; i += 100) {
        let keys: Record<string, unknown>[] = ballots.slice(i, i + 100).map(recordKeyOf);
        while (keys.length > 0) {
          const { Responses, UnprocessedKeys } = await client.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
          );
          for (const item of Responses?.[tableName] ?? []) {
            const record = fromItem(FeedbackRecord, item);
            records.set(record.feedbackId, record);
          }
          keys = UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return ballots.map((ballot) => {
        const record = records.get(ballot.feedbackId);
        return { ...ballot, comment: record?.comment ?? null, commentStatus: record?.commentStatus ?? 'none' };
      });
    },

    async getRecord(ref: { shard: number; recordedAt: string; feedbackId: string }): Promise<FeedbackRecord | null> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: recordKeyOf(ref) }));
      return Item ? fromItem(FeedbackRecord, Item) : null;
    },

    /**
     * Changes who can see a comment's text. Only the text: the rating is not an attribute this
     * touches. Publishing puts the record into the target's published-comments index. The change
     * is appended to the feedback log as a moderation event, so comment counts by status follow.
     * (If the process dies between the two writes, the counts lag until a rebuild reconciles them.)
     */
    async setCommentStatus(
      ref: { shard: number; recordedAt: string; feedbackId: string },
      status: Exclude<CommentStatus, 'none'>,
      at: Date,
    ): Promise<void> {
      const record = await this.getRecord(ref);
      if (!record) throw new NotFoundError('feedback', ref.feedbackId);
      if (record.comment === null) throw new NotFoundError('comment', ref.feedbackId);
      if (record.commentStatus === status) return;
      const publishedAt = record.publishedAt ?? at.toISOString();
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: recordKeyOf(ref),
            ConditionExpression: 'commentStatus = :from',
            ...(status === 'published'
              ? {
                  UpdateExpression: 'SET commentStatus = :status, publishedAt = :publishedAt, GSI1PK = :gpk, GSI1SK = :gsk',
                  ExpressionAttributeValues: {
                    ':from': record.commentStatus,
                    ':status': status,
                    ':publishedAt': publishedAt,
                    ':gpk': publishedCommentsPartition(record.targetType, record.targetId),
                    ':gsk': publishedCommentSortKey(publishedAt, record.feedbackId),
                  },
                }
              : {
                  UpdateExpression: 'SET commentStatus = :status REMOVE GSI1PK, GSI1SK',
                  ExpressionAttributeValues: { ':from': record.commentStatus, ':status': status },
                }),
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError('the comment was moderated concurrently; reload it');
        throw error;
      }
      const event: ModerationEvent = {
        eventId: randomUUID(),
        feedbackId: record.feedbackId,
        targetType: record.targetType,
        targetId: record.targetId,
        year: record.year,
        ratedAt: record.recordedAt,
        from: record.commentStatus,
        to: status,
        at: at.toISOString(),
        shard: record.shard,
      };
      await client.send(
        new PutCommand({ TableName: tableName, Item: { ...feedbackKey(event.shard, event.at, event.eventId), type: 'moderation', ...event } }),
      );
    },

    /** Published comments of a target, newest first; `cursor` continues where the last page ended. */
    async publishedComments(
      targetType: TargetType,
      targetId: string,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<{ items: PublishedComment[]; nextCursor: string | null }> {
      const partition = publishedCommentsPartition(targetType, targetId);
      const start = page.cursor ? decodeCursor(page.cursor) : undefined;
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(start ? { ExclusiveStartKey: { GSI1PK: partition, GSI1SK: start.s, PK: start.p, SK: start.k } } : {}),
        }),
      );
      const items = Items.map((item) => {
        const record = fromItem(FeedbackRecord, item);
        return {
          feedbackId: record.feedbackId,
          targetType: record.targetType,
          targetId: record.targetId,
          rating: record.rating,
          comment: record.comment ?? '',
          recordedAt: record.recordedAt,
          publishedAt: record.publishedAt ?? record.recordedAt,
        };
      });
      const nextCursor = LastEvaluatedKey
        ? Buffer.from(JSON.stringify({ s: LastEvaluatedKey.GSI1SK, p: LastEvaluatedKey.PK, k: LastEvaluatedKey.SK })).toString('base64url')
        : null;
      return { items, nextCursor };
    },
  };
}

function decodeCursor(cursor: string): z.infer<typeof CommentCursor> {
  try {
    const decoded = CommentCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    // Only positions inside the feedback log are cursors; anything else was not issued by us.
    if (!/^FEEDBACK#\d{2}$/.test(decoded.p) || !decoded.k.includes('#')) throw new Error('not a feedback position');
    return decoded;
  } catch (error) {
    throw new InvalidCursorError('cursor is not one this API issued', { cause: error });
  }
}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
