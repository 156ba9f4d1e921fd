import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../errors.js';
import { FeedbackRecord, ModerationEvent } from '../feedback/record.js';
import type { Page, RecordRef } from '../feedback/store.js';
import type { CommentStatus } from '../feedback/rating.js';
import {
  CommentStateError,
  type ModerationStore,
  type QueueQuery,
  type StaffComment,
  type StatusChange,
} from '../moderation/store.js';
import {
  feedbackKey,
  MODERATION_QUEUE_PARTITION,
  moderatedPartition,
  planCommentsPartition,
  publishedCommentSortKey,
  publishedCommentsPartition,
  unrepliedCommentSortKey,
} from './keys.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';
import {
  decodeCursor,
  encodeCursor,
  startAfter,
  type GsiPosition,
  feedbackRecords,
  isLogPosition,
  updateRecord,
  eventAbout,
  underReview,
} from './feedback-records.js';
import { FLAG_REVIEW_ITEM, FlagReview, isReviewPosition, reviewPointers } from './review-pointers.js';

/** A position in the queue: in the feedback log (a record or a moderation event), or a comment's review pointer. */
const isQueuePosition = (position: GsiPosition) => isLogPosition(position) || isReviewPosition(position);

/** A record as a monitor sees it, in the queue since `since`. */
const staffView = (record: FeedbackRecord, since: string): StaffComment => ({
  feedbackId: record.feedbackId,
  planId: record.planId,
  targetType: record.targetType,
  targetId: record.targetId,
  rating: record.rating,
  comment: record.comment ?? '',
  commentStatus: record.commentStatus,
  recordedAt: record.recordedAt,
  since,
  queueReason:
    record.commentStatus === 'pending' ? (record.queueReason ?? 'new') : underReview(record) ? 'flagged' : null,
  flagCount: record.flagCount ?? 0,
  underReview: underReview(record),
  piiMasked: record.pii ?? {},
  replies: record.replies ?? [],
  fraud: record.fraud !== undefined,
});

/**
 * Moderation over DynamoDB: comments' statuses (with the moderation events they append to the
 * feedback log), and the moderation queue in GSI1 (pending records, review pointers, and the
 * events of rejections and hidings).
 */
/** A comment whose status (or review) is no longer what the moderator read. */
const movedMeanwhile = () => new ConflictError('the comment was moderated concurrently; reload it');

export function moderationRepository(store: Store): ModerationStore {
  const { client, tableName } = store;
  const records = feedbackRecords(store);
  const reviews = reviewPointers(store);

  /**
   * A monitor keeps a published comment that flags sent for review: the mark goes and its flags
   * start again from zero (a voter who flagged it once still cannot flag it again), if it is still
   * the review of `since`; then it leaves the queue.
   */
  async function keep(record: FeedbackRecord, since: string, at: Date, by: string | undefined): Promise<StatusChange> {
    const kept = await updateRecord(
      store,
      record,
      {
        UpdateExpression: 'SET flagCount = :zero, kept = :kept REMOVE underReviewSince',
        ConditionExpression: 'commentStatus = :published AND underReviewSince = :since',
        ExpressionAttributeValues: {
          ':zero': 0,
          ':kept': { at: at.toISOString(), by: by ?? 'system' },
          ':published': 'published',
          ':since': since,
        },
        ReturnValues: 'ALL_NEW',
      },
      movedMeanwhile,
    );
    await reviews.unqueue(record.feedbackId, since);
    return { record: kept, from: 'published', changed: true };
  }

  return {
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
      ref: RecordRef,
      // Nothing goes back to pending: citizens' flags send a published comment for review instead.
      status: Exclude<CommentStatus, 'none' | 'pending'>,
      at: Date,
      options: { expectFrom?: readonly CommentStatus[]; by?: string; why?: string } = {},
    ): Promise<StatusChange> {
      const record = await records.getRecord(ref, true);
      if (!record) throw new NotFoundError('feedback', ref.feedbackId);
      if (record.comment === null) throw new NotFoundError('comment', ref.feedbackId);
      if (record.commentStatus === status) {
        if (status === 'published' && record.underReviewSince !== undefined)
          return keep(record, record.underReviewSince, at, options.by);
        return { record, from: record.commentStatus, changed: false };
      }
      if (options.expectFrom && !options.expectFrom.includes(record.commentStatus)) {
        throw new CommentStateError(
          `the comment is ${record.commentStatus}; this applies to ${options.expectFrom.join(' or ')} comments`,
        );
      }
      const publishedAt = record.publishedAt ?? at.toISOString();
      const before = await updateRecord(
        store,
        ref,
        {
          ConditionExpression: 'commentStatus = :from',
          ...(status === 'published'
            ? {
                // Approved: flags start again from zero (a voter who flagged once cannot flag again).
                // Into its plan's index too; a reply given before keeps the sort key it set (by its time).
                UpdateExpression:
                  'SET commentStatus = :status, publishedAt = :publishedAt, GSI1PK = :gpk, GSI1SK = :gsk, GSI2PK = :ppk, GSI2SK = if_not_exists(GSI2SK, :psk), flagCount = :zero REMOVE queueReason, underReviewSince',
                ExpressionAttributeValues: {
                  ':from': record.commentStatus,
                  ':status': status,
                  ':publishedAt': publishedAt,
                  ':gpk': publishedCommentsPartition(record),
                  ':gsk': publishedCommentSortKey(publishedAt, record.feedbackId),
                  ':ppk': planCommentsPartition(record.planId, record.shard),
                  ':psk': unrepliedCommentSortKey(publishedAt, record.feedbackId),
                  ':zero': 0,
                },
              }
            : {
                // Rejected or hidden: out of every list; a review, if any, is decided by this.
                UpdateExpression:
                  'SET commentStatus = :status REMOVE GSI1PK, GSI1SK, GSI2PK, queueReason, underReviewSince',
                ExpressionAttributeValues: { ':from': record.commentStatus, ':status': status },
              }),
          // As it was when changed: a flag may have sent it for review since it was read.
          ReturnValues: 'ALL_OLD',
        },
        movedMeanwhile,
      );
      if (before.underReviewSince !== undefined) await reviews.unqueue(record.feedbackId, before.underReviewSince);
      const event: ModerationEvent = {
        eventId: randomUUID(),
        ...eventAbout(record),
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
            ...(status === 'rejected' || status === 'hidden'
              ? { GSI1PK: moderatedPartition(status), GSI1SK: `${event.at}#${event.feedbackId}` }
              : {}),
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
    async moderationQueue(query: QueueQuery): Promise<Page<StaffComment>> {
      const start = query.cursor ? decodeCursor(query.cursor, isQueuePosition) : undefined;
      const partition =
        query.status === 'pending'
          ? MODERATION_QUEUE_PARTITION
          : query.status === 'published'
            ? publishedCommentsPartition({
                planId: query.planId!,
                targetType: query.targetType!,
                targetId: query.targetId!,
              })
            : moderatedPartition(query.status);
      const filters: string[] = [];
      const values: Record<string, unknown> = {
        ':pk': partition,
        ':lo': query.after ?? '0',
        ':hi': query.before ?? '9999',
      };
      if (query.targetType && query.targetId && query.status !== 'published') {
        filters.push('targetType = :tt AND targetId = :tid');
        values[':tt'] = query.targetType;
        values[':tid'] = query.targetId;
      }
      if (query.planId && query.status !== 'published') {
        filters.push('planId = :plan');
        values[':plan'] = query.planId;
      }
      if (query.reason && query.status === 'pending') {
        filters.push(
          query.reason === 'new'
            ? '(queueReason = :reason OR attribute_not_exists(queueReason))'
            : 'queueReason = :reason',
        );
        values[':reason'] = query.reason;
      }
      const oldestFirst = query.status === 'pending';
      const found: Array<{ item: Record<string, unknown>; since: string }> = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined = start && startAfter(partition, start);
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
      const nextCursor = encodeCursor(ExclusiveStartKey);

      if (query.status === 'published') {
        return { items: found.map(({ item, since }) => staffView(fromItem(FeedbackRecord, item), since)), nextCursor };
      }
      if (query.status === 'pending') {
        // Pending records are in the queue themselves; a comment under review by its pointer, shown
        // only while its record is still under that review (read consistently: a monitor's decision
        // of a moment ago counts).
        const pointers = found
          .filter(({ item }) => item.type === FLAG_REVIEW_ITEM)
          .map(({ item }) => fromItem(FlagReview, item));
        const reviewed = await records.batchGetRecords(pointers, true);
        const items: StaffComment[] = [];
        for (const { item, since } of found) {
          if (item.type !== FLAG_REVIEW_ITEM) {
            items.push(staffView(fromItem(FeedbackRecord, item), since));
            continue;
          }
          const review = fromItem(FlagReview, item);
          const record = reviewed.get(review.feedbackId);
          if (record?.commentStatus === 'published' && record.underReviewSince === review.since)
            items.push(staffView(record, review.since));
        }
        return { items, nextCursor };
      }
      // Rejected or hidden: the events say which comments were; their records say which still are.
      const events = found.map(({ item, since }) => ({ event: fromItem(ModerationEvent, item), since }));
      const moderated = await records.batchGetRecords(
        events.map(({ event }) => ({ shard: event.shard, recordedAt: event.ratedAt, feedbackId: event.feedbackId })),
      );
      const seen = new Set<string>();
      const items: StaffComment[] = [];
      for (const { event, since } of events) {
        const record = moderated.get(event.feedbackId);
        if (!record || record.commentStatus !== query.status || seen.has(event.feedbackId)) continue;
        seen.add(event.feedbackId);
        items.push(staffView(record, since));
      }
      return { items, nextCursor };
    },
  };
}
