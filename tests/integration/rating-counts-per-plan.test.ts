import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Rating } from '../../shared/feedback/rating.js';
import { aggregate, type AggregationOptions } from '../../shared/ratings/aggregate.js';
import type { TargetIndex } from '../../shared/ratings/scopes.js';
import type { Tally } from '../../shared/ratings/statistics.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { ensureTable } from '../../shared/store/bootstrap.js';
import type { Store } from '../../shared/store/client.js';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { legacyRatingCountsKey } from '../../shared/store/keys.js';
import { splitLegacyRatingCounts } from '../../shared/store/split-rating-counts.js';
import { bruteForceCounts, nonZero } from '../helpers/brute-force.js';
import { crashingStore, InjectedCrash } from '../helpers/faults.js';
import { toLegacyCountsLayout } from '../helpers/legacy-counts.js';
import { publishedDocuments, republishedDocuments, scan } from '../helpers/republish.js';
import { useStore } from '../helpers/store.js';

const shared = useStore();
const index: TargetIndex = {
  categoryOf: ({ targetType, targetId }) => (targetType === 'indicator' && targetId === 'gdp' ? '经济' : null),
};
const MAY = Date.UTC(2025, 4, 10);

async function freshTable(): Promise<Store> {
  const store = { client: shared.current.client, tableName: `counts-${randomUUID()}` };
  await ensureTable(store);
  return store;
}

const options = (store: Store, at: number, hooks: Partial<AggregationOptions> = {}): AggregationOptions => ({
  repo: aggregationRepository(store),
  targets: () => Promise.resolve(index),
  clock: () => new Date(at),
  settleMs: 0,
  maxBatch: 1000,
  minRatings: 3,
  ...hooks,
});

async function rate(store: Store, voterId: string, planId: string, targetId: string, rating: Rating, at: number) {
  await feedbackRepository(store).record({
    nonce: randomUUID(),
    voterId,
    planId,
    targetType: 'indicator',
    targetId,
    year: 2025,
    rating,
    comment: rating < 3 ? '不满意' : null,
    clock: () => new Date(at),
  });
}

/** Ratings of `gdp` in both plans (the same id, two targets) and of a second target of the 14th plan. */
async function rateBothPlans(store: Store, at: number, voters = ['a', 'b', 'c']) {
  for (const [i, voter] of voters.entries()) {
    await rate(store, voter, 'licheng-14th', 'gdp', ((i % 5) + 1) as Rating, at + i);
    await rate(store, voter, 'sample-15th', 'gdp', (((i + 2) % 5) + 1) as Rating, at + i);
    await rate(store, voter, 'licheng-14th', 'pm25', 4, at + i);
  }
}

const countsItems = async (store: Store) => (await scan(store)).filter((i) => i.type === 'rating-counts');

/** The counts as stored, by `{period}|{scope}`, whatever item holds them. */
async function storedCounts(store: Store) {
  const repo = aggregationRepository(store);
  const counts = new Map<string, Tally>();
  for (const period of (await repo.getState()).periods)
    for (const [scope, tally] of await repo.readCounts(period)) counts.set(`${period}|${scope}`, tally);
  return counts;
}

/** What a recomputation from the log gives, the documents included: nothing counted twice or lost. */
async function expectExactCounts(store: Store) {
  const items = await scan(store);
  expect(nonZero(await storedCounts(store))).toEqual(nonZero(bruteForceCounts(items, index)));
  expect(publishedDocuments(items)).toEqual(await republishedDocuments(store, 3));
}

/** DynamoDB's item size: the UTF-8 lengths of attribute names and values (numbers counted as their digits, a bound). */
const itemBytes = (item: Record<string, unknown>) =>
  Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)),
    0,
  );

describe('rating counts, one item per plan and period', () => {
  it('counts each plan into its own item of each period, and no item holds another plan’s scope', async () => {
    const store = await freshTable();
    await rateBothPlans(store, MAY);
    await aggregate(options(store, MAY + 60_000));

    const items = await countsItems(store);
    expect(items.map((i) => `${String(i.PK)} ${String(i.SK)}`).sort()).toEqual(
      ['RATINGS#2025', 'RATINGS#2025-05', 'RATINGS#all'].flatMap((pk) => [
        `${pk} COUNTS#licheng-14th`,
        `${pk} COUNTS#sample-15th`,
      ]),
    );
    for (const item of items)
      for (const scope of Object.keys(JSON.parse(String(item.data)) as object))
        expect(scope.startsWith(`${String(item.planId)}/`)).toBe(true);
    const all = await aggregationRepository(store).readPeriod('all', 'sample-15th');
    expect([...all.counts.keys()]).toEqual([
      'sample-15th/category#经济',
      'sample-15th/indicator#gdp',
      'sample-15th/plan#sample-15th',
    ]);
    await expectExactCounts(store);
  });

  it('grows only the rated plan’s items, by some 60 to 110 bytes a newly rated target', async () => {
    const store = await freshTable();
    await rateBothPlans(store, MAY);
    await aggregate(options(store, MAY + 60_000));
    const before = new Map((await countsItems(store)).map((i) => [`${String(i.PK)} ${String(i.SK)}`, i]));

    const targets = 60;
    for (let t = 0; t < targets; t++) await rate(store, `v${t}`, 'licheng-14th', `indicator-${t}`, 3, MAY + 1000 + t);
    await aggregate(options(store, MAY + 120_000));
    const after = new Map((await countsItems(store)).map((i) => [`${String(i.PK)} ${String(i.SK)}`, i]));

    for (const period of ['all', '2025', '2025-05']) {
      // The other plan's item is not even written again.
      const other = `RATINGS#${period} COUNTS#sample-15th`;
      expect(after.get(other)).toEqual(before.get(other));
      const rated = `RATINGS#${period} COUNTS#licheng-14th`;
      const growth = (itemBytes(after.get(rated)!) - itemBytes(before.get(rated)!)) / targets;
      // A scope's counts (~60 bytes with these ids) and, in years and months, its series point's hash (~50).
      expect(growth).toBeGreaterThan(30);
      expect(growth).toBeLessThan(period === 'all' ? 70 : 125);
    }
    await expectExactCounts(store);
  });

  it('applies a batch touching more plans than one transaction could hold to each plan’s items once, through a crash halfway', async () => {
    const store = await freshTable();
    const plans = 40; // 120 counts items (3 periods each), where a transaction takes 100
    for (let p = 0; p < plans; p++) await rate(store, `v${p}`, `plan-${p}`, 'gdp', ((p % 5) + 1) as Rating, MAY + p);
    let applied = 0;
    const crash = new InjectedCrash('crashed halfway through the batch');
    const checkpoint = (step: string) => {
      if (step.startsWith('applied ') && ++applied === 60) throw crash;
    };
    await expect(aggregate(options(store, MAY + 60_000, { checkpoint }))).rejects.toBe(crash);
    const run = await aggregate(options(store, MAY + 60_000));
    expect(run.batches).toBe(1);
    expect(new Set((await countsItems(store)).map((i) => i.planId)).size).toBe(plans);
    await expectExactCounts(store);
  });
});

describe('the split of the single counts item an older release kept for every plan', () => {
  it('splits it per plan before counting anything, and counts nothing twice', async () => {
    const store = await freshTable();
    await rateBothPlans(store, MAY);
    await aggregate(options(store, MAY + 60_000));
    expect(await toLegacyCountsLayout(store)).toBe(true);
    expect((await countsItems(store)).map((i) => i.SK)).toEqual(['COUNTS', 'COUNTS', 'COUNTS']);

    // New ratings, one of them a voter changing theirs, wait in the log for the new release's run.
    await rateBothPlans(store, MAY + 86_400_000, ['a', 'd']);
    const run = await aggregate(options(store, MAY + 2 * 86_400_000));
    expect(run.entries).toBe(6);
    expect((await countsItems(store)).every((i) => String(i.SK).startsWith('COUNTS#'))).toBe(true);
    expect((await aggregationRepository(store).getState()).countsByPlan).toBe(true);
    await expectExactCounts(store);

    // Run again, the split finds nothing to do and the counts stay as they are.
    expect(await splitLegacyRatingCounts(store, ['all', '2025', '2025-05'])).toBe(0);
    expect((await aggregate(options(store, MAY + 3 * 86_400_000))).entries).toBe(0);
    await expectExactCounts(store);
  });

  it('resumes a batch the older release had applied to every period before it stopped, without applying it again', async () => {
    const store = await freshTable();
    await rateBothPlans(store, MAY);
    let lastApplied = false;
    const crash = new InjectedCrash('stopped before committing the batch');
    await expect(
      aggregate(
        options(store, MAY + 60_000, {
          onProgress: ({ applied, total }) => (lastApplied = applied > 0 && applied === total),
          checkpoint: (step) => {
            if (step.startsWith('applied ') && lastApplied) throw crash;
          },
        }),
      ),
    ).rejects.toBe(crash);
    // The batch's periods are listed in the state only once it commits: the split finds them from the batch.
    expect(await aggregationRepository(store).getState()).toMatchObject({ phase: 'applying', periods: [] });
    expect(await toLegacyCountsLayout(store, { inFlight: true })).toBe(true);

    await aggregate(options(store, MAY + 120_000));
    await expectExactCounts(store);
  });

  it('finishes a split that stopped halfway, or ran twice at once, with each plan’s counts once', async () => {
    const store = await freshTable();
    await rateBothPlans(store, MAY);
    await aggregate(options(store, MAY + 60_000));
    await toLegacyCountsLayout(store);
    const periods = ['all', '2025', '2025-05'];

    // Stopped after one plan's item of the first period was written.
    let puts = 0;
    const afterOnePut = crashingStore(store, (command) => command.constructor.name === 'PutCommand' && ++puts > 1);
    await expect(splitLegacyRatingCounts(afterOnePut, periods)).rejects.toBeInstanceOf(InjectedCrash);
    // Stopped with every plan's items written, before the old items were deleted.
    const beforeDelete = crashingStore(store, (command) => command.constructor.name === 'DeleteCommand');
    await expect(splitLegacyRatingCounts(beforeDelete, periods)).rejects.toBeInstanceOf(InjectedCrash);
    const legacy = await store.client.send(
      new GetCommand({ TableName: store.tableName, Key: legacyRatingCountsKey('all') }),
    );
    expect(legacy.Item).toBeDefined();

    // Two runs of the new release finish it side by side.
    await Promise.all([aggregate(options(store, MAY + 120_000)), aggregate(options(store, MAY + 120_000))]);
    expect((await countsItems(store)).map((i) => i.SK).sort()).toEqual(
      periods.flatMap(() => ['COUNTS#licheng-14th', 'COUNTS#sample-15th']).sort(),
    );
    await expectExactCounts(store);
  });
});
