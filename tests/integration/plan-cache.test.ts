import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { dataVersions } from '../../shared/store/data-versions.js';
import { planDataCache } from '../../shared/store/plan-cache.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { progressRepository } from '../../shared/store/progress-repository.js';
import { publishObservation } from '../../shared/publishing/publish.js';
import { changePlanStatus } from '../../shared/publishing/plans.js';
import { auditRepository } from '../../shared/store/audit-repository.js';
import type { Actor } from '../../shared/auth/roles.js';
import type { AuditActor } from '../../shared/audit/entry.js';
import { json, testApp } from '../helpers/api.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { ratingsRepository } from '../../shared/store/ratings-repository.js';
import { useStore } from '../helpers/store.js';
import { countingStore } from '../helpers/counting-store.js';

const store = useStore();
const plan = readPlanFile();
const WINDOW_MS = 2000;
const at = new Date('2024-03-01T00:00:00Z');
const publisher: Actor = { sub: 'publisher-1', name: 'Publisher', roles: ['publisher'] };
const system: AuditActor = { kind: 'system', sub: 'test', name: 'test', roles: [] };

/** A process of its own: its cache over the store, with a clock the test moves. */
function process() {
  const counting = countingStore(store.current);
  const clock = { now: Date.parse('2025-06-01T00:00:00Z') };
  const cache = planDataCache(counting.store, { windowMs: WINDOW_MS, now: () => clock.now });
  const { app } = testApp(store.current, cache);
  const gdp = async () => {
    const res = await app.request('/api/v1/indicators/gdp');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { observations: Array<{ year: number; value: number }> };
    return body.observations.find((o) => o.year === 2022)?.value ?? null;
  };
  return { counting, clock, cache, app, gdp };
}

const publish = (value: number) =>
  planRepository(store.current).appendObservation(
    plan.id,
    { indicatorId: 'gdp', year: 2022, value, recordedBy: 'stats-office', reason: `figure ${value}` },
    at,
  );

const aggregate = () => aggregationJob(store.current, { minRatings: 10, settleSeconds: 0, maxBatch: 1000 })();

/** A new voter rates the GDP indicator at `at`, and the aggregation runs. */
async function rateGdpAndAggregate(rating: number, at: string) {
  const { app, deps } = testApp(store.current, { clock: () => new Date(at) });
  const rated = await app.request(
    '/api/v1/feedback',
    json({ targetType: 'indicator', targetId: 'gdp', rating }, { 'X-Voter-Token': deps.voterTokens.issue().token }),
  );
  expect(rated.status).toBe(201);
  await aggregate();
}

beforeAll(async () => {
  await loadPlan(store.current, plan);
});

describe('plan data from memory', () => {
  it('shows a value published by another process once the staleness window has passed, not later', async () => {
    const reader = process();
    expect(await reader.gdp()).toBeNull();
    await publish(470);
    reader.clock.now += WINDOW_MS - 1;
    // Within the window the reader trusts the version it read: the page may lag the publish this long.
    expect(await reader.gdp()).toBeNull();
    reader.clock.now += 1;
    expect(await reader.gdp()).toBe(470);
  });

  it('serves steady-state pages without reading the plan partition: nothing within the window, one GetItem of one read unit after it', async () => {
    const reader = process();
    await reader.gdp();
    await reader.app.request('/api/v1/plans');
    reader.counting.reset();
    for (let i = 0; i < 5; i++) await reader.gdp();
    expect(reader.counting.sent()).toEqual({});
    reader.clock.now += WINDOW_MS;
    expect((await reader.app.request('/api/v1/plans')).status).toBe(200);
    // The plan list reads plan data only: the version item, one strongly consistent read unit.
    expect(reader.counting.sent()).toEqual({ GetCommand: 1 });
    expect(reader.counting.counts.readUnits).toBe(1);
    reader.counting.reset();
    reader.clock.now += WINDOW_MS;
    await reader.gdp();
    // The indicator page also shows its published ratings: their version is in the same item, so one GetItem still.
    expect(reader.counting.sent()).toEqual({ GetCommand: 1 });
    expect(reader.counting.counts.readUnits).toBe(1);
    reader.counting.reset();
    await reader.gdp();
    expect(reader.counting.sent()).toEqual({});
  });

  it('sees its own writes at once, and a second process converges within the window', async () => {
    const a = process();
    const b = process();
    expect(await a.gdp()).toBe(await b.gdp());
    await a.cache.plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2022, value: 480, recordedBy: 'stats-office', reason: 'revised' },
      at,
    );
    expect(await a.gdp()).toBe(480);
    b.clock.now += WINDOW_MS;
    expect(await b.gdp()).toBe(480);
  });

  it('keeps the published summaries until the aggregation publishes new ones, and shows those within the window', async () => {
    const reader = process();
    const summaries = () => reader.cache.ratings.periodSummaries(plan.id, 'all');
    const before = await summaries();
    await rateGdpAndAggregate(5, '2025-06-15T04:00:00Z');
    expect(await summaries()).toEqual(before);
    reader.clock.now += WINDOW_MS;
    expect(await summaries()).not.toEqual(before);
    expect(await summaries()).toEqual(await ratingsRepository(store.current).periodSummaries(plan.id, 'all'));
  });

  it('shows a value published and ratings aggregated in the meantime once the window has passed, from one version read', async () => {
    const reader = process();
    const summaries = () => reader.cache.ratings.periodSummaries(plan.id, 'all');
    const [valueBefore, ratingsBefore] = [await reader.gdp(), await summaries()];
    await publish(495);
    await rateGdpAndAggregate(2, '2025-06-15T05:00:00Z');
    reader.clock.now += WINDOW_MS - 1;
    expect([await reader.gdp(), await summaries()]).toEqual([valueBefore, ratingsBefore]);
    reader.counting.reset();
    reader.clock.now += 1;
    expect(await reader.gdp()).toBe(495);
    expect(await summaries()).not.toEqual(ratingsBefore);
    expect(reader.counting.sent()).toMatchObject({ GetCommand: 1 + 1 }); // the versions, then the new summaries
  });

  it('keeps the two versions apart: a plan write bumps only the plan data’s, an aggregation that published only the ratings’', async () => {
    const versions = () => dataVersions(store.current);
    const before = await versions();
    await publish(496);
    const afterPublish = await versions();
    expect(Number(afterPublish.plan)).toBe(Number(before.plan) + 1);
    expect(afterPublish.ratings).toBe(before.ratings);
    await rateGdpAndAggregate(3, '2025-06-15T06:00:00Z');
    const afterAggregation = await versions();
    expect(afterAggregation.plan).toBe(afterPublish.plan);
    expect(Number(afterAggregation.ratings)).toBeGreaterThan(Number(afterPublish.ratings));
    // A run with nothing new publishes nothing and bumps nothing.
    await aggregate();
    expect(await versions()).toEqual(afterAggregation);
  });

  it('bumps the version with every writer: publish, correction, progress, lifecycle change and import, but not an unchanged import', async () => {
    const version = async () => Number((await dataVersions(store.current)).plan);
    const deps = {
      planId: plan.id,
      plans: planRepository(store.current),
      progress: progressRepository(store.current),
      audit: auditRepository(store.current),
    };
    const bumps = async (write: () => Promise<unknown>) => {
      const before = await version();
      await write();
      return (await version()) - before;
    };
    expect(await bumps(() => publishObservation(deps, 'gdp', { year: 2023, value: 520 }, publisher, at))).toBe(1);
    expect(
      await bumps(() =>
        publishObservation(deps, 'gdp', { year: 2023, value: 560, reason: 'final figure' }, publisher, at),
      ),
    ).toBe(1);
    const projectId = plan.projects[0]!.id;
    expect(
      await bumps(() =>
        deps.progress.append(
          plan.id,
          { projectId, status: 'in_progress', progress: 10, note: 'begun', reason: 'first report', recordedBy: 'x' },
          at,
        ),
      ),
    ).toBe(1);
    expect(
      await bumps(() => changePlanStatus(deps, { planId: plan.id, to: 'closed', reason: 'period over' }, system, at)),
    ).toBe(1);
    expect(await bumps(() => loadPlan(store.current, { ...plan, titleEn: `${plan.titleEn} (revised)` }))).toBe(1);
    expect(await bumps(() => loadPlan(store.current, { ...plan, titleEn: `${plan.titleEn} (revised)` }))).toBe(0);
  });
});
