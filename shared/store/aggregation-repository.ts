import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type PutCommandInput,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { FeedbackRecord, FraudEvent, ModerationEvent } from '../feedback/record.js';
import type { LogEntry } from '../ratings/deltas.js';
import { COMMENT_STATUSES, emptyTally, type Tally } from '../ratings/statistics.js';
import {
  aggregationStateKey,
  FEEDBACK_SHARDS,
  feedbackPartition,
  RATING_COUNTS_PREFIX,
  ratingCountsKey,
  ratingCountsPartition,
  ratingSeriesKey,
  ratingSummaryKey,
} from './keys.js';
import { splitLegacyRatingCounts } from './split-rating-counts.js';
import { countsItem, countsOfItem, noCounts, stored, type PeriodCounts, type Published } from './rating-counts.js';
import type { SeriesPoint } from '../ratings/documents.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';
import { landed } from './faults.js';
import { bumpPublishedRatingsVersion } from './data-versions.js';

const Positions = z.record(z.string(), z.string());

/**
 * The batch in flight. `from`/`to` are per-shard sort-key bounds (exclusive, inclusive), so a
 * resumed batch reads exactly the same log entries; a rebuild reads from the start.
 */
const Batch = z.strictObject({
  version: z.number().check(z.int(), z.gte(1)),
  mode: z.enum(['incremental', 'rebuild']),
  from: Positions,
  to: Positions,
});
export type Batch = z.infer<typeof Batch>;

export const AggregationState = z.strictObject({
  version: z.number().check(z.int(), z.gte(0)),
  watermarks: Positions,
  phase: z.enum(['idle', 'applying', 'publishing']),
  batch: z.nullable(Batch),
  /** What committed batches changed since the last publish. */
  dirtyPeriods: z.array(z.string()),
  dirtyScopes: z.array(z.string()),
  /** Every period that has counts, so a rebuild knows what to compare and publishing what exists. */
  periods: z.array(z.string()),
  /**
   * Counts are kept per plan (absent: in one item per period, as an older release kept them, which
   * the next run splits before it counts anything; split-rating-counts.ts).
   */
  countsByPlan: z.optional(z.literal(true)),
});
export type AggregationState = z.infer<typeof AggregationState>;

const INITIAL_STATE: AggregationState = {
  version: 0,
  watermarks: {},
  phase: 'idle',
  batch: null,
  dirtyPeriods: [],
  dirtyScopes: [],
  periods: [],
  countsByPlan: true,
};

const addTallies = (a: Tally, b: Tally): Tally => {
  const sum = emptyTally();
  for (let level = 0; level < 5; level++) sum.histogram[level] = a.histogram[level]! + b.histogram[level]!;
  for (const status of COMMENT_STATUSES) sum.comments[status] = a.comments[status] + b.comments[status];
  return sum;
};

export { noCounts, type PeriodCounts, type Published };

/** Read and write units and items, as DynamoDB reports them, for the run report and benchmarks. */
export interface Meter {
  itemsRead: number;
  readUnits: number;
  writeUnits: number;
}

export const shardIds = () => Array.from({ length: FEEDBACK_SHARDS }, (_, shard) => String(shard).padStart(2, '0'));

export function aggregationRepository(store: Store) {
  const { client, tableName } = store;
  const meter: Meter = { itemsRead: 0, readUnits: 0, writeUnits: 0 };
  const measure = <
    T extends {
      ConsumedCapacity?:
        { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number } | undefined;
    },
  >(
    output: T,
    kind: 'read' | 'write',
  ) => {
    const units = output.ConsumedCapacity?.CapacityUnits ?? 0;
    if (kind === 'read') meter.readUnits += units;
    else meter.writeUnits += units;
    return output;
  };

  /** A plan's counts item of a period. */
  async function readPeriod(period: string, planId: string): Promise<PeriodCounts> {
    const output = measure(
      await client.send(
        new GetCommand({
          TableName: tableName,
          Key: ratingCountsKey(period, planId),
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
      'read',
    );
    return output.Item ? countsOfItem(output.Item) : noCounts();
  }

  /** A metered query, a page at a time, for as long as the caller reads on; `input` is asked again for each page. */
  async function* queryPages(input: () => Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = measure(
        await client.send(
          new QueryCommand({ ...input(), TableName: tableName, ExclusiveStartKey, ReturnConsumedCapacity: 'TOTAL' }),
        ),
        'read',
      );
      yield page;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  /** Every plan's counts item of a period, by plan: one query of the period's partition. */
  async function readPeriodPlans(period: string): Promise<Map<string, PeriodCounts>> {
    const plans = new Map<string, PeriodCounts>();
    const pages = queryPages(() => ({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': ratingCountsPartition(period), ':prefix': RATING_COUNTS_PREFIX },
      ConsistentRead: true,
    }));
    for await (const page of pages)
      for (const item of page.Items ?? []) plans.set(String(item.planId), countsOfItem(item));
    return plans;
  }

  /** Writes a plan's counts of a period if its version is still `expected` (null: unconditionally). */
  function writePeriod(period: string, planId: string, item: PeriodCounts, expected: number | null): Promise<boolean> {
    return putIf({
      Item: countsItem(ratingCountsKey(period, planId), period, planId, item),
      ...(expected === null
        ? {}
        : expected === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: 'appliedVersion = :expected',
              ExpressionAttributeValues: { ':expected': expected },
            }),
    });
  }

  /** A metered put that returns false, instead of throwing, when its condition does not hold. */
  function putIf(input: Omit<PutCommandInput, 'TableName' | 'ReturnConsumedCapacity'>): Promise<boolean> {
    const put = client.send(new PutCommand({ ...input, TableName: tableName, ReturnConsumedCapacity: 'TOTAL' }));
    return landed(put.then((output) => measure(output, 'write')));
  }

  return {
    meter,

    async getState(): Promise<AggregationState> {
      const output = measure(
        await client.send(
          new GetCommand({
            TableName: tableName,
            Key: aggregationStateKey,
            ConsistentRead: true,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
        'read',
      );
      return output.Item ? fromItem(AggregationState, output.Item) : INITIAL_STATE;
    },

    /**
     * Moves the state from `expected` to `next` only if nobody else moved it first: the one
     * conditional write that serialises runs. Returns false when another run won.
     */
    transition(expected: AggregationState, next: AggregationState): Promise<boolean> {
      return putIf({
        Item: { ...aggregationStateKey, type: 'aggregation-state', ...next },
        ...(expected === INITIAL_STATE
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: 'version = :version AND phase = :phase',
              ExpressionAttributeValues: { ':version': expected.version, ':phase': expected.phase },
            }),
      });
    },

    /**
     * Reads the log of one shard after `after` (exclusive) up to `upTo` (inclusive), at most
     * `limit` entries. Void slots are skipped: they never count. `complete` says the read reached
     * `upTo`, so nothing more is there to read below it.
     */
    async readShard(
      shard: string,
      after: string | undefined,
      upTo: string | undefined,
      limit = Infinity,
    ): Promise<{ entries: LogEntry[]; last: string | undefined; complete: boolean }> {
      const entries: LogEntry[] = [];
      let last = after;
      if (upTo === undefined || (after !== undefined && upTo <= after)) return { entries, last, complete: true };
      let complete = true;
      const pages = queryPages(() => ({
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
        // BETWEEN is inclusive; the entry at `after` was in the previous batch and is skipped below.
        ExpressionAttributeValues: { ':pk': feedbackPartition(Number(shard)), ':lo': after ?? '0', ':hi': upTo },
        ...(Number.isFinite(limit) ? { Limit: Math.min(1000, limit - entries.length) } : {}),
      }));
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          meter.itemsRead += 1;
          if (item.SK === after) continue;
          last = String(item.SK);
          if (item.type === 'feedback') entries.push({ kind: 'rating', record: fromItem(FeedbackRecord, item) });
          else if (item.type === 'moderation')
            entries.push({ kind: 'moderation', event: fromItem(ModerationEvent, item) });
          else if (item.type === 'fraud') entries.push({ kind: 'fraud', event: fromItem(FraudEvent, item) });
        }
        complete = page.LastEvaluatedKey === undefined;
        if (entries.length >= limit) break;
      }
      return { entries, last, complete };
    },

    /** Every scope's counts in one period, of every plan. */
    async readCounts(period: string): Promise<Map<string, Tally>> {
      const plans = await readPeriodPlans(period);
      return new Map([...plans.values()].flatMap((item) => [...item.counts]));
    },

    /** A plan's counts item of a period: its counts, the last batch applied, what was published from it. */
    readPeriod,
    readPeriodPlans,

    /**
     * Adds a batch's deltas to a plan's counts of one period, once: the item remembers the last
     * batch version applied, and is replaced only if nobody wrote it since it was read, so a resumed
     * or overlapping run that applies the same batch again changes nothing. Each plan's item keeps
     * its own version, so a batch that touches many plans is applied to each exactly once, whatever
     * the others' fate. `read` is the item as the caller already read it, if it did (a stale one only
     * costs a second read). Answers the item as written, or null when the batch was already applied.
     */
    async applyDeltas(
      period: string,
      planId: string,
      deltas: Map<string, Tally>,
      version: number,
      read?: PeriodCounts,
    ): Promise<PeriodCounts | null> {
      for (let before = read ?? (await readPeriod(period, planId)); ; before = await readPeriod(period, planId)) {
        if (before.appliedVersion >= version) return null;
        const counts = new Map(before.counts);
        for (const [scope, delta] of deltas) counts.set(scope, addTallies(counts.get(scope) ?? emptyTally(), delta));
        const written = { counts: stored(counts), appliedVersion: version, published: before.published };
        if (await writePeriod(period, planId, written, before.appliedVersion)) return written;
      }
    },

    /**
     * Overwrites a plan's counts of one period with recomputed values (the rebuild), forgetting what
     * was published from them, so the rebuild republishes every document; answers the item as stored.
     */
    async putCounts(
      period: string,
      planId: string,
      counts: Map<string, Tally>,
      version: number,
    ): Promise<PeriodCounts> {
      const written = { ...noCounts(), counts: stored(counts), appliedVersion: version };
      await writePeriod(period, planId, written, null);
      return written;
    },

    /**
     * Notes what was published from a plan's counts of a period, unless a batch was applied to them
     * since they were read (that batch's publish will write and note its own). Answers whether it was noted.
     */
    recordPublished(period: string, planId: string, read: PeriodCounts, published: Published): Promise<boolean> {
      return writePeriod(period, planId, { ...read, published }, read.appliedVersion);
    },

    /** Splits counts an older release kept in one item per period into per-plan items (split-rating-counts.ts). */
    splitLegacyCounts: (periods: readonly string[]) => splitLegacyRatingCounts(store, periods),

    /**
     * Writes a document unless a later version already wrote it: a run that stalled while publishing
     * cannot put back what a newer run published. Answers whether it was written.
     */
    putDocument(key: { PK: string; SK: string }, type: string, version: number, document: unknown): Promise<boolean> {
      return putIf({
        Item: { ...key, type, version, data: JSON.stringify(document) },
        ConditionExpression: 'attribute_not_exists(PK) OR version <= :version',
        ExpressionAttributeValues: { ':version': version },
      });
    },

    /** Marks the published ratings as changed, for the read caches (docs/caching.md); after the documents landed. */
    bumpPublishedVersion: () => bumpPublishedRatingsVersion(store),

    /**
     * Writes series points and removes those of scopes that no longer count anything in their
     * period, 25 to a request and a few requests at a time, retrying what the store leaves unprocessed.
     */
    async putSeriesPoints(
      points: ReadonlyArray<{ planId: string; scope: string; point: SeriesPoint }>,
      version: number,
      gone: ReadonlyArray<{ planId: string; scope: string; period: string }> = [],
    ): Promise<void> {
      const all = [
        ...points.map(({ planId, scope, point }) => ({
          PutRequest: {
            Item: {
              ...ratingSeriesKey(planId, scope, point.period),
              type: 'rating-series-point',
              version,
              data: JSON.stringify(point),
            },
          },
        })),
        ...gone.map(({ planId, scope, period }) => ({
          DeleteRequest: { Key: ratingSeriesKey(planId, scope, period) },
        })),
      ];
      const chunks: Array<typeof all> = [];
      for (let i = 0; i < all.length; i += 25) chunks.push(all.slice(i, i + 25));
      let next = 0;
      const worker = async () => {
        while (next < chunks.length) {
          let requests = chunks[next++]!;
          for (let attempt = 0; requests.length > 0; attempt++) {
            if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
            const output = await client.send(
              new BatchWriteCommand({ RequestItems: { [tableName]: requests }, ReturnConsumedCapacity: 'TOTAL' }),
            );
            for (const used of output.ConsumedCapacity ?? []) meter.writeUnits += used.CapacityUnits ?? 0;
            requests = (output.UnprocessedItems?.[tableName] ?? []) as typeof requests;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, chunks.length) }, worker));
    },

    summaryKey: ratingSummaryKey,
    INITIAL_STATE,
  };
}

export type AggregationRepository = ReturnType<typeof aggregationRepository>;
