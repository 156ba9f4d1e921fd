import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { FeedbackRecord, ModerationEvent } from '../feedback/record.js';
import type { LogEntry } from '../ratings/deltas.js';
import { COMMENT_STATUSES, emptyTally, type Tally } from '../ratings/statistics.js';
import {
  aggregationStateKey,
  FEEDBACK_SHARDS,
  feedbackPartition,
  ratingCountsKey,
  ratingCountsPartition,
  ratingSeriesKey,
  ratingSummaryKey,
} from './keys.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';

const Positions = z.record(z.string(), z.string());

/**
 * The batch in flight. `from`/`to` are per-shard sort-key bounds (exclusive, inclusive), so a
 * resumed batch reads exactly the same log entries; a rebuild reads from the start.
 */
const Batch = z.strictObject({
  version: z.number().int().min(1),
  mode: z.enum(['incremental', 'rebuild']),
  from: Positions,
  to: Positions,
});
export type Batch = z.infer<typeof Batch>;

export const AggregationState = z.strictObject({
  version: z.number().int().min(0),
  watermarks: Positions,
  phase: z.enum(['idle', 'applying', 'publishing']),
  batch: Batch.nullable(),
  /** What committed batches changed since the last publish. */
  dirtyPeriods: z.array(z.string()),
  dirtyScopes: z.array(z.string()),
  /** Every period that has counts, so a rebuild knows what to compare and publishing what exists. */
  periods: z.array(z.string()),
});
export type AggregationState = z.infer<typeof AggregationState>;

const INITIAL_STATE: AggregationState = {
  version: 0, watermarks: {}, phase: 'idle', batch: null, dirtyPeriods: [], dirtyScopes: [], periods: [],
};

const HISTOGRAM_ATTRIBUTES = ['h1', 'h2', 'h3', 'h4', 'h5'] as const;
const COMMENT_ATTRIBUTES = { pending: 'cPending', published: 'cPublished', rejected: 'cRejected', hidden: 'cHidden' } as const;

/** Read and write units and items, as DynamoDB reports them, for the run report and benchmarks. */
export interface Meter {
  itemsRead: number;
  readUnits: number;
  writeUnits: number;
}

export const shardIds = () => Array.from({ length: FEEDBACK_SHARDS }, (_, shard) => String(shard).padStart(2, '0'));

export function aggregationRepository({ client, tableName }: Store) {
  const meter: Meter = { itemsRead: 0, readUnits: 0, writeUnits: 0 };
  const measure = <T extends { ConsumedCapacity?: { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number } | undefined }>(
    output: T,
    kind: 'read' | 'write',
  ) => {
    const units = output.ConsumedCapacity?.CapacityUnits ?? 0;
    if (kind === 'read') meter.readUnits += units;
    else meter.writeUnits += units;
    return output;
  };

  const tallyOf = (item: Record<string, unknown>): Tally => {
    const tally = emptyTally();
    HISTOGRAM_ATTRIBUTES.forEach((name, level) => (tally.histogram[level] = Number(item[name] ?? 0)));
    for (const status of COMMENT_STATUSES) tally.comments[status] = Number(item[COMMENT_ATTRIBUTES[status]] ?? 0);
    return tally;
  };

  return {
    meter,

    async getState(): Promise<AggregationState> {
      const output = measure(
        await client.send(new GetCommand({ TableName: tableName, Key: aggregationStateKey, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' })),
        'read',
      );
      return output.Item ? fromItem(AggregationState, output.Item) : INITIAL_STATE;
    },

    /**
     * Moves the state from `expected` to `next` only if nobody else moved it first: the one
     * conditional write that serialises runs. Returns false when another run won.
     */
    async transition(expected: AggregationState, next: AggregationState): Promise<boolean> {
      try {
        measure(
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...aggregationStateKey, type: 'aggregation-state', ...next },
              ...(expected === INITIAL_STATE
                ? { ConditionExpression: 'attribute_not_exists(PK)' }
                : {
                    ConditionExpression: 'version = :version AND phase = :phase',
                    ExpressionAttributeValues: { ':version': expected.version, ':phase': expected.phase },
                  }),
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
          'write',
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    /**
     * Reads the log of one shard after `after` (exclusive) up to `upTo` (inclusive), at most
     * `limit` entries. Void slots are skipped: they never count.
     */
    async readShard(shard: string, after: string | undefined, upTo: string | undefined, limit = Infinity): Promise<{ entries: LogEntry[]; last: string | undefined }> {
      const entries: LogEntry[] = [];
      let last = after;
      if (upTo === undefined || (after !== undefined && upTo <= after)) return { entries, last };
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = measure(
          await client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
              // BETWEEN is inclusive; the entry at `after` was in the previous batch and is skipped below.
              ExpressionAttributeValues: { ':pk': feedbackPartition(Number(shard)), ':lo': after ?? '0', ':hi': upTo },
              ExclusiveStartKey,
              ...(Number.isFinite(limit) ? { Limit: Math.min(1000, limit - entries.length) } : {}),
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
          'read',
        );
        for (const item of page.Items ?? []) {
          meter.itemsRead += 1;
          if (item.SK === after) continue;
          last = String(item.SK);
          if (item.type === 'feedback') entries.push({ kind: 'rating', record: fromItem(FeedbackRecord, item) });
          else if (item.type === 'moderation') entries.push({ kind: 'moderation', event: fromItem(ModerationEvent, item) });
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey && entries.length < limit);
      return { entries, last };
    },

    /**
     * Adds a delta to one counts item, once: the item remembers the last batch version applied,
     * so a resumed or overlapping run that applies the same batch again changes nothing.
     */
    async applyDelta(period: string, scope: string, delta: Tally, version: number): Promise<boolean> {
      const values: Record<string, number> = { ':version': version };
      const adds: string[] = [];
      HISTOGRAM_ATTRIBUTES.forEach((name, level) => {
        values[`:${name}`] = delta.histogram[level]!;
        adds.push(`${name} :${name}`);
      });
      for (const status of COMMENT_STATUSES) {
        const name = COMMENT_ATTRIBUTES[status];
        values[`:${name}`] = delta.comments[status];
        adds.push(`${name} :${name}`);
      }
      try {
        measure(
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: ratingCountsKey(period, scope),
              UpdateExpression: `ADD ${adds.join(', ')} SET appliedVersion = :version, #type = :type`,
              ConditionExpression: 'attribute_not_exists(appliedVersion) OR appliedVersion < :version',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ...values, ':type': 'rating-counts' },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
          'write',
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    /** Overwrites one counts item with recomputed values (the rebuild). */
    async putCounts(period: string, scope: string, tally: Tally, version: number): Promise<void> {
      const item: Record<string, unknown> = { ...ratingCountsKey(period, scope), type: 'rating-counts', appliedVersion: version };
      HISTOGRAM_ATTRIBUTES.forEach((name, level) => (item[name] = tally.histogram[level]));
      for (const status of COMMENT_STATUSES) item[COMMENT_ATTRIBUTES[status]] = tally.comments[status];
      measure(await client.send(new PutCommand({ TableName: tableName, Item: item, ReturnConsumedCapacity: 'TOTAL' })), 'write');
    },

    /** Every scope's counts in one period. */
    async readCounts(period: string): Promise<Map<string, Tally>> {
      const counts = new Map<string, Tally>();
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = measure(
          await client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'PK = :pk',
              ExpressionAttributeValues: { ':pk': ratingCountsPartition(period) },
              ExclusiveStartKey,
              ConsistentRead: true,
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
          'read',
        );
        for (const item of page.Items ?? []) counts.set(String(item.SK), tallyOf(item));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return counts;
    },

    async putDocument(key: { PK: string; SK: string }, type: string, version: number, document: unknown): Promise<void> {
      measure(
        await client.send(
          new PutCommand({ TableName: tableName, Item: { ...key, type, version, data: JSON.stringify(document) }, ReturnConsumedCapacity: 'TOTAL' }),
        ),
        'write',
      );
    },

    async getDocument(key: { PK: string; SK: string }): Promise<{ version: number; data: unknown } | null> {
      const output = measure(await client.send(new GetCommand({ TableName: tableName, Key: key, ReturnConsumedCapacity: 'TOTAL' })), 'read');
      if (!output.Item) return null;
      return { version: Number(output.Item.version), data: JSON.parse(String(output.Item.data)) };
    },

    summaryKey: ratingSummaryKey,
    seriesKey: ratingSeriesKey,
    INITIAL_STATE,
  };
}

export type AggregationRepository = ReturnType<typeof aggregationRepository>;
