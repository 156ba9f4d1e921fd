import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratingYear, type Rating } from '../../shared/feedback/rating.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import type { TargetIndex } from '../../shared/ratings/scopes.js';
import type { Tally } from '../../shared/ratings/statistics.js';
import { ensureTable } from '../../shared/store/bootstrap.js';
import type { Store } from '../../shared/store/client.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { moderationRepository } from '../../shared/store/moderation-repository.js';
import { fraudRepository } from '../../shared/store/reply-fraud-repository.js';
import { bruteForceCounts, nonZero } from '../helpers/brute-force.js';
import { publishedDocuments, republishedDocuments, scan } from '../helpers/republish.js';
import { beforePutOf, crashingStore, InjectedCrash } from '../helpers/faults.js';
import { useStore } from '../helpers/store.js';
import { toLegacyCountsLayout } from '../helpers/legacy-counts.js';
import { gdpRating } from '../helpers/gdp-rating.js';

const shared = useStore();

// The same target id in two plans: two targets, counted apart.
const TARGETS = [
  ['licheng-14th', 'indicator', 'gdp'],
  ['licheng-14th', 'indicator', 'pm25-concentration'],
  ['sample-15th', 'indicator', 'gdp'],
  ['licheng-14th', 'project', 'b07-west-suburb-new-village'],
] as const;
const CATEGORIES: Record<string, string> = {
  'licheng-14th/gdp': '经济质效',
  'licheng-14th/pm25-concentration': '生态文明',
  'sample-15th/gdp': '民生福祉',
};
const index: TargetIndex = {
  categoryOf: ({ planId, targetType, targetId }) =>
    targetType === 'indicator' ? (CATEGORIES[`${planId}/${targetId}`] ?? null) : null,
};

type Op =
  | {
      kind: 'submit';
      voter: number;
      target: number;
      rating: Rating;
      comment: boolean;
      crashBeforeRecord: boolean;
      advanceHours: number;
    }
  | { kind: 'moderate'; pick: number; to: 'published' | 'rejected' | 'hidden' }
  | { kind: 'fraud'; pick: number; crashBeforeEvent: boolean }
  | { kind: 'aggregate'; crashAt: number | null; overlap: boolean; secondCrashAt: number | null }
  /** The table as the release before per-plan counts left it: the next runs split its counts first. */
  | { kind: 'legacy' };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      voter: fc.integer({ min: 0, max: 4 }),
      target: fc.integer({ min: 0, max: TARGETS.length - 1 }),
      rating: fc.constantFrom<Rating>(1, 2, 3, 4, 5),
      comment: fc.boolean(),
      crashBeforeRecord: fc.boolean().map((b) => b && Math.random() < 0.3),
      // Up to ~40 days, so ratings and replacements cross month and year boundaries.
      advanceHours: fc.integer({ min: 0, max: 960 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('moderate' as const),
      pick: fc.nat(),
      to: fc.constantFrom('published' as const, 'rejected' as const, 'hidden' as const),
    }),
  },
  // An administrator marks a rating fraudulent, current or already replaced; sometimes the process
  // dies between noting it on the ballot and appending the fraud event.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fraud' as const),
      pick: fc.nat(),
      crashBeforeEvent: fc.boolean().map((b) => b && Math.random() < 0.4),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('aggregate' as const),
      crashAt: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      overlap: fc.boolean(),
      secondCrashAt: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'legacy' as const }) },
);

async function freshTable(): Promise<Store> {
  const store = { client: shared.current.client, tableName: `agg-${randomUUID()}` };
  await ensureTable(store);
  return store;
}

async function storedCounts(store: Store): Promise<Map<string, Tally>> {
  const repo = aggregationRepository(store);
  const state = await repo.getState();
  const counts = new Map<string, Tally>();
  for (const period of state.periods)
    for (const [scope, tally] of await repo.readCounts(period)) counts.set(`${period}|${scope}`, tally);
  return counts;
}

/** One aggregation run at `at` that takes every rating so far (no settle time), in batches of `maxBatch`. */
const aggregateSettled = (store: Store, at: number, maxBatch: number) =>
  aggregate({
    repo: aggregationRepository(store),
    targets: () => Promise.resolve(index),
    clock: () => new Date(at),
    settleMs: 0,
    maxBatch,
    minRatings: 3,
  });

async function play(ops: Op[]) {
  const store = await freshTable();
  const feedback = feedbackRepository(store);
  const moderation = moderationRepository(store);
  const fraud = fraudRepository(store);
  let now = Date.UTC(2024, 11, 20); // close to a year boundary
  const commented: Array<{ shard: number; recordedAt: string; feedbackId: string }> = [];
  const rated: Array<{ shard: number; recordedAt: string; feedbackId: string }> = [];
  const run = (crashAt: number | null) => {
    let steps = 0;
    return aggregate({
      repo: aggregationRepository(store),
      targets: () => Promise.resolve(index),
      clock: () => new Date(now + 1),
      settleMs: 0,
      maxBatch: 7, // small batches, so runs span several claims and commits
      minRatings: 3,
      checkpoint: () => {
        if (crashAt !== null && steps++ === crashAt) throw new InjectedCrash(`crash at step ${crashAt}`);
      },
    }).catch((error: unknown) => {
      if (!(error instanceof InjectedCrash)) throw error;
    });
  };

  for (const op of ops) {
    if (op.kind === 'submit') {
      now += op.advanceHours * 3600_000;
      const [planId, targetType, targetId] = TARGETS[op.target]!;
      const repo = op.crashBeforeRecord ? feedbackRepository(crashingStore(store, beforePutOf('feedback'))) : feedback;
      const clock = () => new Date(now);
      try {
        const { record } = await repo.record({
          nonce: randomUUID(),
          voterId: `voter-${op.voter}`,
          planId,
          targetType,
          targetId,
          year: ratingYear(clock()),
          rating: op.rating,
          comment: op.comment ? `comment ${op.rating}` : null,
          clock,
        });
        if (record.comment !== null) commented.push(record);
        rated.push(record);
      } catch (error) {
        if (!(error instanceof InjectedCrash)) throw error;
      }
      now += 1000;
    } else if (op.kind === 'moderate') {
      const target = commented[op.pick % Math.max(1, commented.length)];
      if (target) await moderation.setCommentStatus(target, op.to, new Date(now));
      now += 1000;
    } else if (op.kind === 'fraud') {
      const target = rated[op.pick % Math.max(1, rated.length)];
      const repo = op.crashBeforeEvent ? fraudRepository(crashingStore(store, beforePutOf('fraud'))) : fraud;
      if (target) {
        await repo
          .markFraud(target, { by: 'admin (test)', reason: 'documented vote buying' }, new Date(now))
          .catch((error: unknown) => {
            if (!(error instanceof InjectedCrash)) throw error;
          });
      }
      now += 1000;
    } else if (op.kind === 'legacy') {
      await toLegacyCountsLayout(store);
    } else if (op.overlap) {
      await Promise.all([run(op.crashAt), run(op.secondCrashAt)]);
    } else {
      await run(op.crashAt);
    }
  }
  const final = await aggregateSettled(store, now + 1, 7);
  expect(final.differences).toBeUndefined();
  const items = await scan(store);
  expect(nonZero(await storedCounts(store))).toEqual(nonZero(bruteForceCounts(items, index)));
  // What the runs published, skipping what they found unchanged, is what publishing everything anew gives.
  expect(publishedDocuments(items)).toEqual(await republishedDocuments(store, 3));
  return store;
}

describe('aggregation under at-least-once execution', () => {
  it('leaves exactly the counts of a recomputation from scratch, whatever crashes, retries and overlaps happen', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 30 }), async (ops) => {
        await play(ops);
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it('moves a changed rating out of its old level and month into the new ones', async () => {
    const store = await play([
      {
        kind: 'submit',
        voter: 0,
        target: 0,
        rating: 2,
        comment: false,
        crashBeforeRecord: false,
        advanceHours: 24 * 15,
      },
      { kind: 'aggregate', crashAt: null, overlap: false, secondCrashAt: null },
      {
        kind: 'submit',
        voter: 0,
        target: 0,
        rating: 5,
        comment: false,
        crashBeforeRecord: false,
        advanceHours: 24 * 30,
      },
    ]);
    const counts = await storedCounts(store);
    expect(counts.get('all|licheng-14th/indicator#gdp')?.histogram).toEqual([0, 0, 0, 0, 1]);
    expect(counts.get('2025|licheng-14th/indicator#gdp')?.histogram).toEqual([0, 0, 0, 0, 1]);
    // A scope whose counts went back to zero is not stored at all.
    expect(counts.get('2025-01|licheng-14th/indicator#gdp')).toBeUndefined();
    expect(counts.get('2025-02|licheng-14th/indicator#gdp')?.histogram).toEqual([0, 0, 0, 0, 1]);
    expect(counts.get('2025-02|licheng-14th/category#经济质效')?.histogram).toEqual([0, 0, 0, 0, 1]);
  });

  it('reads a small constant number of items when nothing is new, however much is stored', async () => {
    const store = await freshTable();
    const feedback = feedbackRepository(store);
    const clock = () => new Date(Date.UTC(2025, 2, 1));
    for (let i = 0; i < 60; i++) {
      await feedback.record(gdpRating(`v${i}`, 4, clock));
    }
    const options = {
      repo: aggregationRepository(store),
      targets: () => Promise.resolve(index),
      clock: () => new Date(Date.UTC(2025, 2, 2)),
      settleMs: 0,
      maxBatch: 1000,
      minRatings: 3,
    };
    const first = await aggregate(options);
    expect(first.entries).toBe(60);
    const idle = await aggregate({ ...options, repo: aggregationRepository(store) });
    expect(idle.entries).toBe(0);
    expect(idle.itemsRead).toBeLessThanOrEqual(16); // at most the last item of each shard, re-read as the lower bound
    expect(idle.batches).toBe(0);
  });

  it('leaves entries younger than the settle time for the next run', async () => {
    const store = await freshTable();
    const feedback = feedbackRepository(store);
    const at = Date.UTC(2025, 2, 1, 12);
    await feedback.record(gdpRating('v', 4, () => new Date(at)));
    const options = {
      repo: aggregationRepository(store),
      targets: () => Promise.resolve(index),
      settleMs: 60_000,
      maxBatch: 1000,
      minRatings: 3,
    };
    expect((await aggregate({ ...options, clock: () => new Date(at + 30_000) })).entries).toBe(0);
    expect((await aggregate({ ...options, clock: () => new Date(at + 61_000) })).entries).toBe(1);
  });

  it('takes a rating found fraudulent out of the counts once, even when the voter rates again', async () => {
    const store = await freshTable();
    const feedback = feedbackRepository(store);
    const fraud = fraudRepository(store);
    let now = Date.UTC(2025, 2, 1, 12);
    const clock = () => new Date(now);
    const rate = async (voterId: string, rating: Rating) => {
      const { record } = await feedback.record(gdpRating(voterId, rating, clock));
      now += 1000;
      return record;
    };
    const bought = await rate('voter-x', 1);
    await rate('voter-y', 4);
    await fraud.markFraud(bought, { by: 'admin', reason: 'paid ratings, police report 2025-17' }, new Date(now));
    now += 1000;
    const again = await fraud.markFraud(bought, { by: 'admin', reason: 'twice' }, new Date(now));
    expect(again.event).toBeNull();
    const later = await rate('voter-x', 2);
    expect(later.replaces).toBeNull(); // the fraudulent rating was already out of the counts
    await aggregateSettled(store, now + 1, 100);
    const counts = await storedCounts(store);
    expect(counts.get('all|licheng-14th/indicator#gdp')?.histogram).toEqual([0, 1, 0, 1, 0]);
    // The record itself is kept, marked, with its rating untouched.
    const kept = (await scan(store)).find((i) => i.type === 'feedback' && i.feedbackId === bought.feedbackId);
    expect(kept).toMatchObject({ rating: 1, fraud: { by: 'admin', reason: 'paid ratings, police report 2025-17' } });
    expect(nonZero(counts)).toEqual(nonZero(bruteForceCounts(await scan(store), index)));
  });

  it('rebuilds from the log and reports where the stored counts had drifted', async () => {
    const store = await play([
      { kind: 'submit', voter: 1, target: 1, rating: 3, comment: true, crashBeforeRecord: false, advanceHours: 1 },
      { kind: 'submit', voter: 2, target: 1, rating: 1, comment: false, crashBeforeRecord: false, advanceHours: 1 },
    ]);
    const repo = aggregationRepository(store);
    // Corrupt one stored count behind the aggregation's back.
    const { counts: all } = await repo.readPeriod('all', 'licheng-14th');
    all.set('licheng-14th/indicator#pm25-concentration', {
      histogram: [9, 0, 0, 0, 0],
      comments: { pending: 0, published: 0, rejected: 0, hidden: 0 },
    });
    await repo.putCounts('all', 'licheng-14th', all, 99);
    const rebuilt = await aggregate(
      {
        repo,
        targets: () => Promise.resolve(index),
        clock: () => new Date(Date.UTC(2026, 0, 1)),
        settleMs: 0,
        maxBatch: 7,
        minRatings: 3,
      },
      'rebuild',
    );
    expect(rebuilt.differences).toEqual([
      expect.objectContaining({
        period: 'all',
        scope: 'licheng-14th/indicator#pm25-concentration',
        stored: expect.objectContaining({ histogram: [9, 0, 0, 0, 0] }),
        recomputed: expect.objectContaining({ histogram: [1, 0, 1, 0, 0] }),
      }),
    ]);
    expect(nonZero(await storedCounts(store))).toEqual(nonZero(bruteForceCounts(await scan(store), index)));
  });
});
