import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ConflictError, InvalidCursorError, NotFoundError } from '../errors.js';
import {
  Ballot,
  FeedbackRecord,
  FraudEvent,
  ModerationEvent,
  OfficialReply,
  VOID_ITEM,
  type PublishedComment,
  type ReplacedRating,
} from '../feedback/record.js';
import type { FlagReason } from '../moderation/flags.js';
import type { CommentStatus, Rating } from '../feedback/rating.js';
import { TargetId, TargetType } from '../feedback/target.js';
import {
  ballotKey,
  ballotPrefix,
  commentFlagKey,
  type Flagger,
  FEEDBACK_SHARDS,
  feedbackKey,
  feedbackPartition,
  feedbackRefKey,
  feedbackShard,
  FLAG_REVIEW_SORT_KEY,
  flagReviewKey,
  MODERATION_QUEUE_PARTITION,
  moderatedPartition,
  moderationQueueSortKey,
  publishedCommentSortKey,
  publishedCommentsPartition,
  voterPartition,
} from './keys.js';
import { fromItem } from './items.js';
import { queryAll } from './query.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';

export interface NewFeedback {
  feedbackId: string;
  voterId: string;
  targetType: TargetType;
  targetId: string;
  year: number;
  rating: Rating;
  comment: string | null;
  /** Personal data masked in the comment before it got here (kinds and counts). */
  pii?: Record<string, number> | undefined;
  clock: () => Date;
}

export interface RecordRef {
  shard: number;
  recordedAt: string;
  feedbackId: string;
}

/** A comment as a moderator sees it: the masked text and what moderation needs, never the voter. */
export interface StaffComment {
  feedbackId: string;
  targetType: TargetType;
  targetId: string;
  rating: number;
  comment: string;
  commentStatus: CommentStatus;
  recordedAt: string;
  /** When it entered the queue (pending, or sent for review by flags) or was last rejected or hidden. */
  since: string;
  /** Why it waits for a monitor: new (pending), or flagged by citizens (pending from before, or published under review). */
  queueReason: 'new' | 'flagged' | null;
  flagCount: number;
  /** Published, and flagged by enough citizens: public, marked under review, until a monitor keeps or hides it. */
  underReview: boolean;
  piiMasked: Record<string, number>;
  replies: OfficialReply[];
  fraud: boolean;
}

export interface QueueQuery {
  status: 'pending' | 'rejected' | 'hidden' | 'published';
  targetType?: TargetType | undefined;
  targetId?: string | undefined;
  reason?: 'new' | 'flagged' | undefined;
  /** ISO times bounding `since`: older than `before`, newer than `after`. */
  before?: string | undefined;
  after?: string | undefined;
  limit: number;
  cursor?: string | undefined;
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

/** Where a feedback record lives; opaque to clients except as a cursor position. */
// Every part non-empty: an empty key attribute is refused by the store itself, as a fault rather than a bad cursor.
const CommentCursor = z.strictObject({ s: z.string().check(z.minLength(1), z.maxLength(200)), p: z.string().check(z.minLength(1), z.maxLength(40)), k: z.string().check(z.minLength(1), z.maxLength(200)) });
const QueueCursor = z.strictObject({ s: z.string().check(z.minLength(1), z.maxLength(200)), p: z.string().check(z.minLength(1), z.maxLength(200)), k: z.string().check(z.minLength(1), z.maxLength(200)) });

/**
 * A published comment's place in the moderation queue while it is under review: where its record
 * is and since when (the record's `underReviewSince`, which it must still carry to be shown).
 */
const FlagReview = z.strictObject({
  feedbackId: z.string().check(z.minLength(1)),
  shard: z.number().check(z.int(), z.gte(0)),
  recordedAt: z.iso.datetime(),
  targetType: TargetType,
  targetId: TargetId,
  /** Written so the queue's reason and target filters apply to it as to pending records. */
  queueReason: z.literal('flagged'),
  since: z.iso.datetime(),
});
type FlagReview = z.infer<typeof FlagReview>;
const FLAG_REVIEW_ITEM = 'flag-review';

/** Whether citizens' flags sent this published comment for review, and no monitor has decided yet. */
const underReview = (record: FeedbackRecord) => record.commentStatus === 'published' && record.underReviewSince !== undefined;

/** How long, in steps, a new rating waits for the record of the ballot it found before declaring its slot void. */
const IN_FLIGHT_PAUSES_MS = [20, 40, 80, 160];

export function feedbackRepository(store: Store) {
  const { client, tableName } = store;
  const recordKeyOf = (r: { shard: number; recordedAt: string; feedbackId: string }) =>
    feedbackKey(r.shard, r.recordedAt, r.feedbackId);

  /**
   * The type of the item in a log slot that something points at (a ballot at its record, at its
   * fraud event), settling an empty one for good: it is re-read after each of `pauses`, then claimed
   * as void so nothing can land in it late. If another claim or the awaited item wins that race, its
   * type is read back: the answer is always what the slot holds from now on.
   */
  async function settledSlot(key: { PK: string; SK: string }, voidFeedbackId: string, pauses: readonly number[]): Promise<string> {
    const read = async () =>
      (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true, ProjectionExpression: '#type', ExpressionAttributeNames: { '#type': 'type' } }))).Item;
    let item = await read();
    for (const pause of pauses) {
      if (item) break;
      await sleep(pause);
      item = await read();
    }
    if (item) return String(item.type);
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...key, type: VOID_ITEM, feedbackId: voidFeedbackId }, ConditionExpression: 'attribute_not_exists(PK)' }));
      return VOID_ITEM;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return String((await read())?.type);
    }
  }

  /**
   * What a new rating replaces: the ballot's current rating if its record exists. If it does
   * not (its request died after committing the ballot), the slot is declared void and the new
   * rating replaces what that one would have, so the log never counts a voter twice. An empty
   * slot is far more often a request two writes from finishing than a dead one, so it is given
   * a moment first, or a voter's quick resubmission would make the earlier one fail.
   */
  async function linkTo(ballot: Ballot): Promise<ReplacedRating | null> {
    const type = await settledSlot(recordKeyOf(ballot), ballot.feedbackId, IN_FLIGHT_PAUSES_MS);
    return type === 'feedback' ? { feedbackId: ballot.feedbackId, rating: ballot.rating, recordedAt: ballot.recordedAt } : ballot.replaces;
  }

  /**
   * Whether the fraud event a ballot points at is in the log. If its slot is still empty, the
   * slot is declared void so the event can never land late: the mark then simply did not happen
   * (markFraud, which sees its event refused, looks again).
   */
  async function fraudLanded(shard: number, sk: string): Promise<boolean> {
    return (await settledSlot({ PK: feedbackPartition(shard), SK: sk }, 'fraud', [])) === 'fraud';
  }

  /** The rating of this ballot that counts now: what a new rating replaces (null if it was found fraudulent). */
  async function countedRating(ballot: Ballot): Promise<ReplacedRating | null> {
    const counted = await linkTo(ballot);
    if (counted && ballot.fraud?.feedbackId === counted.feedbackId && (await fraudLanded(ballot.shard, ballot.fraud.sk))) return null;
    return counted;
  }

  const staffView = (record: FeedbackRecord, since: string): StaffComment => ({
    feedbackId: record.feedbackId,
    targetType: record.targetType,
    targetId: record.targetId,
    rating: record.rating,
    comment: record.comment ?? '',
    commentStatus: record.commentStatus,
    recordedAt: record.recordedAt,
    since,
    queueReason: record.commentStatus === 'pending' ? (record.queueReason ?? 'new') : underReview(record) ? 'flagged' : null,
    flagCount: record.flagCount ?? 0,
    underReview: underReview(record),
    piiMasked: record.pii ?? {},
    replies: record.replies ?? [],
    fraud: record.fraud !== undefined,
  });

  async function batchGetRecords(refs: RecordRef[], consistent = false): Promise<Map<string, FeedbackRecord>> {
    const records = new Map<string, FeedbackRecord>();
    const unique = [...new Map(refs.map((r) => [r.feedbackId, r])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] = unique.slice(i, i + 100).map(recordKeyOf);
      while (keys.length > 0) {
        const { Responses, UnprocessedKeys } = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: consistent } } }));
        for (const item of Responses?.[tableName] ?? []) {
          if (item.type !== 'feedback') continue;
          const record = fromItem(FeedbackRecord, item);
          records.set(record.feedbackId, record);
        }
        keys = UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
    }
    return records;
  }

  /**
   * Puts a comment under review into the moderation queue, unless it is there already for this
   * review or a later one. A pointer left from an earlier review (its removal failed) is replaced.
   */
  async function queueForReview(record: FeedbackRecord, since: string): Promise<void> {
    const review: FlagReview = {
      feedbackId: record.feedbackId,
      shard: record.shard,
      recordedAt: record.recordedAt,
      targetType: record.targetType,
      targetId: record.targetId,
      queueReason: 'flagged',
      since,
    };
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...flagReviewKey(record.feedbackId), GSI1PK: MODERATION_QUEUE_PARTITION, GSI1SK: moderationQueueSortKey(since, record.feedbackId), type: FLAG_REVIEW_ITEM, ...review },
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
  async function unqueueReview(feedbackId: string, since: string): Promise<void> {
    try {
      await client.send(new DeleteCommand({ TableName: tableName, Key: flagReviewKey(feedbackId), ConditionExpression: 'since = :since', ExpressionAttributeValues: { ':since': since } }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * A monitor keeps a published comment that flags sent for review: the mark goes and its flags
   * start again from zero (a voter who flagged it once still cannot flag it again), if it is still
   * the review of `since`; then it leaves the queue.
   */
  async function keep(record: FeedbackRecord, since: string, at: Date, by: string | undefined): Promise<{ record: FeedbackRecord; from: CommentStatus; changed: boolean }> {
    let kept: FeedbackRecord;
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: recordKeyOf(record),
          UpdateExpression: 'SET flagCount = :zero, kept = :kept REMOVE underReviewSince',
          ConditionExpression: 'commentStatus = :published AND underReviewSince = :since',
          ExpressionAttributeValues: { ':zero': 0, ':kept': { at: at.toISOString(), by: by ?? 'system' }, ':published': 'published', ':since': since },
          ReturnValues: 'ALL_NEW',
        }),
      );
      kept = fromItem(FeedbackRecord, Attributes!);
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('the comment was moderated concurrently; reload it');
      throw error;
    }
    await unqueueReview(record.feedbackId, since);
    return { record: kept, from: 'published', changed: true };
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
      for (let attempt = 0; attempt < 8; attempt++) {
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
        const previous = Item ? fromItem(Ballot, Item) : null;
        const replaces = previous ? await countedRating(previous) : null;
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
          if (!isConditionFailure(error)) throw error;
          // Jittered, so racing submissions of one voter stop colliding on the same revision.
          await sleep(Math.random() * 20 * (attempt + 1));
          continue;
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
          ...(input.comment !== null && input.pii && Object.keys(input.pii).length > 0 ? { pii: input.pii } : {}),
          ...(input.comment !== null ? { queueReason: 'new' as const } : {}),
        };
        // Where the record is, by its id: moderation, flags, replies and fraud marks find it so.
        // Written first: a pointer to a slot that stays empty or void leads nowhere, harmlessly.
        await client.send(
          new PutCommand({ TableName: tableName, Item: { ...feedbackRefKey(record.feedbackId), type: 'feedback-ref', shard, recordedAt, feedbackId: record.feedbackId } }),
        );
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...recordKeyOf(record),
                // A comment enters the moderation queue in the same write that records it.
                ...(record.comment !== null ? { GSI1PK: MODERATION_QUEUE_PARTITION, GSI1SK: moderationQueueSortKey(recordedAt, record.feedbackId) } : {}),
                type: 'feedback',
                ...record,
              },
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
      // A ballot can point at a void slot (its request died before the record): it shows no comment.
      const records = await batchGetRecords(ballots);
      return ballots.map((ballot) => {
        const record = records.get(ballot.feedbackId);
        return { ...ballot, comment: record?.comment ?? null, commentStatus: record?.commentStatus ?? 'none', piiMasked: record?.pii ?? {} };
      });
    },

    async getRecord(ref: { shard: number; recordedAt: string; feedbackId: string }, consistent = false): Promise<FeedbackRecord | null> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: recordKeyOf(ref), ConsistentRead: consistent }));
      // A void slot is a rating that never arrived.
      return Item?.type === 'feedback' ? fromItem(FeedbackRecord, Item) : null;
    },

    /** Where a record is, by its feedback id; null for an id we never recorded. */
    async resolve(feedbackId: string): Promise<RecordRef | null> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: feedbackRefKey(feedbackId) }));
      return Item ? { shard: Number(Item.shard), recordedAt: String(Item.recordedAt), feedbackId } : null;
    },

    /** The record with this feedback id, or null. */
    async find(feedbackId: string, consistent = false): Promise<FeedbackRecord | null> {
      const ref = await this.resolve(feedbackId);
      return ref ? this.getRecord(ref, consistent) : null;
    },

    /**
     * Changes who can see a comment's text. Only the text: the rating is not an attribute this
     * touches. Publishing puts the record into the target's published-comments index. The change
     * is appended to the feedback log as a moderation event, so comment counts by status follow.
     * (If the process dies between the two writes, the counts lag until a rebuild reconciles them.)
     *
     * Publishing a comment that is published and under review keeps it: the mark goes, its flags
     * start again from zero and it leaves the queue (no moderation event: its status is unchanged).
     * Hiding one under review also takes it out of the queue.
     */
    async setCommentStatus(
      ref: { shard: number; recordedAt: string; feedbackId: string },
      // Nothing goes back to pending: citizens' flags send a published comment for review instead.
      status: Exclude<CommentStatus, 'none' | 'pending'>,
      at: Date,
      options: { expectFrom?: readonly CommentStatus[]; by?: string; why?: string } = {},
    ): Promise<{ record: FeedbackRecord; from: CommentStatus; changed: boolean }> {
      const record = await this.getRecord(ref, true);
      if (!record) throw new NotFoundError('feedback', ref.feedbackId);
      if (record.comment === null) throw new NotFoundError('comment', ref.feedbackId);
      if (record.commentStatus === status) {
        if (status === 'published' && record.underReviewSince !== undefined) return keep(record, record.underReviewSince, at, options.by);
        return { record, from: record.commentStatus, changed: false };
      }
      if (options.expectFrom && !options.expectFrom.includes(record.commentStatus)) {
        throw new CommentStateError(`the comment is ${record.commentStatus}; this applies to ${options.expectFrom.join(' or ')} comments`);
      }
      const publishedAt = record.publishedAt ?? at.toISOString();
      let before: FeedbackRecord;
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: recordKeyOf(ref),
            ConditionExpression: 'commentStatus = :from',
            ...(status === 'published'
              ? {
                  // Approved: flags start again from zero (a voter who flagged once cannot flag again).
                  UpdateExpression: 'SET commentStatus = :status, publishedAt = :publishedAt, GSI1PK = :gpk, GSI1SK = :gsk, flagCount = :zero REMOVE queueReason, underReviewSince',
                  ExpressionAttributeValues: {
                    ':from': record.commentStatus,
                    ':status': status,
                    ':publishedAt': publishedAt,
                    ':gpk': publishedCommentsPartition(record.targetType, record.targetId),
                    ':gsk': publishedCommentSortKey(publishedAt, record.feedbackId),
                    ':zero': 0,
                  },
                }
              : {
                  // Rejected or hidden: out of every list; a review, if any, is decided by this.
                  UpdateExpression: 'SET commentStatus = :status REMOVE GSI1PK, GSI1SK, queueReason, underReviewSince',
                  ExpressionAttributeValues: { ':from': record.commentStatus, ':status': status },
                }),
            // As it was when changed: a flag may have sent it for review since it was read.
            ReturnValues: 'ALL_OLD',
          }),
        );
        before = fromItem(FeedbackRecord, Attributes!);
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError('the comment was moderated concurrently; reload it');
        throw error;
      }
      if (before.underReviewSince !== undefined) await unqueueReview(record.feedbackId, before.underReviewSince);
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
        ...(options.by ? { by: options.by } : {}),
        ...(options.why ? { reason: options.why } : {}),
      };
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...feedbackKey(event.shard, event.at, event.eventId),
            // Rejections and hidings are listed again from these events (the record leaves GSI1).
            ...(status === 'rejected' || status === 'hidden' ? { GSI1PK: moderatedPartition(status), GSI1SK: `${event.at}#${event.feedbackId}` } : {}),
            type: 'moderation',
            ...event,
          },
        }),
      );
      return { record, from: record.commentStatus, changed: true };
    },

    /**
     * Comments for moderators: the queue (oldest first: pending comments, and published ones that
     * flags sent for review), or comments rejected or hidden (most recent first), or a target's
     * published comments. Filters: target, queue reason, and age (`before`/`after` bound the time
     * they entered their status, or were sent for review).
     */
    async moderationQueue(query: QueueQuery): Promise<{ items: StaffComment[]; nextCursor: string | null }> {
      const start = query.cursor ? decodeQueueCursor(query.cursor) : undefined;
      const partition =
        query.status === 'pending'
          ? MODERATION_QUEUE_PARTITION
          : query.status === 'published'
            ? publishedCommentsPartition(query.targetType!, query.targetId!)
            : moderatedPartition(query.status);
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':pk': partition, ':lo': query.after ?? '0', ':hi': query.before ?? '9999' };
      if (query.targetType && query.targetId && query.status !== 'published') {
        filters.push('targetType = :tt AND targetId = :tid');
        values[':tt'] = query.targetType;
        values[':tid'] = query.targetId;
      }
      if (query.reason && query.status === 'pending') {
        filters.push(query.reason === 'new' ? '(queueReason = :reason OR attribute_not_exists(queueReason))' : 'queueReason = :reason');
        values[':reason'] = query.reason;
      }
      const oldestFirst = query.status === 'pending';
      const found: Array<{ item: Record<string, unknown>; since: string }> = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined = start ? { GSI1PK: partition, GSI1SK: start.s, PK: start.p, SK: start.k } : undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi',
            ExpressionAttributeValues: values,
            ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
            ScanIndexForward: oldestFirst,
            Limit: query.limit - found.length,
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) found.push({ item, since: String(item.GSI1SK).split('#')[0]! });
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey && found.length < query.limit);
      const nextCursor = ExclusiveStartKey
        ? Buffer.from(JSON.stringify({ s: ExclusiveStartKey.GSI1SK, p: ExclusiveStartKey.PK, k: ExclusiveStartKey.SK })).toString('base64url')
        : null;

      if (query.status === 'published') {
        return { items: found.map(({ item, since }) => staffView(fromItem(FeedbackRecord, item), since)), nextCursor };
      }
      if (query.status === 'pending') {
        // Pending records are in the queue themselves; a comment under review by its pointer, shown
        // only while its record is still under that review (read consistently: a monitor's decision
        // of a moment ago counts).
        const reviews = found.filter(({ item }) => item.type === FLAG_REVIEW_ITEM).map(({ item }) => fromItem(FlagReview, item));
        const records = await batchGetRecords(reviews, true);
        const items: StaffComment[] = [];
        for (const { item, since } of found) {
          if (item.type !== FLAG_REVIEW_ITEM) {
            items.push(staffView(fromItem(FeedbackRecord, item), since));
            continue;
          }
          const review = fromItem(FlagReview, item);
          const record = records.get(review.feedbackId);
          if (record?.commentStatus === 'published' && record.underReviewSince === review.since) items.push(staffView(record, review.since));
        }
        return { items, nextCursor };
      }
      // Rejected or hidden: the events say which comments were; their records say which still are.
      const events = found.map(({ item, since }) => ({ event: fromItem(ModerationEvent, item), since }));
      const records = await batchGetRecords(events.map(({ event }) => ({ shard: event.shard, recordedAt: event.ratedAt, feedbackId: event.feedbackId })));
      const seen = new Set<string>();
      const items: StaffComment[] = [];
      for (const { event, since } of events) {
        const record = records.get(event.feedbackId);
        if (!record || record.commentStatus !== query.status || seen.has(event.feedbackId)) continue;
        seen.add(event.feedbackId);
        items.push(staffView(record, since));
      }
      return { items, nextCursor };
    },

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
    ): Promise<{ counted: boolean; flags: number; sentForReview: boolean; record: FeedbackRecord }> {
      const record = await this.find(feedbackId, true);
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
        if (isConditionFailure(error)) return { counted: false, flags: record.flagCount ?? 0, sentForReview: false, record };
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
        if (isConditionFailure(error)) return { counted: true, flags: record.flagCount ?? 0, sentForReview: false, record };
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
        const current = await this.getRecord(record, true);
        if (current?.commentStatus === 'published' && current.underReviewSince !== undefined) await queueForReview(current, current.underReviewSince);
        return { counted: true, flags, sentForReview: false, record };
      }
      await queueForReview(record, since);
      return { counted: true, flags, sentForReview: true, record };
    },

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
            ExpressionAttributeValues: { ':pk': feedbackPartition(shard), ':lo': since, ':hi': `${until}~`, ':feedback': 'feedback', ':two': 2, ':string': 'S' },
          });
          return items.map((item) => fromItem(FeedbackRecord, item));
        }),
      );
      return perShard.flat().sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    },

    /** Attaches an official reply to a comment; shown publicly with the comment once it is published. */
    async addReply(ref: RecordRef, reply: OfficialReply): Promise<FeedbackRecord> {
      const parsed = OfficialReply.parse(reply);
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: recordKeyOf(ref),
            UpdateExpression: 'SET replies = list_append(if_not_exists(replies, :none), :reply)',
            ConditionExpression: '#type = :feedback AND attribute_type(#comment, :string)',
            ExpressionAttributeNames: { '#type': 'type', '#comment': 'comment' },
            ExpressionAttributeValues: { ':none': [], ':reply': [parsed], ':feedback': 'feedback', ':string': 'S' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem(FeedbackRecord, Attributes!);
      } catch (error) {
        if (isConditionFailure(error)) throw new NotFoundError('comment', ref.feedbackId);
        throw error;
      }
    },

    /**
     * An administrator's documented finding that a rating is fraudulent. The record is kept as it
     * was (marked, not changed); if the rating still counts, a fraud event in the log takes it out
     * of the counts, and the voter's ballot notes it so a later rating does not take it out twice.
     * Marking a record twice changes nothing the second time.
     */
    async markFraud(ref: RecordRef, mark: { by: string; reason: string }, at: Date): Promise<{ event: FraudEvent | null; record: FeedbackRecord }> {
      const record = await this.getRecord(ref, true);
      if (!record) throw new NotFoundError('rating', ref.feedbackId);
      if (record.fraud) return { event: null, record };
      const key = ballotKey(record.voterId, record.targetType, record.targetId, record.year);
      for (let attempt = 0; attempt < 5; attempt++) {
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
        const ballot = Item ? fromItem(Ballot, Item) : null;
        const counted = ballot ? await countedRating(ballot) : null;
        const isCounted = counted?.feedbackId === record.feedbackId;
        const event: FraudEvent = {
          eventId: randomUUID(),
          feedbackId: record.feedbackId,
          targetType: record.targetType,
          targetId: record.targetId,
          year: record.year,
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
                Item: { ...key, type: 'ballot', ...ballot, revision: ballot.revision + 1, fraud: { feedbackId: record.feedbackId, sk: slot.SK } },
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
          await client.send(new PutCommand({ TableName: tableName, Item: { ...slot, type: 'fraud', ...event }, ConditionExpression: 'attribute_not_exists(PK)' }));
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
          replies: (record.replies ?? []).map(({ department, text, publishedAt }) => ({ department, text, publishedAt })),
          underReview: underReview(record),
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

function decodeQueueCursor(cursor: string): z.infer<typeof QueueCursor> {
  try {
    const decoded = QueueCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    // A position in the feedback log (a record or a moderation event), or a comment's review pointer.
    const review = /^FLAGS#[^#]+$/.test(decoded.p) && decoded.k === FLAG_REVIEW_SORT_KEY;
    if (!review && (!/^FEEDBACK#\d{2}$/.test(decoded.p) || !decoded.k.includes('#'))) throw new Error('not a feedback position');
    return decoded;
  } catch (error) {
    throw new InvalidCursorError('cursor is not one this API issued', { cause: error });
  }
}

/** A moderation step that does not apply to the comment's current status. */
export class CommentStateError extends ConflictError {}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
