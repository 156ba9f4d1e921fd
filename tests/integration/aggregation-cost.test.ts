import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Rating } from '../../shared/feedback/rating.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TargetIndex } from '../../shared/ratings/scopes.js';
import { ensureTable } from '../../shared/store/bootstrap.js';
import type { Store } from '../../shared/store/client.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { moderationRepository } from '../../shared/store/moderation-repository.js';
import { publishedDocuments, republishedDocuments, scan } from '../helpers/republish.js';
import { useStore } from '../helpers/store.js';

const shared = useStore();
const TARGETS = ['gdp', 'pm25-concentration', 'forest-coverage'];
const index: TargetIndex = { categoryOf: ({ targetId }) => (targetId === 'gdp' ? '经济质效' : '生态文明') };
const PLAN = 'licheng-14th';

async function freshTable(): Promise<Store> {
  const store = { client: shared.current.client, tableName: `agg-cost-${randomUUID()}` };
  await ensureTable(store);
  return store;
}

/** `count` ratings by new voters over the targets, a minute apart from `from`, spread over every shard. */
async function rate(store: Store, count: number, from: number, planId = PLAN) {
  const feedback = feedbackRepository(store);
  for (let i = 0; i < count; i++) {
    const at = new Date(from + i * 60_000);
    await feedback.record({
      nonce: randomUUID(),
      voterId: `voter-${planId}-${from}-${i}`,
      planId,
      targetType: 'indicator',
      targetId: TARGETS[i % TARGETS.length]!,
      year: at.getUTCFullYear(),
      rating: ((i % 5) + 1) as Rating,
      comment: null,
      clock: () => at,
    });
  }
}

/** The store, noting the key and type of every item written and every read command sent. */
function recordingStore(store: Store) {
  const writes: Array<{ PK: string; SK: string; type?: unknown }> = [];
  const reads: string[] = [];
  const client = new Proxy(store.client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const input = command.input as {
          Item?: { PK: string; SK: string; type?: unknown };
          Key?: { PK: string; SK: string };
          RequestItems?: Record<
            string,
            Array<{
              PutRequest?: { Item: { PK: string; SK: string; type?: unknown } };
              DeleteRequest?: { Key: { PK: string; SK: string } };
            }>
          >;
        };
        const name = command.constructor.name;
        if (name === 'PutCommand') writes.push(input.Item!);
        else if (name === 'UpdateCommand') writes.push(input.Key!);
        else if (name === 'BatchWriteCommand')
          for (const request of Object.values(input.RequestItems!).flat())
            writes.push(request.PutRequest?.Item ?? { ...request.DeleteRequest!.Key, type: 'deleted' });
        else reads.push(name);
        return target.send(command as Parameters<DynamoDBDocumentClient['send']>[0]);
      };
    },
  });
  return { store: { client, tableName: store.tableName } satisfies Store, writes, reads };
}

const options = (store: Store, now: number) => ({
  repo: aggregationRepository(store),
  targets: () => Promise.resolve(index),
  clock: () => new Date(now),
  settleMs: 0,
  maxBatch: 1000,
  minRatings: 3,
});

describe('the cost of an aggregation run', () => {
  it('reads each new log entry once and the log no further once a batch has reached the horizon', async () => {
    const store = await freshTable();
    const start = Date.UTC(2025, 0, 10);
    await rate(store, 60, start);
    const first = await aggregate(options(store, start + 86_400_000));
    expect(first.entries).toBe(60);
    expect(first.itemsRead).toBe(60);

    await rate(store, 40, start + 2 * 86_400_000);
    const second = await aggregate(options(store, start + 3 * 86_400_000));
    expect(second.entries).toBe(40);
    // Each shard's last aggregated entry is the inclusive lower bound of its read, once.
    expect(second.itemsRead).toBeLessThanOrEqual(40 + 16);
  });

  it('publishes from the counts it holds the same documents as from the counts read back from the store', async () => {
    const store = await freshTable();
    const start = Date.UTC(2025, 1, 27);
    await rate(store, 30, start);
    await aggregate(options(store, start + 86_400_000));
    // Ratings into the next month too, so a period and its predecessor are both published.
    await rate(store, 30, Date.UTC(2025, 2, 1));
    await aggregate(options(store, Date.UTC(2025, 2, 3)));

    const items = await scan(store);
    const stored = publishedDocuments(items);
    const lastVersion = (await aggregationRepository(store).getState()).version;
    // The documents of the last run: the others carry the version that last changed them.
    const last = items.filter((item) => item.type === 'rating-summary' && item.version === lastVersion);
    expect(last.map((item) => item.PK).sort()).toEqual(['2025', '2025-03', 'all'].map((p) => `SUMMARY#${PLAN}#${p}`));
    expect(stored).toEqual(await republishedDocuments(store, 3));
  });
});

describe('what an aggregation run writes', () => {
  const OTHER_PLAN = 'sample-15th';
  /** Two plans rated, aggregated: the starting point of every case below. */
  async function twoPlansAggregated(at: number) {
    const store = await freshTable();
    await rate(store, 12, at);
    await rate(store, 6, at, OTHER_PLAN);
    await aggregate(options(store, at + 86_400_000));
    return store;
  }

  it('rewrites only the touched plan’s summaries and the touched scopes’ series points when one target is rated', async () => {
    const at = Date.UTC(2025, 4, 10);
    const store = await twoPlansAggregated(at);
    await rate(store, 1, at + 3_600_000);
    const { store: watched, writes } = recordingStore(store);
    await aggregate(options(watched, at + 86_400_000));

    const summaries = writes.filter((w) => w.type === 'rating-summary').map((w) => w.PK);
    expect(summaries.sort()).toEqual(['2025', '2025-05', 'all'].map((p) => `SUMMARY#${PLAN}#${p}`).sort());
    const points = writes.filter((w) => w.type === 'rating-series-point').map((w) => `${w.PK} ${w.SK}`);
    expect(points.sort()).toEqual(
      [`indicator#${TARGETS[0]}`, 'category#经济质效', `plan#${PLAN}`]
        .flatMap((scope) => ['2025', '2025-05'].map((p) => `SERIES#${PLAN}#${scope} ${p}`))
        .sort(),
    );
    // Besides: the state's transitions, the three counts items, their published hashes, the version bump.
    expect(writes.filter((w) => w.PK.startsWith('SUMMARY#') || w.PK.startsWith('SERIES#'))).toHaveLength(
      summaries.length + points.length,
    );
    expect(
      writes.filter((w) => w.PK.startsWith(`SUMMARY#${OTHER_PLAN}`) || w.PK.startsWith(`SERIES#${OTHER_PLAN}`)),
    ).toEqual([]);
  });

  it('rewrites the summaries but no series point when only a comment’s moderation changed', async () => {
    const at = Date.UTC(2025, 4, 10);
    const store = await freshTable();
    const { record } = await feedbackRepository(store).record({
      nonce: randomUUID(),
      voterId: 'commenter',
      planId: PLAN,
      targetType: 'indicator',
      targetId: 'gdp',
      year: 2025,
      rating: 4,
      comment: '很好',
      clock: () => new Date(at),
    });
    await aggregate(options(store, at + 60_000));
    await moderationRepository(store).setCommentStatus(record, 'published', new Date(at + 120_000));
    const { store: watched, writes } = recordingStore(store);
    const run = await aggregate(options(watched, at + 180_000));
    expect(run.entries).toBe(1);
    expect(writes.filter((w) => w.type === 'rating-summary')).toHaveLength(3);
    expect(writes.filter((w) => w.type === 'rating-series-point')).toEqual([]);
  });

  it('writes nothing, and reads the state and each shard’s last entry only, when nothing is new', async () => {
    const at = Date.UTC(2025, 4, 10);
    const store = await twoPlansAggregated(at);
    const { store: watched, writes, reads } = recordingStore(store);
    const run = await aggregate(options(watched, at + 2 * 86_400_000));
    expect(run.entries).toBe(0);
    expect(writes).toEqual([]);
    expect(reads.length).toBeLessThanOrEqual(1 + 16);
  });

  it('writes no document again when a run resumes a publish that crashed after noting what it published', async () => {
    const at = Date.UTC(2025, 4, 10);
    const crashing = async (store: Store, step: string) => {
      await rate(store, 3, at + 3_600_000);
      const crash = new Error(`crash at ${step}`);
      const checkpoint = (reached: string) => {
        if (reached === step) throw crash;
      };
      await expect(aggregate({ ...options(store, at + 86_400_000), checkpoint })).rejects.toBe(crash);
      const { store: watched, writes } = recordingStore(store);
      const resumed = await aggregate(options(watched, at + 86_400_000));
      expect(resumed.periodsPublished).toBe(3);
      expect(publishedDocuments(await scan(store))).toEqual(await republishedDocuments(store, 3));
      return writes.filter((w) => w.type === 'rating-summary' || w.type === 'rating-series-point');
    };
    expect(await crashing(await twoPlansAggregated(at), 'noted published')).toEqual([]);
    // Documents that landed but were not yet noted are written again, the same.
    expect(await crashing(await twoPlansAggregated(at), 'published documents')).not.toEqual([]);
  });
});
