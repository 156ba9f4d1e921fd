import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type PutCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { FeedbackRecord, FraudEvent, ModerationEvent } from '../feedback/record.js';
import { isZero, type LogEntry } from '../ratings/deltas.js';
import { COMMENT_STATUSES, emptyTally, type Tally } from '../ratings/statistics.js';
import {
  aggregationStateKey,
  FEEDBACK_SHARDS,
  feedbackPartition,
  ratingCountsKey,
  ratingSeriesKey,
  ratingSummaryKey,
} from './keys.js';
import type { SeriesPoint } from '../ratings/documents.js';
import { fromItem } from './items.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
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
};

/** A tally as nine numbers: the five levels, then comments pending, published, rejected, hidden. */
const pack = (t: Tally) => [...t.histogram, ...COMMENT_STATUSES.map((status) => t.comments[status])];
const unpack = (numbers: number[]): Tally => {
  const tally = emptyTally();
  for (let level = 0; level < 5; level++) tally.histogram[level] = numbers[level] ?? 0;
  COMMENT_STATUSES.forEach((status, i) => (tally.comments[status] = numbers[5 + i] ?? 0));
  return tally;
};
const addTallies = (a: Tally, b: Tally): Tally => {
  const sum = emptyTally();
  for (let level = 0; level < 5; level++) sum.histogram[level] = a.histogram[level]! + b.histogram[level]!;
  for (const status of COMMENT_STATUSES) sum.comments[status] = a.comments[status] + b.comments[status];
  return sum;
};

/**
 * Content hashes of the documents published from a period's counts: each plan's summaries (by plan
 * id) and each counted scope's series point (by counted scope). Kept in the period's counts item,
 * written only after the documents they describe have landed, so a hash there never claims a
 * document that is not stored; publishing skips a document whose hash it finds unchanged.
 */
export interface Published {
  summaries: Record<string, string>;
  points: Record<string, string>;
}

/** A period's counts item as read or written: the counts, the last batch applied and what was published from them. */
export interface PeriodCounts {
  counts: Map<string, Tally>;
  appliedVersion: number;
  published: Published;
}
/** The item of a period nothing was ever counted in. */
export const noCounts = (): PeriodCounts => ({
  counts: new Map(),
  appliedVersion: 0,
  published: { summaries: {}, points: {} },
});

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

  async function readPeriod(period: string): Promise<PeriodCounts> {
    const output = measure(
      await client.send(
        new GetCommand({
          TableName: tableName,
          Key: ratingCountsKey(period),
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
      'read',
    );
    if (!output.Item) return noCounts();
    const packed = JSON.parse(String(output.Item.data)) as Record<string, number[]>;
    return {
      counts: new Map(Object.entries(packed).map(([scope, numbers]) => [scope, unpack(numbers)])),
      appliedVersion: Number(output.Item.appliedVersion),
      published:
        typeof output.Item.published === 'string'
          ? (JSON.parse(output.Item.published) as Published)
          : noCounts().published,
    };
  }

  /** Counts as the store keeps them: zero tallies left out, in the order of their scopes. */
  const stored = (counts: Map<string, Tally>) =>
    new Map([...counts].filter(([, tally]) => !isZero(tally)).sort(([a], [b]) => a.localeCompare(b)));

  /** Writes a period's counts if its version is still `expected` (null: unconditionally). */
  async function writePeriod(
    period: string,
    { counts, appliedVersion: version, published }: PeriodCounts,
    expected: number | null,
  ): Promise<boolean> {
    const packed = Object.fromEntries([...stored(counts)].map(([scope, tally]) => [scope, pack(tally)]));
    return putIf({
      Item: {
        ...ratingCountsKey(period),
        type: 'rating-counts',
        period,
        appliedVersion: version,
        data: JSON.stringify(packed),
        published: JSON.stringify(published),
      },
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
  async function putIf(input: Omit<PutCommandInput, 'TableName' | 'ReturnConsumedCapacity'>): Promise<boolean> {
    try {
      measure(
        await client.send(new PutCommand({ ...input, TableName: tableName, ReturnConsumedCapacity: 'TOTAL' })),
        'write',
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
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
          else if (item.type === 'moderation')
            entries.push({ kind: 'moderation', event: fromItem(ModerationEvent, item) });
          else if (item.type === 'fraud') entries.push({ kind: 'fraud', event: fromItem(FraudEvent, item) });
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey && entries.length < limit);
      return { entries, last, complete: ExclusiveStartKey === undefined };
    },

    /** Every scope's counts in one period. */
    async readCounts(period: string): Promise<Map<string, Tally>> {
      return (await readPeriod(period)).counts;
    },

    /** A period's counts item: its counts, the last batch applied, what was published from it. */
    readPeriod,

    /**
     * Adds a batch's deltas to one period's counts, once: the item remembers the last batch
     * version applied, and is replaced only if nobody wrote it since it was read, so a resumed or
     * overlapping run that applies the same batch again changes nothing. `read` is the item as the
     * caller already read it, if it did (a stale one only costs a second read). Answers the item as
     * written, or null when the batch was already applied.
     */
    async applyDeltas(
      period: string,
      deltas: Map<string, Tally>,
      version: number,
      read?: PeriodCounts,
    ): Promise<PeriodCounts | null> {
      for (let before = read ?? (await readPeriod(period)); ; before = await readPeriod(period)) {
        if (before.appliedVersion >= version) return null;
        const counts = new Map(before.counts);
        for (const [scope, delta] of deltas) counts.set(scope, addTallies(counts.get(scope) ?? emptyTally(), delta));
        const written = { counts: stored(counts), appliedVersion: version, published: before.published };
        if (await writePeriod(period, written, before.appliedVersion)) return written;
      }
    },

    /**
     * Overwrites one period's counts with recomputed values (the rebuild), forgetting what was
     * published from them, so the rebuild republishes every document; answers the item as stored.
     */
    async putCounts(period: string, counts: Map<string, Tally>, version: number): Promise<PeriodCounts> {
      const written = { ...noCounts(), counts: stored(counts), appliedVersion: version };
      await writePeriod(period, written, null);
      return written;
    },

    /**
     * Notes what was published from a period's counts, unless a batch was applied to it since they
     * were read (that batch's publish will write and note its own). Answers whether it was noted.
     */
    recordPublished(period: string, read: PeriodCounts, published: Published): Promise<boolean> {
      return writePeriod(period, { ...read, published }, read.appliedVersion);
    },

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
