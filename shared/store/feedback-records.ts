import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { InvalidCursorError } from '../errors.js';
import { Ballot, FeedbackRecord, VOID_ITEM, type ReplacedRating } from '../feedback/record.js';
import type { RecordRef } from '../feedback/store.js';
import { recordRefOf } from '../feedback/feedback-id.js';
import { feedbackKey, feedbackPartition, feedbackRefKey } from './keys.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';

// What the feedback log's DynamoDB modules share (feedback-repository.ts: the ballot log;
// moderation-repository.ts and flag-repository.ts: the queue, statuses and flags;
// reply-fraud-repository.ts: replies and fraud marks): reading records, settling the log slots
// ballots point at, and cursors into GSI1.

export const recordKeyOf = (ref: RecordRef) => feedbackKey(ref.shard, ref.recordedAt, ref.feedbackId);

/**
 * Writes to a feedback record if the update's condition holds, answering the record as its
 * `ReturnValues` asks (as written, or as it was); a failed condition throws what `refused` gives.
 */
export async function updateRecord(
  { client, tableName }: Store,
  ref: RecordRef,
  update: Omit<UpdateCommandInput, 'TableName' | 'Key'> & {
    ConditionExpression: string;
    ReturnValues: 'ALL_NEW' | 'ALL_OLD';
  },
  refused: () => Error,
): Promise<FeedbackRecord> {
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({ TableName: tableName, Key: recordKeyOf(ref), ...update }),
    );
    return fromItem(FeedbackRecord, Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) throw refused();
    throw error;
  }
}

/** Which rating an event of the feedback log is about, as every event names it: the record's id, plan, target and year. */
export const eventAbout = ({ feedbackId, planId, targetType, targetId, year }: FeedbackRecord) => ({
  feedbackId,
  planId,
  targetType,
  targetId,
  year,
});

/** Whether citizens' flags sent this published comment for review, and no monitor has decided yet. */
export const underReview = (record: FeedbackRecord) =>
  record.commentStatus === 'published' && record.underReviewSince !== undefined;

/** How long, in steps, a new rating waits for the record of the ballot it found before declaring its slot void. */
const IN_FLIGHT_PAUSES_MS = [20, 40, 80, 160];

export function feedbackRecords(store: Store) {
  const { client, tableName } = store;

  async function getRecord(ref: RecordRef, consistent = false): Promise<FeedbackRecord | null> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: recordKeyOf(ref), ConsistentRead: consistent }),
    );
    // A void slot is a rating that never arrived.
    return Item?.type === 'feedback' ? fromItem(FeedbackRecord, Item) : null;
  }

  /** Read off a self-locating id; an id recorded before those is found through the pointer item it wrote then. */
  async function resolve(feedbackId: string): Promise<RecordRef | null> {
    const located = recordRefOf(feedbackId);
    if (located) return located;
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: feedbackRefKey(feedbackId) }));
    return Item ? { shard: Number(Item.shard), recordedAt: String(Item.recordedAt), feedbackId } : null;
  }

  async function find(feedbackId: string, consistent = false): Promise<FeedbackRecord | null> {
    const ref = await resolve(feedbackId);
    return ref ? getRecord(ref, consistent) : null;
  }

  /** The records at `refs` that exist, by feedback id (void slots are left out). */
  async function batchGetRecords(refs: RecordRef[], consistent = false): Promise<Map<string, FeedbackRecord>> {
    const records = new Map<string, FeedbackRecord>();
    const unique = [...new Map(refs.map((r) => [r.feedbackId, r])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] = unique.slice(i, i + 100).map(recordKeyOf);
      while (keys.length > 0) {
        const { Responses, UnprocessedKeys } = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: consistent } } }),
        );
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
   * The type of the item in a log slot that something points at (a ballot at its record, at its
   * fraud event), settling an empty one for good: it is re-read after each of `pauses`, then claimed
   * as void so nothing can land in it late. If another claim or the awaited item wins that race, its
   * type is read back: the answer is always what the slot holds from now on.
   */
  async function settledSlot(
    key: { PK: string; SK: string },
    voidFeedbackId: string,
    pauses: readonly number[],
  ): Promise<string> {
    const read = async () =>
      (
        await client.send(
          new GetCommand({
            TableName: tableName,
            Key: key,
            ConsistentRead: true,
            ProjectionExpression: '#type',
            ExpressionAttributeNames: { '#type': 'type' },
          }),
        )
      ).Item;
    let item = await read();
    for (const pause of pauses) {
      if (item) break;
      await sleep(pause);
      item = await read();
    }
    if (item) return String(item.type);
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, type: VOID_ITEM, feedbackId: voidFeedbackId },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
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
    return type === 'feedback'
      ? { feedbackId: ballot.feedbackId, rating: ballot.rating, recordedAt: ballot.recordedAt }
      : ballot.replaces;
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
    if (
      counted &&
      ballot.fraud?.feedbackId === counted.feedbackId &&
      (await fraudLanded(ballot.shard, ballot.fraud.sk))
    )
      return null;
    return counted;
  }

  /** A voter's ballot for a target and year, read consistently: the current revision to write over. */
  async function readBallot(key: { PK: string; SK: string }): Promise<Ballot | null> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item ? fromItem(Ballot, Item) : null;
  }

  return { getRecord, resolve, find, batchGetRecords, countedRating, readBallot };
}

// Every part non-empty: an empty key attribute is refused by the store itself, as a fault rather than a bad cursor.
const part = z.string().check(z.minLength(1), z.maxLength(200));
/** A position in GSI1 (its sort key `s`, the item's own key `p`/`k`) where a page ended. */
const GsiCursor = z.strictObject({ s: part, p: part, k: part });
export type GsiPosition = z.infer<typeof GsiCursor>;

/** A position in GSI1 where a page ended, as the opaque cursor clients send back. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify({ s: key.GSI1SK, p: key.PK, k: key.SK })).toString('base64url') : null;

/** A record's or an event's place in the feedback log (`FEEDBACK#nn`, `time#id`). */
export const isLogPosition = (position: GsiPosition) => /^FEEDBACK#\d{2}$/.test(position.p) && position.k.includes('#');

/** A cursor back into its position, if it is one `accepts`; anything else was not issued by this API. */
export function decodeCursor(cursor: string, accepts: (position: GsiPosition) => boolean): GsiPosition {
  try {
    const decoded = GsiCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!accepts(decoded)) throw new Error('not a position this cursor may hold');
    return decoded;
  } catch (error) {
    throw new InvalidCursorError('cursor is not one this API issued', { cause: error });
  }
}

/** GSI1's start key for a page that follows `position` in `partition`. */
export const startAfter = (partition: string, position: GsiPosition) => ({
  GSI1PK: partition,
  GSI1SK: position.s,
  PK: position.p,
  SK: position.k,
});
