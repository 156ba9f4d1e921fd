import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { ratingsRepository } from '../../shared/store/ratings-repository.js';
import { planStoreEnvironment } from '../helpers/lambda.js';
import { gdpRating } from '../helpers/gdp-rating.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
/** The payload EventBridge Scheduler sends: the schedule's input, filled from its context attributes. */
const invocation = JSON.parse(
  readFileSync(new URL('../fixtures/scheduler/aggregate-invocation.json', import.meta.url), 'utf8'),
) as unknown;
let handler: (event: unknown) => Promise<Record<string, number>>;

beforeAll(async () => {
  Object.assign(process.env, { ...(await planStoreEnvironment(store.current)), AGGREGATE_SETTLE_SECONDS: '0' });
  ({ handler } = await import('../../functions/aggregate/handler.js'));
});

describe('the scheduled aggregation handler', () => {
  it('aggregates new ratings when EventBridge Scheduler invokes it, and does nothing more on a duplicate delivery', async () => {
    const feedback = feedbackRepository(store.current);
    for (const [voterId, rating] of [
      ['a', 5],
      ['b', 4],
      ['c', 1],
    ] as const) {
      await feedback.record(gdpRating(voterId, rating, () => new Date('2025-06-01T00:00:00Z')));
    }
    const first = await handler(invocation);
    expect(first).toMatchObject({ entries: 3, batches: 1 });
    const duplicate = await handler(invocation);
    expect(duplicate).toMatchObject({ entries: 0, batches: 0, countsUpdated: 0 });
    const summaries = await ratingsRepository(store.current).periodSummaries('licheng-14th', 'all');
    expect(summaries?.targets.find((t) => t.targetId === 'gdp')?.histogram).toEqual([1, 0, 0, 1, 1]);
  });

  it('runs whatever payload it is given, since a run does the same work however it is invoked', async () => {
    await expect(handler(undefined)).resolves.toMatchObject({ entries: 0 });
    await expect(handler({ unexpected: ['shape'] })).resolves.toMatchObject({ entries: 0 });
  });
});
