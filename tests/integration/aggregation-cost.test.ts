import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Rating } from '../../shared/feedback/rating.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import type { PeriodSummaries } from '../../shared/ratings/documents.js';
import { publish } from '../../shared/ratings/publish.js';
import type { TargetIndex } from '../../shared/ratings/scopes.js';
import { ensureTable } from '../../shared/store/bootstrap.js';
import type { Store } from '../../shared/store/client.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { ratingsRepository } from '../../shared/store/ratings-repository.js';
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
async function rate(store: Store, count: number, from: number) {
  const feedback = feedbackRepository(store);
  for (let i = 0; i < count; i++) {
    const at = new Date(from + i * 60_000);
    await feedback.record({
      nonce: randomUUID(),
      voterId: `voter-${from}-${i}`,
      planId: PLAN,
      targetType: 'indicator',
      targetId: TARGETS[i % TARGETS.length]!,
      year: at.getUTCFullYear(),
      rating: ((i % 5) + 1) as Rating,
      comment: null,
      clock: () => at,
    });
  }
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

  it('publishes from the counts it wrote the same documents as from the counts read back from the store', async () => {
    const store = await freshTable();
    const start = Date.UTC(2025, 1, 27);
    await rate(store, 30, start);
    await aggregate(options(store, start + 86_400_000));
    // Ratings into the next month too, so a period and its predecessor are both published.
    await rate(store, 30, Date.UTC(2025, 2, 1));
    await aggregate(options(store, Date.UTC(2025, 2, 3)));

    const repo = aggregationRepository(store);
    const state = await repo.getState();
    const republished = new Map<string, PeriodSummaries>();
    await publish(
      {
        ...repo,
        putDocument: (_key, _type, _version, document) => {
          const summaries = document as PeriodSummaries;
          republished.set(summaries.period, summaries);
          return Promise.resolve();
        },
        putSeriesPoints: () => Promise.resolve(),
      },
      { periods: state.periods, scopes: [], knownPeriods: state.periods, minRatings: 3, version: state.version },
      () => Promise.resolve(),
    );
    const ratings = ratingsRepository(store);
    const stored = await Promise.all(state.periods.map((period) => ratings.periodSummaries(PLAN, period)));
    // The documents of the last run: those of earlier runs carry their own version.
    const last = stored.filter((summaries) => summaries?.version === state.version);
    expect(last.map((summaries) => summaries!.period).sort()).toEqual(['2025', '2025-03', 'all']);
    for (const summaries of last) expect(summaries, summaries!.period).toEqual(republished.get(summaries!.period));
  });
});
